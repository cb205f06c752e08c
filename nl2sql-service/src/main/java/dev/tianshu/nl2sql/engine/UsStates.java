package dev.tianshu.nl2sql.engine;

import java.util.List;
import java.util.Map;

/**
 * The US states by name and postal code: a column that holds state codes ('CA', 'NY') is also asked about by the
 * state's name ("businesses in California" → state = 'CA').
 */
final class UsStates {

    static final Map<String, String> BY_CODE = Map.ofEntries(Map.entry("AL", "Alabama"), Map.entry("AK", "Alaska"),
            Map.entry("AZ", "Arizona"), Map.entry("AR", "Arkansas"), Map.entry("CA", "California"),
            Map.entry("CO", "Colorado"), Map.entry("CT", "Connecticut"), Map.entry("DE", "Delaware"),
            Map.entry("DC", "District of Columbia"), Map.entry("FL", "Florida"), Map.entry("GA", "Georgia"),
            Map.entry("HI", "Hawaii"), Map.entry("ID", "Idaho"), Map.entry("IL", "Illinois"),
            Map.entry("IN", "Indiana"), Map.entry("IA", "Iowa"), Map.entry("KS", "Kansas"),
            Map.entry("KY", "Kentucky"), Map.entry("LA", "Louisiana"), Map.entry("ME", "Maine"),
            Map.entry("MD", "Maryland"), Map.entry("MA", "Massachusetts"), Map.entry("MI", "Michigan"),
            Map.entry("MN", "Minnesota"), Map.entry("MS", "Mississippi"), Map.entry("MO", "Missouri"),
            Map.entry("MT", "Montana"), Map.entry("NE", "Nebraska"), Map.entry("NV", "Nevada"),
            Map.entry("NH", "New Hampshire"), Map.entry("NJ", "New Jersey"), Map.entry("NM", "New Mexico"),
            Map.entry("NY", "New York"), Map.entry("NC", "North Carolina"), Map.entry("ND", "North Dakota"),
            Map.entry("OH", "Ohio"), Map.entry("OK", "Oklahoma"), Map.entry("OR", "Oregon"),
            Map.entry("PA", "Pennsylvania"), Map.entry("RI", "Rhode Island"), Map.entry("SC", "South Carolina"),
            Map.entry("SD", "South Dakota"), Map.entry("TN", "Tennessee"), Map.entry("TX", "Texas"),
            Map.entry("UT", "Utah"), Map.entry("VT", "Vermont"), Map.entry("VA", "Virginia"),
            Map.entry("WA", "Washington"), Map.entry("WV", "West Virginia"), Map.entry("WI", "Wisconsin"),
            Map.entry("WY", "Wyoming"));

    /** State names that are also cities: the state only when called one ("the state of New York", "Washington state"). */
    private static final java.util.Set<String> CITY_NAMES = java.util.Set.of("New York", "Washington");

    private UsStates() {
    }

    /** The words a state is asked about by. */
    static List<String> names(String state) {
        return CITY_NAMES.contains(state) ? List.of("state of " + state, state + " state") : List.of(state);
    }

    /** Whether a column's samples are US state codes (at least two, all of them). */
    static boolean codes(List<String> samples) {
        return samples.size() >= 2 && samples.stream().allMatch(BY_CODE::containsKey);
    }
}

package dev.tianshu.nl2sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.tianshu.nl2sql.engine.ParserCases.Answer;
import dev.tianshu.nl2sql.engine.ParserCases.Case;

/**
 * The parser cases of {@code parser-cases/cases.txt}, Chinese and English, over every feature of the built-in
 * engine (seed 002): each is its own test, named by its question, checking the normalised reading and the SQL.
 * Known gaps (cases whose correct answer the parser does not give yet) are listed separately: each prints what the
 * parser answers against what it should, and is skipped.
 */
class ParserCasesTest {

    /** The features a case may be tagged with; every one must be covered by cases that pass. */
    static final Set<String> FEATURES = Set.of(
            // what names the model: display names, column names, table names, synonyms, sample values
            "display-name", "column-name", "table-name", "synonym", "sample",
            // aggregations
            "sum", "avg", "max", "min", "count", "distinct", "variance", "default-agg", "listing",
            // grouping, joins, time, conditions, ranking, ratios
            "group", "join", "time-relative", "time-absolute", "period", "compare", "between", "having", "top-n",
            "order", "share", "absence", "like",
            // conversations and what must not be answered
            "follow-up", "ungrounded", "hostile");

    static final List<Case> CASES = ParserCases.all();

    @TestFactory
    Stream<DynamicTest> parserCases() {
        return CASES.stream().filter(c -> !c.knownGap()).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Answer actual = ParserCases.answer(c);
            assertEquals(c.reading(), actual.reading(), "reading (cases.txt line " + c.line() + ")");
            assertEquals(c.sql(), actual.sql(), "sql (cases.txt line " + c.line() + ")");
        }));
    }

    @TestFactory
    Stream<DynamicTest> knownGaps() {
        return CASES.stream().filter(Case::knownGap).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Answer actual = ParserCases.answer(c);
            if (actual.matches(c)) {
                fail("known gap at cases.txt line " + c.line() + " is answered correctly now: remove its @known-gap");
            }
            System.out.printf("KNOWN GAP (cases.txt line %d) %s%n  why:      %s%n  actual:   %s%n            %s%n"
                            + "  expected: %s%n            %s%n",
                    c.line(), c.name(), c.gap(), actual.reading(), actual.sql(), c.reading(), c.sql());
            Assumptions.abort("known gap: " + c.gap());
        }));
    }

    /** The case file covers what the issue asks: 150+ cases, both languages, every dialect, every feature. */
    @Test
    void theCasesCoverEveryFeatureLanguageAndDialect() {
        List<Case> passing = CASES.stream().filter(c -> !c.knownGap()).toList();
        assertTrue(passing.size() >= 150, "at least 150 cases that pass: " + passing.size());
        assertTrue(passing.stream().filter(c -> c.language().equals("english")).count() >= 40, "40+ English cases");
        assertTrue(passing.stream().filter(c -> c.language().equals("chinese")).count() >= 40, "40+ Chinese cases");
        for (String dialect : ParserCases.DIALECTS) {
            for (String language : List.of("chinese", "english")) {
                assertTrue(passing.stream().anyMatch(c -> c.dialect().equals(dialect) && c.language().equals(language)
                        && c.grounded()), dialect + " " + language);
            }
        }
        List<String> unknown = new ArrayList<>();
        CASES.forEach(c -> c.tags().stream().filter(t -> !FEATURES.contains(t))
                .forEach(t -> unknown.add("line " + c.line() + ": " + t)));
        assertEquals(List.of(), unknown, "tags outside FEATURES");
        for (String feature : FEATURES) {
            assertTrue(passing.stream().anyMatch(c -> c.tags().contains(feature)), "no passing case for " + feature);
        }
        for (String language : List.of("chinese", "english")) {
            for (String feature : List.of("follow-up", "ungrounded", "hostile", "time-relative", "time-absolute",
                    "top-n", "sample", "group", "join", "absence")) {
                assertTrue(passing.stream().anyMatch(c -> c.tags().contains(feature) && c.language().equals(language)),
                        language + " " + feature);
            }
        }
        Map<String, String> perFeature = new TreeMap<>();
        for (String feature : FEATURES) {
            long pass = passing.stream().filter(c -> c.tags().contains(feature)).count();
            long gaps = CASES.stream().filter(c -> c.knownGap() && c.tags().contains(feature)).count();
            perFeature.put(feature, pass + (gaps > 0 ? " (+" + gaps + " known gaps)" : ""));
        }
        System.out.printf("parser cases: %d (%d pass, %d known gaps); chinese %d, english %d; per dialect %s%n"
                        + "per feature: %s%n",
                CASES.size(), passing.size(), CASES.size() - passing.size(),
                CASES.stream().filter(c -> c.language().equals("chinese")).count(),
                CASES.stream().filter(c -> c.language().equals("english")).count(),
                CASES.stream().collect(Collectors.groupingBy(Case::dialect, TreeMap::new, Collectors.counting())),
                perFeature);
    }
}

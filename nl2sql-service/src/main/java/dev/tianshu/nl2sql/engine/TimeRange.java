package dev.tianshu.nl2sql.engine;

import java.time.LocalDate;

/**
 * A half-open range of days [{@code from}, {@code to}) that a time expression denotes, with the words it is read
 * back as ("去年", "2023年4月", "last 7 days").
 */
public record TimeRange(LocalDate from, LocalDate to, String label) {

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty range " + from + " .. " + to);
        }
    }
}

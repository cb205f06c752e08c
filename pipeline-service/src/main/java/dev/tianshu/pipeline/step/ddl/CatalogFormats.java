package dev.tianshu.pipeline.step.ddl;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How step 1 writes catalog facts: column types in the short form of the original's files and column defaults as
 * they can be written into a CREATE TABLE.
 */
public final class CatalogFormats {

    private static final Pattern VARCHAR = Pattern.compile("^character varying(\\(\\d+\\))?");
    private static final Pattern CHAR = Pattern.compile("^character(\\(\\d+\\))?");
    private static final Pattern TIMESTAMP = Pattern.compile("^timestamp(\\(\\d+\\))? without time zone");
    private static final Pattern TIMESTAMPTZ = Pattern.compile("^timestamp(\\(\\d+\\))? with time zone");
    private static final Pattern TIME = Pattern.compile("^time(\\(\\d+\\))? without time zone");
    private static final Pattern NOW = Pattern.compile("^(now\\(\\)|current_timestamp)$", Pattern.CASE_INSENSITIVE);

    private CatalogFormats() {
    }

    /**
     * A type as {@code format_type} writes it, shortened: {@code character varying(n)} → {@code varchar(n)},
     * {@code character(n)} → {@code char(n)}, {@code timestamp without time zone} → {@code timestamp},
     * {@code timestamp with time zone} → {@code timestamptz}, {@code time without time zone} → {@code time};
     * anything else (also array suffixes) as it is.
     */
    public static String type(String formatType) {
        if (formatType == null) {
            return null;
        }
        String t = formatType.strip();
        t = replacePrefix(t, VARCHAR, "varchar");
        t = replacePrefix(t, CHAR, "char");
        t = replacePrefix(t, TIMESTAMP, "timestamp");
        t = replacePrefix(t, TIMESTAMPTZ, "timestamptz");
        t = replacePrefix(t, TIME, "time");
        return t;
    }

    private static String replacePrefix(String type, Pattern pattern, String shortName) {
        Matcher m = pattern.matcher(type);
        if (!m.find()) {
            return type;
        }
        String modifier = m.group(1) == null ? "" : m.group(1);
        return shortName + modifier + type.substring(m.end());
    }

    /**
     * A column default as written into the DDL: null for none, for sequence defaults ({@code nextval(...)}) and
     * blank ones; {@code now()} and {@code CURRENT_TIMESTAMP} as {@code current_timestamp}; else as it is.
     */
    public static String defaultValue(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        String e = expression.strip();
        if (e.toLowerCase(Locale.ROOT).startsWith("nextval(")) {
            return null;
        }
        if (NOW.matcher(e).matches()) {
            return "current_timestamp";
        }
        return e;
    }
}

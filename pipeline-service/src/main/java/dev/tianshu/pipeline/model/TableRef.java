package dev.tianshu.pipeline.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** A table by schema and name, as written in a table list ({@code t} means {@code public.t}). */
public record TableRef(String schema, String name) {

    /** What a table-list entry may look like: {@code name} or {@code schema.name}, SQL identifiers without quotes. */
    public static final Pattern NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)?$");

    public TableRef {
        if (schema == null || schema.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("schema and name are required");
        }
    }

    /** {@code t} → public.t, {@code s.t} → s.t; throws for anything {@link #NAME} refuses. */
    public static TableRef parse(String entry) {
        String e = entry == null ? "" : entry.strip();
        if (!NAME.matcher(e).matches()) {
            throw new IllegalArgumentException("无效的表名: " + entry);
        }
        int dot = e.indexOf('.');
        return dot < 0 ? new TableRef("public", e) : new TableRef(e.substring(0, dot), e.substring(dot + 1));
    }

    public String qualified() {
        return schema + "." + name;
    }

    /** The identifier quoted for SQL: {@code "schema"."name"}. */
    public String quoted() {
        return quote(schema) + "." + quote(name);
    }

    /**
     * The base name of this table's task files, as the original names them: {@code public.t} → {@code t},
     * {@code s.t} → {@code s_t}.
     */
    public String fileBase() {
        String base = schema.equals("public") ? name : schema + "_" + name;
        return base.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("_{2,}", "_").toLowerCase(Locale.ROOT);
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return qualified();
    }
}

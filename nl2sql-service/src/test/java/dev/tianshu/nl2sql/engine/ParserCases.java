package dev.tianshu.nl2sql.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tianshu.nl2sql.model.ModelValidator;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The parser cases of {@code parser-cases/cases.txt} (the format is described at the top of that file) and the
 * fixture models they are asked against, shared by {@link ParserCasesTest} and {@link DialectSqlTest}.
 */
final class ParserCases {

    /** Every case is asked on this day. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final List<String> DIALECTS = List.of("mysql", "clickhouse", "impala", "postgresql");
    /** The language each fixture model is asked in. */
    static final List<String> CHINESE_MODELS = List.of("highway");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One case.
     *
     * @param reading the expected normalised question, null when nothing may be grounded
     * @param sql the expected SQL, null when nothing may be grounded
     * @param gap why the parser is wrong today (then reading and sql are the correct answer), or null
     * @param rows the rows the PostgreSQL SQL returns on the fixture data ("a | b ; c | d", "-" for none), or null
     */
    record Case(int line, String model, String dialect, Set<String> tags, String gap, List<String> given, String ask,
            String reading, String sql, String rows) {

        boolean knownGap() {
            return gap != null;
        }

        boolean grounded() {
            return sql != null;
        }

        String language() {
            return CHINESE_MODELS.contains(model) ? "chinese" : "english";
        }

        /** The question with the earlier questions of its conversation, as the test is named. */
        String name() {
            String chain = given.isEmpty() ? ask : String.join(" → ", given) + " → " + ask;
            return chain + "  [" + model + "/" + dialect + "]";
        }
    }

    /** What the engine made of a case's question: the normalised question and the SQL, or nulls. */
    record Answer(String reading, String sql) {

        boolean matches(Case c) {
            return Objects.equals(reading, c.reading()) && Objects.equals(sql, c.sql());
        }
    }

    private ParserCases() {
    }

    /** A fixture model ({@code parser-cases/<name>.json}) with its type set to {@code dialect}. */
    static SemanticModel model(String name, String dialect) {
        try (InputStream in = resource("parser-cases/" + name + ".json")) {
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            node.put("type", dialect);
            return ModelValidator.model(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the case's questions in turn (each earlier one must be understood) and answers the last. */
    static Answer answer(Case c) {
        return answer(c, c.dialect());
    }

    /** The same, on the case's model with its type set to {@code dialect}. */
    static Answer answer(Case c, String dialect) {
        SemanticModel model = model(c.model(), dialect);
        Lexicon lexicon = new Lexicon(model);
        Reading previous = null;
        for (String question : c.given()) {
            QuestionParser.Parse p = QuestionParser.parse(question, model, lexicon, TODAY, previous);
            previous = p.reading().orElseThrow(() -> new AssertionError(
                    "line " + c.line() + ": the earlier question is not understood: " + question));
        }
        QuestionParser.Parse p = QuestionParser.parse(c.ask(), model, lexicon, TODAY, previous);
        if (p.reading().isEmpty()) {
            return new Answer(null, null);
        }
        return new Answer(p.question(), SqlWriter.write(p.reading().get(), model));
    }

    static List<Case> all() {
        String text;
        try (InputStream in = resource("parser-cases/cases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(text);
    }

    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Builder b = null;
        String lastField = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                if (b != null) {
                    cases.add(b.build());
                    b = null;
                }
                lastField = null;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (b == null || !"sql".equals(lastField)) {
                    throw new IllegalArgumentException("cases.txt line " + (i + 1) + ": only sql continues");
                }
                b.sql = b.sql + " " + line.strip();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("cases.txt line " + (i + 1) + ": not a field: " + line);
            }
            String field = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (b == null) {
                b = new Builder(i + 1);
            }
            lastField = field;
            switch (field) {
                case "model" -> {
                    String[] md = value.split("/");
                    b.model = md[0];
                    b.dialect = md[1];
                }
                case "tags" -> {
                    for (String tag : value.split(",")) {
                        b.tags.add(tag.strip());
                    }
                }
                case "@known-gap" -> b.gap = value;
                case "given" -> b.given.add(value);
                case "ask" -> b.ask = value;
                case "reading" -> b.reading = value;
                case "sql" -> b.sql = value;
                case "rows" -> b.rows = value;
                default -> throw new IllegalArgumentException("cases.txt line " + (i + 1) + ": unknown field " + field);
            }
        }
        if (b != null) {
            cases.add(b.build());
        }
        return cases;
    }

    private static final class Builder {
        final int line;
        String model;
        String dialect;
        final Set<String> tags = new LinkedHashSet<>();
        String gap;
        final List<String> given = new ArrayList<>();
        String ask;
        String reading;
        String sql;
        String rows;

        Builder(int line) {
            this.line = line;
        }

        Case build() {
            if (model == null || dialect == null || ask == null || reading == null || sql == null || tags.isEmpty()) {
                throw new IllegalArgumentException("cases.txt line " + line
                        + ": a case needs model, tags, ask, reading and sql");
            }
            if (!DIALECTS.contains(dialect)) {
                throw new IllegalArgumentException("cases.txt line " + line + ": unknown dialect " + dialect);
            }
            if (reading.equals("-") != sql.equals("-")) {
                throw new IllegalArgumentException("cases.txt line " + line + ": reading and sql are both - or neither");
            }
            return new Case(line, model, dialect, Set.copyOf(tags), gap, List.copyOf(given), ask,
                    reading.equals("-") ? null : reading, sql.equals("-") ? null : sql, rows);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = ParserCases.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + path);
        }
        return in;
    }
}

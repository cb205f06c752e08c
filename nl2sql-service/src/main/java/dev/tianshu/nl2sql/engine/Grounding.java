package dev.tianshu.nl2sql.engine;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.engine.Part.Role;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Where the terms of a question land in the semantic model: the fact table, the candidate column nearest it, a
 * table's time column, a column's default aggregation.
 */
final class Grounding {

    private static final Pattern AUDIT_TIME = Pattern.compile(
            "(?i)^(create|created|update|updated|modify|modified|delete|deleted|gmt)_?(ts|at|time|date|on)?$|_ts$");

    private Grounding() {
    }

    /**
     * The fact table: the first measure's; else the table counted; else the table most terms can belong to (on a
     * tie the first dimension's, unless a table of things the question names ties with a table of events).
     */
    static String factTable(List<Part> parts, List<Lexicon.Hit> hits, SemanticModel model, boolean timed) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Part p : parts) {
            p.candidates.stream().map(Reading.Column::table).distinct().forEach(t -> votes.merge(t, 1, Integer::sum));
        }
        for (Role role : new Role[] {Role.MEASURE, Role.COUNT}) {
            for (Part p : parts) {
                if (p.role == role) {
                    return p.candidates.stream().map(Reading.Column::table)
                            .max(Comparator.comparingInt((String t) -> votes.getOrDefault(t, 0))
                                    .thenComparing(t -> -p.candidates.indexOf(p.candidates.stream()
                                            .filter(c -> c.table().equals(t)).findFirst().orElseThrow())))
                            .orElse(null);
                }
            }
        }
        // no measure: a term that can only be in one table says more than one that can be in several
        Map<String, Double> weighted = new LinkedHashMap<>();
        for (Part p : parts) {
            List<String> tables = p.candidates.stream().map(Reading.Column::table).distinct().toList();
            tables.forEach(t -> weighted.merge(t, 1.0 / tables.size(), Double::sum));
        }
        // (on a tie, the table of things a term names, 服务区 → 服务区表, before a table of events that copies their
        // names; not for a time the things' table has no date of its own for)
        Set<String> named = new HashSet<>();
        hits.forEach(h -> h.entries().stream().filter(Lexicon.Entry::isEntity)
                .forEach(e -> named.add(e.table().toLowerCase(Locale.ROOT))));
        String best = null;
        for (Part p : parts) {
            for (Reading.Column c : p.candidates) {
                if (best == null || weighted.get(c.table()) > weighted.get(best)
                        || weighted.get(c.table()).equals(weighted.get(best)) && SqlWriter.eventsOnly(model, best)
                                && !SqlWriter.eventsOnly(model, c.table())
                                && named.contains(c.table().toLowerCase(Locale.ROOT))
                                && (!timed || businessTime(model, c.table()).isPresent())) {
                    best = c.table();
                }
            }
        }
        if (best == null && !model.tables().isEmpty()) {
            best = model.tables().get(0).tableName();
        }
        return best;
    }

    /**
     * The candidate in the fact table, else the one the fewest joins away from it; on a tie, one in a table of things
     * (服务区表) before one in a table of events (营业日数据表).
     */
    static Reading.Column nearest(List<Reading.Column> candidates, String fact, SemanticModel model) {
        Reading.Column best = candidates.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (Reading.Column c : candidates) {
            int d = SqlWriter.distance(model, fact, c.table());
            if (d < bestDistance || d == bestDistance && SqlWriter.eventsOnly(model, best.table())
                    && !SqlWriter.eventsOnly(model, c.table())) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    static String defaultAggregation(SemanticModel model, Reading.Column c) {
        return model.table(c.table()).flatMap(t -> t.column(c.column()))
                .map(SemanticModel.Column::aggregation).filter(a -> !a.equals("NONE")).orElse("SUM");
    }

    /** The time column of a table: its business date before an audit time (create/update/delete). */
    static Optional<Reading.Column> timeColumn(SemanticModel model, String table) {
        for (SemanticModel.Table t : nearestFirst(model, table, false)) {
            Optional<SemanticModel.Column> c = t.columns().stream().filter(SemanticModel.Column::temporal)
                    .min(Comparator.comparingInt(Grounding::timeRank));
            if (c.isPresent()) {
                return Optional.of(new Reading.Column(t.tableName(), c.get().columnName(), c.get().columnDisplayName(),
                        c.get().dataType()));
            }
        }
        return Optional.empty();
    }

    /** The model's tables, the fewest joins from {@code table} first (itself first); only those it joins, if asked. */
    static List<SemanticModel.Table> nearestFirst(SemanticModel model, String table, boolean joinedOnly) {
        Map<String, Integer> distances = SqlWriter.distances(model, table);
        return model.tables().stream()
                .filter(t -> !joinedOnly || distances.get(t.tableName().toLowerCase(Locale.ROOT)) < SqlWriter.UNJOINED)
                .sorted(Comparator.comparingInt(t -> distances.get(t.tableName().toLowerCase(Locale.ROOT))))
                .toList();
    }

    /** The table's own business date or time: a temporal column that is not an audit time. */
    static Optional<Reading.Column> businessTime(SemanticModel model, String table) {
        return model.table(table).flatMap(t -> t.columns().stream()
                .filter(c -> c.temporal() && !AUDIT_TIME.matcher(c.columnName()).find())
                .min(Comparator.comparingInt(Grounding::timeRank))
                .map(c -> Lexicon.column(t, c)));
    }

    private static int timeRank(SemanticModel.Column c) {
        if (AUDIT_TIME.matcher(c.columnName()).find()) {
            boolean deleted = c.columnName().toLowerCase(java.util.Locale.ROOT).startsWith("delete");
            return deleted ? 20 : 10;
        }
        int rank = c.dataType().equals("date") ? 0 : 2;
        boolean named = c.columnName().toLowerCase(java.util.Locale.ROOT).contains("date")
                || c.columnDisplayName().contains("日期");
        return rank + (named ? 0 : 1);
    }
}

package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * "The ratio of A to B": two aggregates divided, as a fraction. Each side is a measure (else a count of rows), of the
 * rows passing its own condition: "restaurants with a rating above 4.0 to restaurants with a rating below 4.0", "the
 * length of the Mississippi River to the length of the Rhine River", "aircraft capacity to its range for each aircraft
 * code", "Italian restaurants out of all restaurants in Los Angeles", "population per area", "支付总金额与订单总数之比",
 * "城际与过境车辆的车流量之比"; and "X as a percentage of Y" (times 100).
 */
final class Ratios {

    private static final Pattern RATIO = Pattern.compile("\\b(ratio|proportion|fraction)\\s+of\\s+");
    private static final Pattern TO = Pattern.compile("\\s(?:to|out of|versus|vs\\.?|against|compared (?:to|with)|per)\\s");
    private static final Pattern AS_PART_OF = Pattern.compile(
            "\\bas an?\\s+(percentage|percent|share|fraction|proportion)\\s+of\\s+(?:the\\s+)?");
    private static final Pattern CHINESE_RATIO = Pattern.compile("(?:的)?(?:之比|比值|比率)");
    private static final Pattern CHINESE_AND = Pattern.compile("与|和|跟|同");
    /** Where the second side ends: the groups, or what else is asked. */
    private static final Pattern END = Pattern.compile("\\s(?:for (?:each|every|all)|per|by|in each|within each|across"
            + "|grouped by|split by|in the database|overall|ordered|sorted|order by|show|return|and how|where)\\b");
    /** Words that make a side a subset of its rows; a side saying one needs a condition the parser found. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:with|without|that|which|who|whose|having|where"
            + "|serving|published|written|non|not|no)\\b");

    private Ratios() {
    }

    /**
     * Where the two sides are in the question, whether the ratio is a fraction, and how it is named:
     * prefix + first side + middle + second side + suffix.
     */
    private record Span(int aStart, int aEnd, int bStart, int bEnd, boolean fraction, String prefix, String middle,
            String suffix) {
    }

    /** Reads a ratio into the measures, taking its sides' parts; false (nothing changed) when there is none. */
    static boolean take(String rest, List<Lexicon.Hit> hits, List<Part> parts, List<Reading.Measure> measures,
            List<Reading.Column> dimensions, Map<String, Reading.Filter> filters, List<Part> comparisons,
            SemanticModel model, String fact, boolean english) {
        Span span = english ? english(rest, parts) : chinese(rest, parts);
        if (span == null) {
            return false;
        }
        Side a = side(parts, hits, span.aStart(), span.aEnd());
        Side b = side(parts, hits, span.bStart(), span.bEnd());
        if (a.conditions.size() > 1 || b.measures > 1 || a.measures > 1) {
            return false;
        }
        Part of = a.conditions.isEmpty() ? null : a.conditions.get(0);
        // the second side's condition is the contrast to the first's (a rating above 4 / below 4); a condition on
        // another column is on both ("… in Los Angeles")
        List<Part> contrast = of == null ? List.of()
                : b.conditions.stream().filter(p -> p.column().equals(of.column())).toList();
        if (contrast.size() > 1 || english && (of == null && QUALIFIED.matcher(rest.substring(span.aStart(), span.aEnd())).find()
                || contrast.isEmpty() && QUALIFIED.matcher(rest.substring(span.bStart(), span.bEnd())).find())) {
            return false;   // a side is a subset the parser did not understand: no ratio rather than a wrong one
        }
        Part over = contrast.isEmpty() ? null : contrast.get(0);
        // "城际与过境车辆的车流量之比": one measure named once for both values
        Part measured = a.measure != null ? a.measure : over != null ? b.measure : null;
        if (measured == null && (b.measure != null || a.thing == null)) {
            return false;   // rows are counted only of a thing named ("Italian restaurants", not "the altitude of X")
        }
        String counted = a.thing != null ? a.thing : fact;
        if (b.measure == null && over == null && (b.thing != null && !b.thing.equals(counted)
                || !onlyNamed(rest, b, span.bStart(), span.bEnd()))) {
            return false;   // a whole that is another thing ("publications to authors") or not understood ("its range")
        }
        Reading.Column numerator = measured != null ? measured.column()
                : new Reading.Column(counted, "*", "count", "bigint");
        Reading.Column denominator = b.measure != null ? b.measure.column() : numerator;
        boolean grouped = dimensions.stream().anyMatch(d -> a.named.stream().noneMatch(p -> p.column().equals(d)
                && !p.grouping) && b.named.stream().noneMatch(p -> p.column().equals(d) && !p.grouping));
        if (of == null && over == null && denominator.equals(numerator) && !grouped) {
            return false;   // a thing to itself
        }
        takeParts(a, b, of, over, measures, dimensions, filters, comparisons);
        // named as asked, up to the conditions on both sides ("… to all restaurants" in Los Angeles)
        int named = b.conditions.stream().filter(p -> !p.equals(over)).mapToInt(p -> p.hit.start()).min()
                .orElse(span.bEnd());
        String label = span.prefix() + rest.substring(span.aStart(), span.aEnd()).strip() + span.middle()
                + rest.substring(span.bStart(), named).replaceAll("\\s+(in|at|from|of)\\s*$", "").strip()
                + span.suffix();
        measures.add(0, new Reading.Measure(numerator, aggregation(measured, numerator, model), label, denominator,
                condition(of), condition(over), span.fraction()));
        return true;
    }

    /** The sides' parts are the ratio's, not measures, groups or conditions of their own. */
    private static void takeParts(Side a, Side b, Part of, Part over, List<Reading.Measure> measures,
            List<Reading.Column> dimensions, Map<String, Reading.Filter> filters, List<Part> comparisons) {
        List<Part> taken = new ArrayList<>(a.all);
        taken.addAll(b.all);
        taken.removeIf(p -> p.grouping || (p.role == Part.Role.FILTER || p.role == Part.Role.COMPARISON)
                && !p.equals(of) && !p.equals(over));
        for (Part p : taken) {
            measures.removeIf(m -> m.denominator() == null && m.column() != null && m.column().equals(p.column()));
            dimensions.remove(p.column());
            comparisons.remove(p);
            if (p.role == Part.Role.FILTER) {
                filters.remove(QuestionParser.key(p.column()) + p.op);
            }
        }
        measures.removeIf(m -> m.column() != null && m.column().rows() && "COUNT".equals(m.aggregation()));
    }

    /** The measure's own aggregation, else its column's default, else SUM; COUNT of rows. */
    private static String aggregation(Part measured, Reading.Column numerator, SemanticModel model) {
        if (measured == null) {
            return "COUNT";
        }
        String aggregation = measured.aggregation == null || "NONE".equals(measured.aggregation)
                ? Grounding.defaultAggregation(model, numerator) : measured.aggregation;
        return "NONE".equals(aggregation) ? "SUM" : aggregation;
    }

    /** "the ratio of A to B", "A as a percentage of B". */
    private static Span english(String rest, List<Part> parts) {
        Matcher ratio = RATIO.matcher(rest);
        Matcher to = TO.matcher(rest);
        Matcher end = END.matcher(rest);
        if (ratio.find() && to.find(ratio.end())) {
            return new Span(ratio.end(), to.start(), to.end(), end.find(to.end()) ? end.start() : rest.length(), true,
                    ratio.group(1) + " of ", " " + to.group().strip() + " ", "");
        }
        Matcher asPart = AS_PART_OF.matcher(rest);
        if (!asPart.find()) {
            return null;
        }
        // "shipping cost as a percentage of amount": the measure just before is the part
        int at = asPart.start();
        int aStart = parts.stream().filter(p -> p.role == Part.Role.MEASURE && p.hit.end() <= at)
                .mapToInt(p -> p.hit.start()).max().orElse(-1);
        boolean fraction = asPart.group(1).startsWith("fraction") || asPart.group(1).startsWith("proportion");
        return aStart < 0 ? null : new Span(aStart, at, asPart.end(),
                end.find(asPart.end()) ? end.start() : rest.length(), fraction, "", " as a " + asPart.group(1) + " of ",
                fraction ? "" : " (%)");
    }

    /**
     * "支付总金额与订单总数之比", "城际与过境车辆的车流量比值": the term just before 与 / 和 is the first side, what
     * follows up to 之比 / 比值 / 比率 the second.
     */
    private static Span chinese(String rest, List<Part> parts) {
        Matcher ratio = CHINESE_RATIO.matcher(rest);
        if (!ratio.find()) {
            return null;
        }
        Matcher and = CHINESE_AND.matcher(rest.substring(0, ratio.start()));
        int connector = -1;
        int connectorEnd = -1;
        while (and.find()) {
            connector = and.start();
            connectorEnd = and.end();
        }
        int before = connector;
        int aStart = parts.stream().filter(p -> p.hit.end() <= before && before - p.hit.end() <= 4)
                .mapToInt(p -> p.hit.start()).max().orElse(-1);
        return connector < 0 || aStart < 0 ? null
                : new Span(aStart, connector, connectorEnd, ratio.start(), true, "", "与", "之比");
    }

    /** Words that may stand beside a side's parts when it names all rows of its thing ("the total number of …"). */
    private static final Pattern WHOLE_WORDS = Pattern.compile("\\b(?:the|a|an|of|in|on|all|total|whole|entire|overall"
            + "|number|numbers|count|counts|database|dataset|table|data|each|every)\\b|全部|所有|总体|总|的");

    /** Whether a side says nothing but its parts and words for "all of them". */
    private static boolean onlyNamed(String rest, Side side, int from, int to) {
        StringBuilder words = new StringBuilder(rest.substring(from, to));
        for (Lexicon.Hit h : side.words) {
            for (int i = h.start(); i < h.end(); i++) {
                words.setCharAt(i - from, ' ');
            }
        }
        return WHOLE_WORDS.matcher(words).replaceAll(" ").isBlank();
    }

    private static Reading.Filter condition(Part p) {
        return p == null ? null : new Reading.Filter(p.column(), p.op, p.values);
    }

    /** The parts of one side of a ratio, between {@code from} and {@code to}, and the thing it counts. */
    private static Side side(List<Part> parts, List<Lexicon.Hit> hits, int from, int to) {
        Side s = new Side();
        for (Lexicon.Hit h : hits) {
            if (h.start() >= from && h.end() <= to) {
                s.words.add(h);
                // "orders": a table named, even one without a name column to list
                h.entries().stream().filter(Lexicon.Entry::isEntity).findFirst()
                        .ifPresent(e -> s.thing = s.thing == null ? e.table() : s.thing);
            }
        }
        for (Part p : parts) {
            if (p.hit.start() < from || p.hit.end() > to) {
                continue;
            }
            s.all.add(p);
            switch (p.role) {
                case MEASURE -> {
                    s.measures++;
                    s.measure = s.measure == null ? p : s.measure;
                }
                case FILTER, COMPARISON -> s.conditions.add(p);
                case COUNT -> s.thing = s.thing == null ? p.column().table() : s.thing;
                case DIMENSION -> {
                    s.named.add(p);
                    if (!p.grouping && p.hit.entries().stream().anyMatch(Lexicon.Entry::isEntity) && s.thing == null) {
                        s.thing = p.column().table();
                    }
                }
                default -> {
                }
            }
        }
        return s;
    }

    private static final class Side {
        final List<Part> all = new ArrayList<>();
        final List<Lexicon.Hit> words = new ArrayList<>();
        final List<Part> conditions = new ArrayList<>();
        final List<Part> named = new ArrayList<>();
        Part measure;
        int measures;
        String thing;
    }
}

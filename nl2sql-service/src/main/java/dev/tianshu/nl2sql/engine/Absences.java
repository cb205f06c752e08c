package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tianshu.nl2sql.engine.Part.Role;
import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * Related rows that must not exist: "没有关联任何服务区的路段", "未建立映射的服务区", "stadiums without any concert",
 * "students who do not have a cat pet", "employees who never received any evaluation". The thing named after the
 * negation is a table of the model other than the one the answer lists, joined to it along the relations; the values
 * and comparisons named with it ("cartoons directed by Ben Jones", "ships with tonnage 225") are conditions on the
 * related rows, not on the answer's.
 */
final class Absences {

    /** A negation, then only linking words before the related thing. */
    private static final Pattern CHINESE = Pattern.compile("(没有|从未|从没有?|未|无|不存在)"
            + "((?:关联|建立|产生|发生|录入|对应|使用|配置|绑定|挂靠|过|了|有|任何|的|\\s)*)$");
    private static final Pattern ENGLISH = Pattern.compile("\\b(?:without|with no|(?:have|has|had) no|"
            + "(?:do|does|did|have|has|had) not|don't|doesn't|didn't|haven't|hasn't|hadn't|never|"
            + "(?:is|are|was|were) not(?=\\s+\\w+(?:ed|ing)\\b)|not(?=\\s+\\w+ed\\s+(?:by|in|for|to|with|on)\\b))"
            + "((?:\\s+[a-z']+){0,5}?)\\s*$");
    /** Words between the negation and the thing that say more than how they are linked. */
    private static final Set<String> NOT_LINKING = Set.of("and", "or", "but", "than", "more", "less", "which", "who",
            "whose", "that", "where");

    /** Between the related thing and another thing named as part of it: "(treatment) on (dogs)". */
    private static final Pattern LINKED = Pattern.compile("\\s*(?:on|of|for|to|in|with|by|from)\\s+(?:the\\s+|any\\s+|a\\s+)?");

    private Absences() {
    }

    /**
     * The related thing that must not exist, the hit naming it, the parts that are conditions on it and the other
     * parts that only name more of it.
     */
    record Absence(Lexicon.Hit hit, String table, String label, List<Part> conditions, List<Part> named) {

        boolean covers(Part p) {
            return p.hit == hit || conditions.contains(p) || named.contains(p);
        }
    }

    /** The absence the question names, or null. */
    static Absence find(String rest, List<Lexicon.Hit> hits, List<Part> parts, boolean english) {
        for (int h = 0; h < hits.size(); h++) {
            Lexicon.Hit hit = hits.get(h);
            Lexicon.Entry entity = hit.entries().stream().filter(Lexicon.Entry::isEntity).findFirst().orElse(null);
            if (entity == null) {
                continue;
            }
            // the negation: just before the thing, or before the values named with it ("do not have a cat pet")
            int from = h;
            while (from > 0 && hits.get(from - 1).entries().stream().allMatch(Lexicon.Entry::isValue)
                    && hit.start() - hits.get(from - 1).end() < 12) {
                from--;
            }
            String before = rest.substring(0, hits.get(from).start());
            Matcher negation = (english ? ENGLISH : CHINESE).matcher(before);
            if (!negation.find()) {
                continue;
            }
            if (english && negation.group(1) != null && Arrays.stream(negation.group(1).trim().split("\\s+"))
                    .anyMatch(NOT_LINKING::contains)) {
                continue;
            }
            int negated = hits.get(from).start();
            List<Part> conditions = new ArrayList<>(parts.stream().filter(p -> isCondition(p)
                    && p.hit.start() >= negated && p.hit.end() <= hit.start()).toList());
            List<Part> named = new ArrayList<>();
            takeFollowing(rest, parts, hit, negated, english, conditions, named);
            return new Absence(hit, entity.table(), entity.term(), conditions, named);
        }
        return null;
    }

    /**
     * The parts right after the related thing ("any cartoon directed by Ben Jones", "any treatment on dogs", "any
     * ship with tonnage 225"): its conditions, the columns they are on and things linked to it by a preposition, up
     * to a term of the answer's own tables ("customers without any orders in Berlin": Berlin is the customers').
     */
    private static void takeFollowing(String rest, List<Part> parts, Lexicon.Hit hit, int negated, boolean english,
            List<Part> conditions, List<Part> named) {
        Set<String> answers = new HashSet<>();
        parts.stream().filter(p -> p.hit.end() <= negated && !isCondition(p))
                .forEach(p -> p.candidates.forEach(c -> answers.add(c.table())));
        int end = hit.end();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (p.hit.start() < end) {
                continue;
            }
            Part following = i + 1 < parts.size() ? parts.get(i + 1) : null;
            if (isCondition(p) && p.candidates.stream().anyMatch(c -> !answers.contains(c.table()))) {
                conditions.add(p);
            } else if (!isCondition(p) && following != null && following.role == Role.FILTER
                    && p.candidates.stream().anyMatch(following.candidates::contains)) {
                named.add(p);   // "tonnage" of "tonnage '225'"
            } else if (english && p.hit.entries().stream().anyMatch(Lexicon.Entry::isEntity)
                    && LINKED.matcher(rest.substring(end, p.hit.start())).matches()) {
                named.add(p);
            } else {
                return;
            }
            end = p.hit.end();
        }
    }

    private static boolean isCondition(Part p) {
        return p.role == Role.FILTER || p.role == Role.COMPARISON;
    }

    /**
     * The absence the question names, its parts taken out of {@code parts}; null when there is none, or when what is
     * left is about the related table itself or is not joined to it.
     */
    static Absence take(String rest, List<Lexicon.Hit> hits, List<Part> parts, SemanticModel model,
            List<String> understood, boolean english) {
        Absence found = find(rest, hits, parts, english);
        if (found == null) {
            return null;
        }
        List<Part> kept = new ArrayList<>(parts);
        kept.removeIf(found::covers);
        // "the countries with no car makers": the answer's terms are not the related table's columns
        Map<Part, List<Reading.Column>> candidates = new HashMap<>();
        for (Part p : kept) {
            candidates.put(p, p.candidates);
            List<Reading.Column> others = p.candidates.stream()
                    .filter(c -> !c.table().equalsIgnoreCase(found.table())).toList();
            p.candidates = others.isEmpty() ? p.candidates : others;
        }
        String main = kept.isEmpty() ? null : Grounding.factTable(kept, hits, model, false);
        if (main == null || main.equalsIgnoreCase(found.table())
                || SqlWriter.distance(model, main, found.table()) >= SqlWriter.UNJOINED) {
            candidates.forEach((p, c) -> p.candidates = c);
            return null;
        }
        parts.retainAll(kept);
        understood.add((english ? "without " : "没有") + found.label());
        return found;
    }

    /**
     * The reading's absence: the conditions grounded in the related table (or nearest it); the question's time is
     * the related rows' when only they have a business date ("过去30天内没有营业日数据的公司").
     */
    static Reading.Absent absent(Absence a, SemanticModel model, String fact, Optional<TimeRange> range) {
        List<Reading.Filter> filters = new ArrayList<>();
        for (Part p : a.conditions()) {
            Reading.Column c = Grounding.nearest(p.candidates, a.table(), model);
            filters.add(new Reading.Filter(c, p.op, p.values));
        }
        Optional<Reading.Column> theirs = Grounding.businessTime(model, a.table());
        boolean theirTime = range.isPresent() && theirs.isPresent() && Grounding.businessTime(model, fact).isEmpty();
        return new Reading.Absent(a.table(), a.label(), filters,
                theirTime ? new Reading.Time(theirs.get(), range.get()) : null);
    }
}

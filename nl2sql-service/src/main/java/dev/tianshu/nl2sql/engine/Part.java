package dev.tianshu.nl2sql.engine;

import java.util.List;

/** A term of the question and the part of the reading it became. */
final class Part {

    /** What the term is in the question. */
    enum Role { MEASURE, COUNT, DIMENSION, FILTER, COMPARISON, TIME }

    /** No part: stands for "not this" where null already means something. */
    static final Part NONE = new Part(Role.MEASURE, new Lexicon.Hit(0, 0, List.of()), List.of());

    final Role role;
    final Lexicon.Hit hit;
    List<Reading.Column> candidates;
    String aggregation;
    String extreme;
    String op;
    List<String> values;
    boolean singleRow;
    /** A thing named right before records of it ("服务区映射记录"): whose they are, not a grouping. */
    boolean recordsOf;
    /** A dimension named after a grouping word (按/各/by/per/each). */
    boolean grouping;
    boolean orderedBy;
    /** A value taken from the question's words, to be spelled as the question wrote it (H0501, not h0501). */
    boolean asWritten;
    /** A thing without a name after each / per, grouped by its key ("keyphrases of each paper"). */
    boolean eachKey;

    Part(Role role, Lexicon.Hit hit, List<Reading.Column> candidates) {
        this.role = role;
        this.hit = hit;
        this.candidates = candidates;
    }

    Reading.Column column() {
        return candidates.get(0);
    }

    /** The part naming {@code column} as a measure. */
    static Part part(List<Part> parts, Reading.Column column) {
        return parts.stream().filter(p -> p.role == Role.MEASURE && p.column().equals(column)).findFirst()
                .orElse(null);
    }
}

package dev.tianshu.nl2sql.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The model's columns nearest a question the parser could not ground, to offer the user: those sharing the most
 * two-character pieces with it (Chinese), or words with its words' first four letters (English), by display name
 * or name; else a sample of what the model holds.
 */
public final class ClosestColumns {

    private static final Set<String> PLAIN_WORDS = Set.of("the", "and", "for", "with", "from", "that", "this", "what",
            "which", "how", "many", "much", "show", "list", "each", "per", "all", "are", "was", "were", "has", "have",
            "name", "names", "number", "total", "average", "count", "data", "table", "value", "values", "column");

    private ClosestColumns() {
    }

    /** Up to {@code limit} display names of the columns nearest {@code question}, nearest first; none if none is. */
    public static List<String> of(SemanticModel model, String question, int limit) {
        String q = Lexicon.normalise(question);
        Set<String> pieces = pieces(q);
        Set<String> stems = stems(q);
        record Scored(String name, int score, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int order = 0;
        for (SemanticModel.Table t : model.tables()) {
            for (SemanticModel.Column c : t.columns()) {
                String name = c.columnDisplayName();
                if (!seen.add(name)) {
                    continue;
                }
                String words = Lexicon.normalise(name + " " + c.columnName().replace('_', ' '));
                int score = (int) pieces(words).stream().filter(pieces::contains).count() * 2
                        + (int) stems(words).stream().filter(stems::contains).count() * 2;
                scored.add(new Scored(name, score, order++));
            }
        }
        return scored.stream().filter(s -> s.score() > 0)
                .sorted(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order))
                .limit(limit).map(Scored::name).toList();
    }

    /** What the model holds, to offer when no column is near: the first columns of each table in turn. */
    public static List<String> sample(SemanticModel model, int limit) {
        Set<String> firsts = new LinkedHashSet<>();
        for (int i = 0; firsts.size() < limit && i < 3; i++) {
            for (SemanticModel.Table t : model.tables()) {
                if (i < t.columns().size() && firsts.size() < limit) {
                    firsts.add(t.columns().get(i).columnDisplayName());
                }
            }
        }
        return List.copyOf(firsts);
    }

    /** Two-character pieces of the Chinese runs of a text. */
    private static Set<String> pieces(String text) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < text.length(); i++) {
            if (Character.isIdeographic(text.charAt(i)) && Character.isIdeographic(text.charAt(i + 1))) {
                out.add(text.substring(i, i + 2));
            }
        }
        return out;
    }

    /** The first four letters of the English words of a text that say something (not "the", "show", "name"). */
    private static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (w.length() >= 3 && !PLAIN_WORDS.contains(w)) {
                out.add(w.length() > 4 ? w.substring(0, 4) : w);
            }
        }
        return out;
    }
}

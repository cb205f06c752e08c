package dev.tianshu.nl2sql.engine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.tianshu.nl2sql.model.SemanticModel;

/**
 * The words a question can name the model by: every column's display name and name (also with spaces for
 * underscores), every table's display name and name, and every sample value (naming a value of its column). Terms
 * are found in a text longest first, without overlaps.
 */
public final class Lexicon {

    /** What a term names: a column, a value of a column, or a table. */
    public record Entry(String term, Reading.Column column, String value, String table) {
    }

    /** A term found in a text. */
    public record Hit(int start, int end, Entry entry) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public Lexicon(SemanticModel model) {
        for (SemanticModel.Table t : model.tables()) {
            add(t.tableDisplayName(), null, null, t.tableName());
            add(t.tableName(), null, null, t.tableName());
            for (SemanticModel.Column c : t.columns()) {
                Reading.Column col = new Reading.Column(t.tableName(), c.columnName(), c.columnDisplayName(),
                        c.dataType());
                add(c.columnDisplayName(), col, null, null);
                add(c.columnName(), col, null, null);
                add(c.columnName().replace('_', ' '), col, null, null);
                for (String sample : c.samples()) {
                    add(sample, col, sample, null);
                }
            }
        }
        entries.sort(Comparator.comparingInt((Entry e) -> -e.term().length()));
    }

    private void add(String term, Reading.Column column, String value, String table) {
        String t = normalise(term);
        if (t.length() >= 2 || (t.length() == 1 && Character.isIdeographic(t.codePointAt(0)) && value == null)) {
            entries.add(new Entry(t, column, value, table));
        }
    }

    /** NFKC (full-width to half-width), lower case, single spaces. */
    public static String normalise(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
    }

    /** The terms in {@code text} (normalised), longest first, never overlapping; English terms on word boundaries. */
    public List<Hit> find(String text) {
        boolean[] taken = new boolean[text.length()];
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            int from = 0;
            while (true) {
                int i = text.indexOf(e.term(), from);
                if (i < 0) {
                    break;
                }
                int end = i + e.term().length();
                from = i + 1;
                if (!free(taken, i, end) || !boundary(text, i, end)) {
                    continue;
                }
                for (int k = i; k < end; k++) {
                    taken[k] = true;
                }
                hits.add(new Hit(i, end, e));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::start));
        return hits;
    }

    private static boolean free(boolean[] taken, int from, int to) {
        for (int k = from; k < to; k++) {
            if (taken[k]) {
                return false;
            }
        }
        return true;
    }

    /** An ASCII term must not be part of a longer ASCII word. */
    private static boolean boundary(String text, int start, int end) {
        boolean asciiStart = isWord(text.charAt(start));
        boolean asciiEnd = isWord(text.charAt(end - 1));
        return !(asciiStart && start > 0 && isWord(text.charAt(start - 1)))
                && !(asciiEnd && end < text.length() && isWord(text.charAt(end)));
    }

    private static boolean isWord(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}

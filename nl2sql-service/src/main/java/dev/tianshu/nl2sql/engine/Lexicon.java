package dev.tianshu.nl2sql.engine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
        addBusinessSynonyms(model);
        entries.sort(Comparator.comparingInt((Entry e) -> -e.term().length()));
    }

    /**
     * Everyday words for common measures and names: 营收/收入/营业额 name the (total) amount column, 订单量 the
     * (total) order count, 车流量 the vehicle count; "X名称" is also called "X". The column each word names is the
     * first whose display name holds one of the group's keywords, a total ("总") preferred.
     */
    private void addBusinessSynonyms(SemanticModel model) {
        String[][] groups = {
                {"金额|收入|营收", "营收", "收入", "营业额", "销售额", "营业收入", "流水", "revenue", "sales", "income"},
                {"订单", "订单量", "订单数", "单量", "orders", "order count"},
                {"车辆数|车流", "车流量", "车流", "通行量", "车辆数量", "traffic"}};
        for (String[] group : groups) {
            Pattern keyword = Pattern.compile(group[0]);
            Reading.Column best = null;
            for (SemanticModel.Table t : model.tables()) {
                for (SemanticModel.Column c : t.columns()) {
                    if (c.numeric() && keyword.matcher(c.columnDisplayName()).find()
                            && (best == null || (!best.label().contains("总") && c.columnDisplayName().contains("总")))) {
                        best = new Reading.Column(t.tableName(), c.columnName(), c.columnDisplayName(), c.dataType());
                    }
                }
            }
            for (int i = 1; best != null && i < group.length; i++) {
                add(group[i], best, null, null);
            }
        }
        for (SemanticModel.Table t : model.tables()) {
            for (SemanticModel.Column c : t.columns()) {
                String name = c.columnDisplayName();
                if (name.length() > 2 && name.endsWith("名称")) {
                    add(name.substring(0, name.length() - 2),
                            new Reading.Column(t.tableName(), c.columnName(), name, c.dataType()), null, null);
                }
            }
        }
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

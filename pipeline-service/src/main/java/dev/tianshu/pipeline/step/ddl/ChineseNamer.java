package dev.tianshu.pipeline.step.ddl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tianshu.pipeline.step.ddl.NamingDictionary.Translation;

/**
 * Names tables and columns in Chinese from their identifiers alone, with the {@link NamingDictionary}: exact column
 * names first, then name patterns ({@code *_id}, {@code is_*}, ...), then a word-by-word translation, and when no
 * word is known a readable fallback ({@code foo_bar字段}).
 */
public final class ChineseNamer {

    private final NamingDictionary dictionary;

    public ChineseNamer(NamingDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The table's noun (without 表), its prefix such as {@code bss_} or {@code t_} dropped. */
    public Translation tableNoun(String table) {
        List<String> words = new ArrayList<>(dictionary.words(table));
        if (words.size() > 1 && dictionary.tablePrefixes().contains(words.get(0))) {
            words.remove(0);
        }
        return dictionary.translate(words);
    }

    /** {@code <context>中的<noun>表}, e.g. 高速公路服务区管理系统中的服务区表. */
    public String tableComment(String table, String businessContext) {
        Translation noun = tableNoun(table);
        String name = noun.anyKnown() ? noun.text() : table;
        return businessContext + "中的" + (name.endsWith("表") ? name : name + "表");
    }

    /**
     * A comment for a column of a table whose noun is {@code tableNoun}; booleans read as a question
     * ({@code 是否…}).
     */
    public String columnComment(String column, String dataType, Translation tableNoun) {
        String comment = fromRules(column, tableNoun);
        boolean bool = dataType != null && dataType.toLowerCase(Locale.ROOT).startsWith("bool");
        if (bool && !comment.startsWith("是否") && !comment.startsWith("能否")) {
            comment = "是否" + comment;
        }
        return Comments.clean(comment);
    }

    private String fromRules(String column, Translation tableNoun) {
        List<String> tokens = NamingDictionary.tokens(column);
        List<String> words = dictionary.words(column);
        Set<String> exactKeys = new LinkedHashSet<>(List.of(String.join("_", tokens), String.join("_", words)));
        for (String key : exactKeys) {
            String template = dictionary.exactTemplate(key);
            String resolved = template == null ? null : resolve(template, tableNoun, null);
            if (resolved != null) {
                return resolved;
            }
        }
        for (NamingDictionary.Pattern pattern : dictionary.patterns()) {
            List<String> entity = match(pattern, words);
            String resolved = entity == null ? null : resolve(pattern.template(), tableNoun, entity);
            if (resolved != null) {
                return resolved;
            }
        }
        Translation whole = dictionary.translate(words);
        if (whole.anyKnown()) {
            return whole.text();
        }
        return column + "字段";
    }

    /** The words the pattern's '*' stands for, or null when it does not match. */
    private static List<String> match(NamingDictionary.Pattern pattern, List<String> words) {
        List<String> literal = pattern.literal();
        int rest = words.size() - literal.size();
        if (rest < 1) {
            return null;
        }
        if (pattern.suffix()) {
            return words.subList(rest, words.size()).equals(literal) ? words.subList(0, rest) : null;
        }
        return words.subList(0, literal.size()).equals(literal) ? words.subList(literal.size(), words.size()) : null;
    }

    /**
     * The first alternative of "A | B" whose placeholders can be filled: first with complete translations, then
     * with a partly translated {@code {entity}}, then any alternative without {@code {entity}}. Null if none.
     */
    private String resolve(String template, Translation tableNoun, List<String> entityWords) {
        String[] alternatives = template.split("\\|");
        Translation entity = entityWords == null ? null : dictionary.translate(entityWords);
        String raw = entityWords == null ? "" : String.join("_", entityWords);
        for (int pass = 0; pass < 3; pass++) {
            for (String alternative : alternatives) {
                String a = alternative.strip();
                boolean needsTable = a.contains("{table}");
                boolean needsEntity = a.contains("{entity}");
                if (needsTable && !tableNoun.complete()) {
                    continue;
                }
                boolean usable = switch (pass) {
                    case 0 -> needsEntity ? entity != null && entity.complete() : entityWords == null;
                    case 1 -> needsEntity && entity != null && entity.anyKnown();
                    default -> !needsEntity;
                };
                if (!usable) {
                    continue;
                }
                return a.replace("{table}", needsTable ? tableNoun.text() : "")
                        .replace("{entity}", entity == null ? "" : entity.text())
                        .replace("{raw}", raw);
            }
        }
        return null;
    }
}

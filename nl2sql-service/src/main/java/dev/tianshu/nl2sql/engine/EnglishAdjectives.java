package dev.tianshu.nl2sql.engine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English adjectives that stand for a column: "older than 20" is a condition on age, "the tallest player" the one
 * with the highest height. Each is spelled out with the column's word when the model has a column of that name, so
 * the rest of the parser reads it like "age older than 20" or "the highest height player".
 */
final class EnglishAdjectives {

    /** {@code named}: the column's word right before the adjective ("weight is heavier than"). */
    private record Adjective(Pattern words, String column, String replacement, Pattern named) {

        Adjective(Pattern words, String column, String replacement) {
            this(words, column, replacement, Pattern.compile("\\b" + column + "\\s+(?:is\\s+|are\\s+|was\\s+)?$"));
        }
    }

    private static final List<Adjective> ADJECTIVES = List.of(
            comparative("older|younger", "age"),
            comparative("taller|shorter", "height"),
            comparative("heavier|lighter", "weight"),
            comparative("longer", "length"),
            superlative("youngest", "lowest", "age"),
            superlative("oldest", "highest", "age"),
            superlative("tallest", "highest", "height"),
            superlative("shortest", "lowest", "height"),
            superlative("heaviest", "highest", "weight"),
            superlative("lightest", "lowest", "weight"),
            superlative("longest", "highest", "length"),
            superlative("most expensive", "highest", "price"),
            superlative("cheapest", "lowest", "price"));

    private EnglishAdjectives() {
    }

    private static Adjective comparative(String words, String column) {
        return new Adjective(Pattern.compile("\\b((?:" + words + ") than)\\b"), column, column + " $1");
    }

    private static Adjective superlative(String word, String extreme, String column) {
        return new Adjective(Pattern.compile("\\b" + word + "\\b"), column, extreme + " " + column);
    }

    /** "a greater weight than 10": the comparison after its column, "weight greater than 10". */
    private static final Pattern COMPARATIVE_AROUND = Pattern.compile(
            "\\b(?:an?\\s+)?(greater|higher|larger|bigger|lower|smaller|less)\\s+([a-z]+(?:\\s+[a-z]+)?)\\s+than\\b");

    /** {@code text} with the adjectives whose column the model has spelled out. */
    static String spellOut(String text, Lexicon lexicon) {
        String out = text;
        for (Adjective a : ADJECTIVES) {
            Matcher m = a.words().matcher(out);
            if (m.find() && lexicon.knows(a.column())) {
                String said = out;
                // "whose weight is heavier than 10" already names its column
                out = m.replaceAll(r -> a.named().matcher(said.substring(0, r.start())).find() ? r.group()
                        : a.replacement());
            }
        }
        if (lexicon.knows("age")) {
            out = out.replaceAll("\\baged\\s+(?=(?:either\\s+)?\\d)", "age is ");   // "teachers aged 32 or 33"
        }
        return COMPARATIVE_AROUND.matcher(out).replaceAll(m -> lexicon.knows(m.group(2))
                ? m.group(2) + " " + m.group(1) + " than" : m.group());
    }
}

package dev.tianshu.pipeline.step.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The naming dictionary of the built-in comment engine ({@code builtin/column-names.txt}): table-name prefixes,
 * comment templates of column names and name patterns, and an English→Chinese word list. Also splits identifiers
 * into lower-case words and translates word sequences.
 */
public final class NamingDictionary {

    /** The resource the dictionary is read from. */
    public static final String RESOURCE = "builtin/column-names.txt";

    /** A column-name pattern: {@code *_suffix} or {@code prefix_*}, with its template. */
    public record Pattern(List<String> literal, boolean suffix, String template) {
    }

    /**
     * A translation of a word sequence.
     *
     * @param text Chinese for the known words, the words as written (joined by '_') for the unknown ones
     * @param complete every word was known
     * @param anyKnown at least one word was known
     */
    public record Translation(String text, boolean complete, boolean anyKnown) {
    }

    private static final int LONGEST_PHRASE = 4;
    /** Words a compound may end in although they are shorter than three letters. */
    private static final Set<String> SHORT_TAILS = Set.of("id", "no", "ts");

    private final Set<String> tablePrefixes;
    private final Map<String, String> exact;
    private final List<Pattern> patterns;
    private final Map<String, String> words;

    private NamingDictionary(Set<String> tablePrefixes, Map<String, String> exact, List<Pattern> patterns,
            Map<String, String> words) {
        this.tablePrefixes = Collections.unmodifiableSet(tablePrefixes);
        this.exact = Collections.unmodifiableMap(exact);
        this.patterns = List.copyOf(patterns);
        this.words = Collections.unmodifiableMap(words);
    }

    /** Reads {@value #RESOURCE} from the class path. */
    public static NamingDictionary load() {
        try (InputStream in = NamingDictionary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the dictionary format; a malformed line or a key given twice is an error. */
    public static NamingDictionary parse(String text) {
        Set<String> prefixes = new LinkedHashSet<>();
        Map<String, String> exact = new HashMap<>();
        List<Pattern> patterns = new ArrayList<>();
        Map<String, String> words = new HashMap<>();
        String section = "";
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            if (section.equals("table-prefixes")) {
                prefixes.addAll(Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\s+")));
                continue;
            }
            int eq = line.indexOf(" = ");
            if (eq <= 0) {
                throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": expected 'key = value': " + line);
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 3).strip();
            switch (section) {
                case "columns" -> {
                    if (key.startsWith("*_")) {
                        patterns.add(new Pattern(List.of(key.substring(2).split("_")), true, value));
                    } else if (key.endsWith("_*")) {
                        patterns.add(new Pattern(List.of(key.substring(0, key.length() - 2).split("_")), false,
                                value));
                    } else if (exact.put(key, value) != null) {
                        throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": duplicate column " + key);
                    }
                }
                case "words" -> {
                    if (words.put(String.join(" ", key.split("\\s+")), value) != null) {
                        throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": duplicate word " + key);
                    }
                }
                default -> throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": outside a section");
            }
        }
        // the more literal words a pattern has, the more specific it is; equal ones keep the file's order
        List<Pattern> ordered = new ArrayList<>(patterns);
        ordered.sort((a, b) -> Integer.compare(b.literal().size(), a.literal().size()));
        return new NamingDictionary(prefixes, exact, ordered, words);
    }

    /**
     * An identifier as lower-case words: split at '_' and other non-alphanumerics, at camel-case humps and between
     * letters and digits ({@code AlbumId} → album, id; {@code address2} → address, 2).
     */
    public static List<String> tokens(String identifier) {
        if (identifier == null) {
            return List.of();
        }
        String spaced = identifier
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                .replaceAll("([A-Za-z])([0-9])", "$1 $2")
                .replaceAll("([0-9])([A-Za-z])", "$1 $2")
                .replaceAll("[^A-Za-z0-9]+", " ")
                .strip()
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
    }

    /** {@link #tokens} with compounds the word list knows the parts of split apart ({@code customerid} → customer, id). */
    public List<String> words(String identifier) {
        List<String> result = new ArrayList<>();
        for (String token : tokens(identifier)) {
            if (known(token) != null || token.chars().allMatch(Character::isDigit)) {
                result.add(token);
                continue;
            }
            List<String> parts = segment(token);
            if (parts == null) {
                result.add(token);
            } else {
                result.addAll(parts);
            }
        }
        return result;
    }

    /** How many words and phrases the word list has. */
    public int wordCount() {
        return words.size();
    }

    public Set<String> tablePrefixes() {
        return tablePrefixes;
    }

    /** The template of an exact column name (its words joined by '_'), or null. */
    public String exactTemplate(String name) {
        return exact.get(name);
    }

    /** The patterns, most specific first. */
    public List<Pattern> patterns() {
        return patterns;
    }

    /** The word's Chinese, also for a plural of a known word, or null. */
    public String known(String word) {
        for (String form : forms(word)) {
            String w = words.get(form);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /** The word as written, then its possible singulars (categories → category, addresses → address, items → item). */
    private static List<String> forms(String word) {
        List<String> forms = new ArrayList<>(List.of(word));
        if (word.length() > 3 && word.endsWith("ies")) {
            forms.add(word.substring(0, word.length() - 3) + "y");
        }
        if (word.length() > 3 && word.endsWith("es")) {
            forms.add(word.substring(0, word.length() - 2));
        }
        if (word.length() > 2 && word.endsWith("s") && !word.endsWith("ss")) {
            forms.add(word.substring(0, word.length() - 1));
        }
        return forms;
    }

    /** A phrase of several words, the last one possibly plural (order items → order item). */
    private String phrase(List<String> tokens) {
        String head = String.join(" ", tokens.subList(0, tokens.size() - 1));
        for (String last : forms(tokens.get(tokens.size() - 1))) {
            String w = words.get(head + " " + last);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /** Translates a word sequence, longest known phrase first. */
    public Translation translate(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        boolean complete = true;
        boolean anyKnown = false;
        boolean lastUnknown = false;
        int i = 0;
        while (i < tokens.size()) {
            String chinese = null;
            int next = i + 1;
            for (int j = Math.min(tokens.size(), i + LONGEST_PHRASE); j > i + 1; j--) {
                String phrase = phrase(tokens.subList(i, j));
                if (phrase != null) {
                    chinese = phrase;
                    next = j;
                    break;
                }
            }
            String token = tokens.get(i);
            if (chinese == null) {
                chinese = known(token);
            }
            if (chinese == null && token.chars().allMatch(Character::isDigit)) {
                chinese = token;
            }
            if (chinese != null) {
                text.append(chinese);
                anyKnown = anyKnown || !token.chars().allMatch(Character::isDigit);
                lastUnknown = false;
            } else {
                if (lastUnknown) {
                    text.append('_');
                }
                text.append(token);
                complete = false;
                lastUnknown = true;
            }
            i = next;
        }
        return new Translation(text.toString(), complete && !tokens.isEmpty(), anyKnown);
    }

    /**
     * Splits a word into known words of at least three letters (the last may be id/no/ts), fewest parts first;
     * null when it cannot be split completely.
     */
    List<String> segment(String token) {
        int n = token.length();
        int[] parts = new int[n + 1];
        int[] from = new int[n + 1];
        Arrays.fill(parts, Integer.MAX_VALUE);
        parts[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = 0; start < end; start++) {
                if (parts[start] == Integer.MAX_VALUE) {
                    continue;
                }
                String piece = token.substring(start, end);
                boolean allowed = piece.length() >= 3 || (end == n && SHORT_TAILS.contains(piece));
                if (allowed && words.containsKey(piece) && parts[start] + 1 < parts[end]) {
                    parts[end] = parts[start] + 1;
                    from[end] = start;
                }
            }
        }
        if (parts[n] == Integer.MAX_VALUE || parts[n] < 2) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int end = n; end > 0; end = from[end]) {
            result.add(0, token.substring(from[end], end));
        }
        return result;
    }
}

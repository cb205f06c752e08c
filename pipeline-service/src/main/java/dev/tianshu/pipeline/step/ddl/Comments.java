package dev.tianshu.pipeline.step.ddl;

/**
 * Makes a comment safe for the task files: one line (line breaks and tabs become spaces, runs of spaces collapse),
 * no ASCII ';' (it would split a .ddl block when the DDL is loaded as training data; replaced by '；'), trimmed.
 */
public final class Comments {

    private Comments() {
    }

    /** The cleaned comment; "" for null. */
    public static String clean(String comment) {
        if (comment == null) {
            return "";
        }
        return comment.replace(';', '；')
                .replaceAll("[\\r\\n\\t\\u000B\\f\\u0085\\u2028\\u2029]+", " ")
                .replaceAll(" {2,}", " ")
                .strip();
    }

    /** True when the comment has something to say (not null, not blank). */
    public static boolean present(String comment) {
        return comment != null && !comment.isBlank();
    }
}

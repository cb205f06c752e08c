package dev.tianshu.nl2sql.engine;

/** A reading that no SQL over the model can answer, with the reason in the model's language. */
public final class Unanswerable extends IllegalArgumentException {

    private final String english;

    Unanswerable(String chinese, String english) {
        super(chinese);
        this.english = english;
    }

    /** The reason in the model's language (chinese | english). */
    public String message(String language) {
        return "english".equals(language) ? english : getMessage();
    }
}

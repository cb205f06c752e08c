package dev.tianshu.pipeline.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * JSON files of the task directory in the original's layout (Python's {@code json.dumps(indent=2,
 * ensure_ascii=False)}): two-space indents, one element per line, {@code "key": value}, Chinese unescaped.
 */
public final class PrettyJson {

    private static final ObjectWriter WRITER;
    private static final ObjectMapper READER = new ObjectMapper();

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        WRITER = new ObjectMapper().findAndRegisterModules().writer(printer);
    }

    private PrettyJson() {
    }

    /** Re-writes a JSON text in this layout. */
    public static String reformat(String json) {
        try {
            return write(READER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + e.getMessage(), e);
        }
    }
}

package dev.tianshu.trainingdata.service;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tianshu.common.sql.ReadOnlySql;
import dev.tianshu.trainingdata.model.NewItem;
import dev.tianshu.trainingdata.model.TrainingType;

/**
 * Checks one submitted item (an element of create's {@code data}, an upload's parsed item, an item of a load command)
 * and turns it into a {@link NewItem}, or says in one sentence why not. sql items must be one read-only query, checked
 * by parsing; error_sql items are examples of wrong SQL and are stored as given.
 */
public final class ItemValidator {

    /** The seed's message for UPDATE, DELETE, DROP and ALTER (its "ALERT" spelling kept, clients match on it). */
    public static final String FORBIDDEN_SQL = "在训练集中禁止使用\"UPDATE,DELETE,ALERT,DROP\"";

    static final int MAX_QUESTION = 2_000;
    static final int MAX_SQL = 20_000;
    static final int MAX_TEXT = 100_000;

    /** The outcome: exactly one of item and error is present. */
    public record Result(Optional<NewItem> item, String typeName, String error) {

        static Result ok(NewItem item) {
            return new Result(Optional.of(item), item.type().apiName(), null);
        }

        static Result failed(String typeName, String error) {
            return new Result(Optional.empty(), typeName, error);
        }
    }

    private ItemValidator() {
    }

    public static Result validate(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            return Result.failed("unknown", "训练数据项必须是JSON对象");
        }
        JsonNode typeNode = node.get("training_data_type");
        if (typeNode == null || typeNode.isNull() || (typeNode.isTextual() && typeNode.asText().isBlank())) {
            return Result.failed("unknown", "缺少必需参数: training_data_type");
        }
        String typeName = typeNode.isTextual() ? typeNode.asText() : typeNode.toString();
        Optional<TrainingType> type = TrainingType.ofApiName(typeName);
        if (type.isEmpty()) {
            return Result.failed(typeName, "不支持的训练数据类型: " + typeName + ", 支持的类型: " + TrainingType.apiNames());
        }
        try {
            return switch (type.get()) {
                case SQL -> sql(node, source);
                case ERROR_SQL -> errorSql(node, source);
                case DDL -> Result.ok(new NewItem(TrainingType.DDL, null, text(node, "ddl", MAX_TEXT), source));
                case DOCUMENTATION -> Result.ok(
                        new NewItem(TrainingType.DOCUMENTATION, null, text(node, "content", MAX_TEXT), source));
            };
        } catch (InvalidField e) {
            return Result.failed(typeName, e.getMessage());
        }
    }

    private static Result sql(JsonNode node, String source) {
        String question = text(node, "question", MAX_QUESTION);
        String sql = text(node, "sql", MAX_SQL);
        ReadOnlySql.Verdict verdict = ReadOnlySql.check(sql);
        if (verdict.isUpdateDeleteDropOrAlter()) {
            return Result.failed("sql", FORBIDDEN_SQL);
        }
        if (!verdict.allowed()) {
            return Result.failed("sql", verdict.message());
        }
        return Result.ok(new NewItem(TrainingType.SQL, question, sql, source));
    }

    private static Result errorSql(JsonNode node, String source) {
        String question = optionalText(node, "question", MAX_QUESTION);
        String sql = optionalText(node, "sql", MAX_SQL);
        if (question == null || sql == null) {
            throw new InvalidField("question和sql字段都是必需的");
        }
        return Result.ok(new NewItem(TrainingType.ERROR_SQL, question, sql, source));
    }

    /** A required, non-blank string field, trimmed. */
    private static String text(JsonNode node, String field, int maxLength) {
        String value = optionalText(node, field, maxLength);
        if (value == null) {
            throw new InvalidField(field + "字段是必需的");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidField(field + "字段必须是字符串");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxLength) {
            throw new InvalidField(field + "字段超过最大长度" + maxLength + "字符");
        }
        return text;
    }

    private static final class InvalidField extends RuntimeException {
        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}

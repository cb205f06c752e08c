package dev.tianshu.common.api;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** Reads typed request parameters from a JSON body of the /api/v0 family; a wrong one is a 400 naming it. */
public final class Params {

    private final JsonNode body;

    private Params(JsonNode body) {
        this.body = body;
    }

    /** The body as parameters; a missing body has none, a body that is not an object is refused. */
    public static Params of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new Params(NullNode.getInstance());
        }
        if (!body.isObject()) {
            throw ApiException.invalidParams("请求体必须是JSON对象");
        }
        return new Params(body);
    }

    public JsonNode get(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public Optional<Integer> integer(String name, String notAnInteger) {
        JsonNode value = get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.canConvertToInt() || !(value.isIntegralNumber()
                || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble())))) {
            throw ApiException.invalidParams(notAnInteger, name);
        }
        return Optional.of(value.asInt());
    }

    public Optional<Double> number(String name, String notANumber) {
        JsonNode value = get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw ApiException.invalidParams(notANumber, name);
        }
        return Optional.of(value.asDouble());
    }

    /** A string parameter; blank counts as absent. */
    public Optional<String> text(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.invalidParams(name + "必须是字符串", name);
        }
        return value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The raw string value as given (for echoing in filters_applied), or null. */
    public String raw(String name) {
        JsonNode value = get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** A boolean parameter (JSON true/false only). */
    public Optional<Boolean> bool(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.invalidParams(name + "必须是布尔值(true/false)", name);
        }
        return Optional.of(value.asBoolean());
    }
}

package dev.tianshu.trainingdata.rest;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.tianshu.common.api.ApiException;

/** Reads typed request parameters from a JSON body; a wrong one is a 400 naming it. */
final class Params {

    private final JsonNode body;

    private Params(JsonNode body) {
        this.body = body;
    }

    /** The body as parameters; a missing body has none, a body that is not an object is refused. */
    static Params of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new Params(NullNode.getInstance());
        }
        if (!body.isObject()) {
            throw ApiException.invalidParams("请求体必须是JSON对象");
        }
        return new Params(body);
    }

    JsonNode get(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    Optional<Integer> integer(String name, String notAnInteger) {
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

    Optional<Double> number(String name, String notANumber) {
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
    Optional<String> text(String name) {
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
    String raw(String name) {
        JsonNode value = get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}

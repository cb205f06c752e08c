package dev.tianshu.gateway.proxy;

import dev.tianshu.common.api.ApiError;
import dev.tianshu.common.api.ApiFamily;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The bodies of the answers the gateway gives itself, in the envelope of the request's API family. */
public final class Errors {

    public static final String JSON = "application/json;charset=UTF-8";

    private Errors() {
    }

    public static Buffer envelope(ApiFamily family, int status, ApiError error, String message) {
        return new JsonObject(family.errorBody(status, error, message)).toBuffer();
    }

    public static Buffer envelope(ApiFamily family, int status, String message) {
        return envelope(family, status, ApiError.ofStatus(status), message);
    }
}

package dev.tianshu.common.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The success envelope of the /api/v0 family (seeds 000 and 001):
 * {@code {code, success:true, message:"操作成功", data:{..., response}}} where {@code data.response} is the sentence
 * for the user. Errors of the family come from {@link ApiFamily#errorBody}.
 */
public final class V0Response {

    public static final String SUCCESS_MESSAGE = "操作成功";

    private V0Response() {
    }

    /** A 200 envelope around {@code data} with {@code response} added as its last field. */
    public static Map<String, Object> ok(Map<String, Object> data, String response) {
        return of(200, data, response);
    }

    public static Map<String, Object> of(int code, Map<String, Object> data, String response) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> payload = new LinkedHashMap<>(data);
        payload.put("response", response);
        body.put("code", code);
        body.put("success", true);
        body.put("message", SUCCESS_MESSAGE);
        body.put("data", payload);
        return body;
    }
}

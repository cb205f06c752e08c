package dev.tianshu.common.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The success envelope of the /df/rest family (seed 002, DataFocus):
 * {@code {data, errCode:0, exception:"", msgParams:null, promptMsg:null, success:true}}. Errors of the family come
 * from {@link ApiFamily#errorBody}.
 */
public final class DfResponse {

    private DfResponse() {
    }

    public static Map<String, Object> ok(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("errCode", 0);
        body.put("exception", "");
        body.put("msgParams", null);
        body.put("promptMsg", null);
        body.put("success", true);
        return body;
    }
}

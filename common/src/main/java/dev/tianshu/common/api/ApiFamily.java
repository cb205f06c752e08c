package dev.tianshu.common.api;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The five API families of the suite grouped by their error envelope. Each family answers errors in the shape its
 * original clients already parse:
 * <ul>
 * <li>{@link #V0} (/api/v0, seeds 000 and 001): {@code {code, success:false, message, data:{error_type, response, timestamp}}}</li>
 * <li>{@link #DF} (/df/rest, seed 002, DataFocus): {@code {success:false, errCode, exception, data:null}}</li>
 * <li>{@link #V2} (/api/v2, seed 003, DB-GPT): {@code {success:false, err_code, err_msg, data:null}}</li>
 * <li>{@link #V1} (/api/v1, seed 004): {@code {detail, error_code, status_code}}</li>
 * </ul>
 */
public enum ApiFamily {
    V0("/api/v0"),
    DF("/df/rest"),
    V2("/api/v2"),
    V1("/api/v1");

    private static final ZoneId ZONE = ZoneId.systemDefault();

    private final String pathPrefix;

    ApiFamily(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }

    /** The family a request path belongs to, or {@code null} for paths outside the APIs (/q/*, /docs). */
    public static ApiFamily ofPath(String path) {
        if (path == null) {
            return null;
        }
        for (ApiFamily family : values()) {
            String prefix = family.pathPrefix;
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return family;
            }
        }
        return null;
    }

    /**
     * The error body of this family.
     *
     * @param status the HTTP status the body goes out with
     * @param error what went wrong, as a stable machine-readable identifier
     * @param message a sentence for the user
     */
    public Map<String, Object> errorBody(int status, ApiError error, String message) {
        return errorBody(status, error, message, Map.of());
    }

    /**
     * The error body of this family with extra fields: inside {@code data} for /api/v0, at the top level for /api/v1;
     * the DataFocus and DB-GPT envelopes have no place for them.
     */
    public Map<String, Object> errorBody(int status, ApiError error, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (this) {
            case V0 -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("error_type", error.v0Type());
                data.putAll(details);
                data.put("response", message);
                data.put("timestamp", LocalDateTime.now(ZONE).truncatedTo(ChronoUnit.MICROS).toString());
                body.put("code", status);
                body.put("success", false);
                body.put("message", error.v0Message());
                body.put("data", data);
            }
            case DF -> {
                body.put("success", false);
                // DataFocus clients branch on errCode (1001: conversation unknown or expired); it is the HTTP
                // status unless the error names its own code
                body.put("errCode", details.getOrDefault("errCode", status));
                body.put("exception", message);
                body.put("msgParams", null);
                body.put("promptMsg", null);
                body.put("data", null);
            }
            case V2 -> {
                body.put("success", false);
                body.put("err_code", String.valueOf(status));
                body.put("err_msg", message);
                body.put("data", null);
            }
            case V1 -> {
                body.put("detail", message);
                body.put("error_code", error.name());
                body.put("status_code", status);
                details.forEach(body::putIfAbsent);
            }
        }
        return body;
    }
}

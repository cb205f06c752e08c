package dev.tianshu.common.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error a service reports to its caller, rendered in the caller's API family envelope. {@link #details()} are
 * extra fields of the error body (for /api/v0 they go into {@code data}, e.g. {@code missing_params}).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final ApiError error;
    private final Map<String, Object> details;

    public ApiException(int status, ApiError error, String message) {
        this(status, error, message, Map.of());
    }

    public ApiException(int status, ApiError error, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.error = error;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ApiError.BAD_REQUEST, message);
    }

    /**
     * A 400 naming the request parameters at fault (missing or invalid), as the /api/v0 clients read it:
     * {@code error_type: missing_required_params, missing_params: [...]}.
     */
    public static ApiException invalidParams(String message, String... params) {
        Map<String, Object> details = params.length == 0 ? Map.of() : Map.of("missing_params", List.of(params));
        return new ApiException(400, ApiError.MISSING_PARAMS, message, details);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ApiError.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ApiError.CONFLICT, message);
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public Map<String, Object> details() {
        return details;
    }
}

package dev.tianshu.common.api;

/** An error a service reports to its caller, rendered in the caller's API family envelope. */
public class ApiException extends RuntimeException {

    private final int status;
    private final ApiError error;

    public ApiException(int status, ApiError error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ApiError.BAD_REQUEST, message);
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
}

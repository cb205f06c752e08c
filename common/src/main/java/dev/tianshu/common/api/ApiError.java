package dev.tianshu.common.api;

/**
 * Error kinds shared across the families. {@link #name()} is the /api/v1 {@code error_code}; the v0 family carries
 * {@link #v0Type()} as {@code data.error_type} and {@link #v0Message()} as {@code message}.
 */
public enum ApiError {
    BAD_REQUEST("invalid_params", "请求参数错误"),
    MISSING_PARAMS("missing_required_params", "请求参数错误"),
    UNAUTHORIZED("unauthorized", "未授权访问"),
    FORBIDDEN("forbidden", "禁止访问"),
    NOT_FOUND("not_found", "资源不存在"),
    METHOD_NOT_ALLOWED("method_not_allowed", "请求方法不支持"),
    CONFLICT("conflict", "资源冲突"),
    PAYLOAD_TOO_LARGE("payload_too_large", "请求体过大"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", "请求内容类型不支持"),
    INTERNAL_ERROR("internal_error", "系统内部错误"),
    SERVICE_UNAVAILABLE("service_unavailable", "服务不可用"),
    GATEWAY_TIMEOUT("gateway_timeout", "服务响应超时");

    private final String v0Type;
    private final String v0Message;

    ApiError(String v0Type, String v0Message) {
        this.v0Type = v0Type;
        this.v0Message = v0Message;
    }

    public String v0Type() {
        return v0Type;
    }

    public String v0Message() {
        return v0Message;
    }

    /** The error kind an HTTP status stands for when nothing more specific is known. */
    public static ApiError ofStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}

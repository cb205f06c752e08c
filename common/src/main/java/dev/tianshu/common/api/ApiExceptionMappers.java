package dev.tianshu.common.api;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Answers every error a service's REST layer raises in the envelope of the API family the request belongs to (taken
 * from the path; {@code tianshu.api.family} for paths outside the families). Domain code throws {@link ApiException}
 * for its own errors.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ConfigProperty(name = "tianshu.api.family")
    Optional<ApiFamily> defaultFamily;

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        return respond(uri, e.status(), e.error(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "资源不存在: " + uri.getPath();
            case 405 -> "请求方法不支持: " + uri.getPath();
            case 415 -> "请求内容类型不支持";
            default -> e.getMessage();
        };
        return respond(uri, status, ApiError.ofStatus(status), message);
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e, UriInfo uri) {
        return respond(uri, 400, ApiError.BAD_REQUEST, "请求体不是合法的JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unhandled error on %s", uri.getPath());
        return respond(uri, 500, ApiError.INTERNAL_ERROR, "系统内部错误: " + e.getClass().getSimpleName());
    }

    private Response respond(UriInfo uri, int status, ApiError error, String message) {
        return respond(uri, status, error, message, Map.of());
    }

    private Response respond(UriInfo uri, int status, ApiError error, String message, Map<String, Object> details) {
        ApiFamily family = Optional.ofNullable(ApiFamily.ofPath(uri.getPath()))
                .or(() -> defaultFamily)
                .orElse(ApiFamily.V0);
        Map<String, Object> body = family.errorBody(status, error, message, details);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}

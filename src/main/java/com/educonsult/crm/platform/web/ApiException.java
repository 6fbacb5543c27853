package com.educonsult.crm.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A failure the client can act on: it becomes the error envelope with this status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The server is saturated, the request is fine: 503 with Retry-After; the client sends it again. */
    public static ApiException busy() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, BUSY);
    }

    /** What a 503 says, wherever it is written. */
    public static final String BUSY = "The server is busy; send the request again shortly";

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
    }

    public static ApiException badRequest(String message, List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, errors);
    }

    /** A request that is well formed but breaks a rule, naming the field. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, message, List.of(new FieldError(field, message)));
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(HttpStatus.CONFLICT, message, List.of(new FieldError(field, message)));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }

    public static ApiException tooManyRequests(String message) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, message);
    }
}

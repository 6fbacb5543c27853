package com.educonsult.crm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into the error envelope; a client's mistake is never a 500. Ordered just after the console's
 * own handler, which answers its pages' failures with pages.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiExceptionHandler {

    private final org.springframework.beans.factory.ObjectProvider<HtmlErrorPages> htmlErrorPages;

    public ApiExceptionHandler(org.springframework.beans.factory.ObjectProvider<HtmlErrorPages> htmlErrorPages) {
        this.htmlErrorPages = htmlErrorPages;
    }

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            return ResponseEntity.status(e.status()).header("Retry-After", "5").contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of(e.status(), e.getMessage(), e.errors()));
        }
        return error(e.status(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
        Class<?> bodyType = e.getParameter().getParameterType();
        List<FieldError> wrongTypes = e.getBindingResult().getFieldErrors().stream()
                .filter(org.springframework.validation.FieldError::isBindingFailure)
                .map(f -> new FieldError(JsonNames.of(bodyType, f.getField()), "has the wrong type or format"))
                .toList();
        if (!wrongTypes.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "Invalid value for " + wrongTypes.getFirst().field(), wrongTypes);
        }
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(JsonNames.of(bodyType, f.getField()), f.getDefaultMessage()))
                .toList();
        List<FieldError> global = e.getBindingResult().getGlobalErrors().stream()
                .map(g -> new FieldError(g.getObjectName(), g.getDefaultMessage()))
                .toList();
        return validation(concat(errors, global));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                JsonNames.snakeCase(result.getMethodParameter().getParameterName()),
                                error.getDefaultMessage())))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(JsonNames.snakeCase(lastNode(v.getPropertyPath().toString())), v.getMessage()))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        if (e.getCause() instanceof JacksonException json) {
            return json(json);
        }
        return error(HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON", List.of());
    }

    /** A field the request type does not know (canonical API): 422 naming it; a value of the wrong type: 400. */
    @ExceptionHandler(JacksonException.class)
    ResponseEntity<ApiError> json(JacksonException e) {
        String field = jsonPath(e);
        if (e instanceof UnrecognizedPropertyException) {
            return validation(List.of(new FieldError(field, "is not a field of this request")));
        }
        if (field.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON", List.of());
        }
        return error(HttpStatus.BAD_REQUEST, "Invalid value for " + field,
                List.of(new FieldError(field, "has the wrong type or format")));
    }

    /** The JSON path of the value Jackson stopped at, as the client wrote it: {@code items[0].foo}. */
    public static String jsonPath(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(RequestTooLargeException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> uploadTooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "The upload is larger than allowed", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        String field = JsonNames.snakeCase(e.getName());
        return error(HttpStatus.BAD_REQUEST, "Invalid value for " + field,
                List.of(new FieldError(field, "has the wrong type or format")));
    }

    /** A path segment that is blank once decoded ({@code /leads/%20}) names nothing. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ApiError> missingPathVariable(MissingPathVariableException e) throws Exception {
        if (!e.isMissingAfterConversion()) {
            return unexpected(e, null);
        }
        String field = JsonNames.snakeCase(e.getVariableName());
        return error(HttpStatus.BAD_REQUEST, "Invalid value for " + field,
                List.of(new FieldError(field, "must not be blank")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "Missing parameter " + e.getParameterName(),
                List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        return error(HttpStatus.BAD_REQUEST, "Missing part " + e.getRequestPartName(),
                List.of(new FieldError(e.getRequestPartName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return error(HttpStatus.BAD_REQUEST, "Missing header " + e.getHeaderName(),
                List.of(new FieldError(e.getHeaderName(), "is required")));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e, HttpServletRequest request,
            HttpServletResponse response) {
        if (htmlErrorPages.getIfAvailable() != null
                && htmlErrorPages.getObject().render(request, response, HttpStatus.NOT_FOUND)) {
            return null;
        }
        return error(HttpStatus.NOT_FOUND, "Not found", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type " + e.getContentType(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(HttpStatus.NOT_ACCEPTABLE, "Cannot answer in the requested media type", List.of());
    }

    /**
     * No database connection could be had in time, or the transaction lost a deadlock or a lock wait: the request
     * is not wrong. 503 with Retry-After tells clients (the phone app's sync among them) to send the same request
     * again later; the writes they retry are idempotent. A deadlock is logged as one: it means two writes took
     * their locks in different orders, which is a fault to fix, not load.
     */
    @ExceptionHandler({org.springframework.jdbc.CannotGetJdbcConnectionException.class,
            org.springframework.dao.QueryTimeoutException.class,
            org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.PessimisticLockingFailureException.class})
    ResponseEntity<ApiError> overloaded(org.springframework.core.NestedRuntimeException e) {
        if ("40P01".equals(sqlState(e))) {
            log.warn("Answered 503 after a deadlock: {}", e.getMostSpecificCause().getMessage());
        } else {
            log.warn("Answered 503, the database is saturated: {}", e.getMostSpecificCause().getMessage());
        }
        return api(ApiException.busy());
    }

    /**
     * The database refused a value: a data exception (SQLSTATE class 22, e.g. a NUL character or a number out
     * of range) is the client's bad input; a constraint violation (class 23) is a conflict with existing data.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> database(DataAccessException e, jakarta.servlet.http.HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        if (response != null && response.isCommitted()) {
            return unexpected(e, response);
        }
        String sqlState = sqlState(e);
        if (sqlState != null && sqlState.startsWith("22")) {
            log.info("Data exception answered as 400: {}", e.getMostSpecificCause().getMessage());
            return error(HttpStatus.BAD_REQUEST, "The request contains a value that cannot be stored "
                    + "(e.g. a NUL character or a number out of range)", List.of());
        }
        String missingReference = "23503".equals(sqlState) ? MissingReference.field(e.getMostSpecificCause()) : null;
        if (missingReference != null) {
            String field = MobileApi.handles(request) ? MissingReference.camelCase(missingReference) : missingReference;
            log.info("Reference to a missing record answered as 422: {}", e.getMostSpecificCause().getMessage());
            return validation(List.of(new FieldError(field, "does not name a record of the organization")));
        }
        if (e instanceof DataIntegrityViolationException || (sqlState != null && sqlState.startsWith("23"))) {
            log.info("Constraint violation answered as 409: {}", e.getMostSpecificCause().getMessage());
            return error(HttpStatus.CONFLICT, "The change conflicts with existing data", List.of());
        }
        return unexpected(e, response);
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletResponse response) throws Exception {
        if (ClientDisconnects.isDisconnect(e)) {
            // the client went away (a closed event stream, a cancelled download): there is no one to answer
            log.debug("Client disconnected: {}", e.toString());
            return null;
        }
        if (response != null && response.isCommitted()) {
            // a streamed answer (a download) broke after it started: it cannot turn into an error any more. Thrown
            // on, the failure reaches the servlet container, which closes the connection at once (no closing chunk),
            // so the client sees an incomplete answer instead of a complete-looking one
            log.error("Failure after the answer started; closing the connection", e);
            throw e;
        }
        log.error("Unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side", List.of());
    }

    private static ResponseEntity<ApiError> validation(List<FieldError> errors) {
        String message = errors.isEmpty() ? "Validation failed"
                : "Validation failed: " + errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        return error(HttpStatus.UNPROCESSABLE_CONTENT, message, errors);
    }

    /**
     * Errors are JSON whatever the client accepts: on an event stream or a download the negotiated type could not
     * carry the envelope, and failing to write it would turn any error into a 500.
     */
    static ResponseEntity<ApiError> error(HttpStatus status, String message, List<FieldError> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(status, message, errors));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}

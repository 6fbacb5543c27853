package com.educonsult.crm.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The error envelope: {@code success: false}, a message and the rejected fields, carrying the RFC 9457
 * problem fields ({@code type}, {@code title}, {@code status}, {@code detail}) in the same body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An error: the HTTP status, a message for people and the rejected fields",
        requiredProperties = {"success", "message", "type", "title", "status", "detail"})
public record ApiError(boolean success, String message, List<FieldError> errors, String type, String title,
        int status, String detail) {

    public static ApiError of(HttpStatus status, String message, List<FieldError> errors) {
        return new ApiError(false, message, errors, "about:blank", status.getReasonPhrase(), status.value(), message);
    }
}

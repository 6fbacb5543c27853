package com.educonsult.crm.platform.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** One rejected field of a request and why. */
@Schema(requiredProperties = {"field", "message"})
public record FieldError(
        @Schema(description = "The field as the request names it (a path like items[0].phone), or a header or "
                + "parameter name") String field,
        String message) {
}

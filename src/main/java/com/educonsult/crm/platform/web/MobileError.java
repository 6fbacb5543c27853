package com.educonsult.crm.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The Android app's error envelope: {@code {"status": false, "message": ..., "errors"?: [...]}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MobileError(boolean status, String message, List<FieldError> errors) {

    static MobileError of(ApiError error) {
        return new MobileError(false, error.message(), error.errors());
    }
}

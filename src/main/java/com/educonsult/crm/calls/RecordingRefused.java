package com.educonsult.crm.calls;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An upload that arrived but cannot be kept (too large): the recording is marked failed and that change is
 * committed, while the client gets the error.
 */
class RecordingRefused extends ApiException {

    RecordingRefused(String field, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, message, List.of(new FieldError(field, message)));
    }
}

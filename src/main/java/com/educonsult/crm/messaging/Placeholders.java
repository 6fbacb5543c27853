package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.web.ApiException;

/** Template texts must have well-formed placeholders. */
final class Placeholders {

    private Placeholders() {
    }

    /** The text, refused naming the field when its placeholders are malformed. */
    static String withPlaceholders(String field, String value) {
        TemplateRendering.syntaxError(value).ifPresent(problem -> {
            throw ApiException.invalid(field, problem);
        });
        return value;
    }
}

package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.web.ApiException;

/** Texts as stored: trimmed, null when blank, and with well-formed placeholders. */
final class Text {

    private Text() {
    }

    static String orNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The text, refused naming the field when its placeholders are malformed. */
    static String withPlaceholders(String field, String value) {
        TemplateRendering.syntaxError(value).ifPresent(problem -> {
            throw ApiException.invalid(field, problem);
        });
        return value;
    }
}

package com.educonsult.crm.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the template endpoints. In a change, absent fields stay as they are; an empty text clears an optional field. */
public final class TemplateRequests {

    static final String CATEGORY = "^[a-z][a-z0-9_]{0,49}$";
    static final String CATEGORY_MESSAGE = "must be lowercase letters, digits and _ (e.g. follow_up)";
    static final String TAG = "^\\s*[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,49}$";

    private TemplateRequests() {
    }

    public record CreateNoteTemplate(
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 5000) String content,
            @Pattern(regexp = CATEGORY, message = CATEGORY_MESSAGE) String category,
            Boolean active) {
    }

    public record UpdateNoteTemplate(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String title,
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 5000) String content,
            @Pattern(regexp = CATEGORY, message = CATEGORY_MESSAGE) String category,
            Boolean active) {
    }

    /** Without channel flags, a template is for WhatsApp. */
    public record CreateMessageTemplate(
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = CATEGORY, message = CATEGORY_MESSAGE) String category,
            Boolean isWhatsapp,
            Boolean isSms,
            Boolean isEmail,
            @Size(max = 300) String subject,
            @NotBlank @Size(max = 4096) String content,
            @Size(max = 20) List<@NotNull @Pattern(regexp = TAG, message = "must be 1-50 letters, digits, spaces, _ or -") String> tags,
            Boolean active) {
    }

    public record UpdateMessageTemplate(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
            @Pattern(regexp = CATEGORY, message = CATEGORY_MESSAGE) String category,
            Boolean isWhatsapp,
            Boolean isSms,
            Boolean isEmail,
            @Size(max = 300) String subject,
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 4096) String content,
            @Size(max = 20) List<@NotNull @Pattern(regexp = TAG, message = "must be 1-50 letters, digits, spaces, _ or -") String> tags,
            Boolean active) {
    }

    record Render(@NotNull UUID leadId) {
    }
}

package com.educonsult.crm.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the role endpoints. */
public final class RoleRequests {

    static final String CODE_PATTERN = "^[a-z][a-z0-9_]{1,49}$";
    static final String CODE_MESSAGE = "must be 2-50 lower-case letters, digits or underscores, starting with a letter";
    static final String SCOPE_PATTERN = "all|branch|own";
    static final String SCOPE_MESSAGE = "must be all, branch or own";

    private RoleRequests() {
    }

    public record Create(
            @NotBlank @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 500) String description,
            @NotBlank @Pattern(regexp = SCOPE_PATTERN, message = SCOPE_MESSAGE) String dataScope,
            @NotNull @Size(max = 200) List<@NotBlank @Size(max = 100) String> permissions) {
    }

    /** A change, read as a JSON merge patch: an absent field stays, null clears the description. */
    public record Update(
            @Pattern(regexp = CODE_PATTERN, message = CODE_MESSAGE) String code,
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 100) String name,
            @Size(max = 500) String description,
            @Pattern(regexp = SCOPE_PATTERN, message = SCOPE_MESSAGE) String dataScope,
            @Size(max = 200) List<@NotBlank @Size(max = 100) String> permissions) {
    }
}

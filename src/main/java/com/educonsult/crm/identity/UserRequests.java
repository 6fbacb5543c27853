package com.educonsult.crm.identity;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the user administration endpoints. */
public final class UserRequests {

    private UserRequests() {
    }

    /** A new user. Without a password the user is invited to set one. */
    public record Create(
            @NotBlank @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Size(max = 100) String designation,
            @Size(max = 100) String department,
            UUID branchId,
            @NotEmpty @Size(max = 20) @JsonAlias("role_codes") List<@NotBlank @Size(max = 50) String> roles,
            @Size(max = 128) String password) {
    }

    /** A change, read as a JSON merge patch: an absent field stays, null or an empty text clears an optional field. */
    public record Update(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @Email @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Size(max = 100) String designation,
            @Size(max = 100) String department,
            UUID branchId,
            @Size(min = 1, max = 20) @JsonAlias("role_codes") List<@NotBlank @Size(max = 50) String> roles,
            Boolean active,
            @Size(max = 128) String password) {
    }

    record BulkAction(
            @NotBlank @Pattern(regexp = "activate|deactivate|delete", message = "must be activate, deactivate or delete")
            String action,
            @NotEmpty @Size(max = 500) List<@NotNull UUID> userIds) {
    }
}

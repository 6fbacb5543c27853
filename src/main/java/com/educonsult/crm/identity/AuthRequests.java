package com.educonsult.crm.identity;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the authentication endpoints. */
final class AuthRequests {

    private AuthRequests() {
    }

    record Register(
            @NotBlank @Size(max = 200) String organizationName,
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$",
                    message = "must be 3-64 lower-case letters, digits or hyphens") String organizationSlug,
            @NotBlank @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @NotBlank String password,
            @Size(max = 64) String timeZone,
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as INR") String currency,
            @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 two-letter code such as IN") String country) {
    }

    record Login(
            @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Size(max = 254) String username,
            @NotBlank @Size(max = 128) String password,
            @NotBlank @JsonAlias({"org_slug", "orgSlug"}) @Size(max = 64) String organizationSlug,
            @Size(max = 200) String deviceName,
            Map<String, Object> deviceInfo) {

        /** The login as given: an email, a phone, or a username that is either. */
        String identifier() {
            if (email != null && !email.isBlank()) {
                return email;
            }
            if (phone != null && !phone.isBlank()) {
                return phone;
            }
            return username;
        }
    }

    record RefreshToken(@NotBlank @JsonAlias("refreshToken") @Size(max = 200) String refreshToken) {
    }

    record Logout(@JsonAlias("refreshToken") @Size(max = 200) String refreshToken) {
    }
}

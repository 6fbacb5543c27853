package com.educonsult.crm.identity;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the authentication endpoints. */
final class AuthRequests {

    private AuthRequests() {
    }

    /** The two shapes of {@code POST /auth/register}. */
    sealed interface Registration permits Register, JoinOrganization {
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
            @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 two-letter code such as IN") String country) implements Registration {
    }

    /**
     * The Android app's registration (seed 01): a new user joins an existing organization, named by id or slug,
     * with a phone verified by a one-time code just before.
     */
    record JoinOrganization(
            UUID organizationId,
            @JsonAlias({"organization_slug", "orgSlug"}) @Size(max = 64) String orgSlug,
            @NotBlank @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 40) String phone,
            @NotBlank @Size(max = 128) String password,
            @Size(max = 200) String deviceName,
            Map<String, Object> deviceInfo) implements Registration {
    }

    /** The Android app's login (seed 01): username is an email or a phone in any format. */
    record TokenRequest(
            @NotBlank @Size(max = 254) String username,
            @NotBlank @Size(max = 128) String password,
            @NotBlank @JsonAlias({"organization_slug", "orgSlug"}) @Size(max = 64) String orgSlug,
            @Size(max = 200) String deviceName,
            Map<String, Object> deviceInfo) {

        Login asLogin() {
            return new Login(null, null, username, password, orgSlug, deviceName, deviceInfo);
        }
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

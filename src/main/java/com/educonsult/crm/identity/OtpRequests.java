package com.educonsult.crm.identity;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the one-time code endpoints: a phone or an email, what the code is for, and where. */
final class OtpRequests {

    static final String PURPOSES = "^(login|register|verify_phone|verify_email|reset_password)$";
    static final String PURPOSES_MESSAGE = "must be one of login, register, verify_phone, verify_email, reset_password";

    private OtpRequests() {
    }

    record Send(
            @Size(max = 40) String phone,
            @Email @Size(max = 254) String email,
            @NotBlank @Pattern(regexp = PURPOSES, message = PURPOSES_MESSAGE) String purpose,
            @JsonAlias({"org_slug", "orgSlug"}) @Size(max = 64) String organizationSlug) {
    }

    record Verify(
            @Size(max = 40) String phone,
            @Email @Size(max = 254) String email,
            @NotBlank @Pattern(regexp = "^[0-9]{6}$", message = "must be the 6 digits received") String code,
            @NotBlank @Pattern(regexp = PURPOSES, message = PURPOSES_MESSAGE) String purpose,
            @JsonAlias({"org_slug", "orgSlug"}) @Size(max = 64) String organizationSlug) {
    }
}

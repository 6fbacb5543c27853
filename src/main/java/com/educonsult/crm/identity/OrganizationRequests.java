package com.educonsult.crm.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the organization endpoints. */
public final class OrganizationRequests {

    private static final String URL = "^$|^https?://\\S+$";

    private OrganizationRequests() {
    }

    /**
     * A change of settings, read as a JSON merge patch: an absent field stays, null or an empty text clears an
     * optional one.
     */
    public record Update(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 40) String phone,
            @Pattern(regexp = URL, message = "must be an http or https URL") @Size(max = 500) String website,
            @Size(max = 500) String address,
            @Size(max = 100) String city,
            @Size(max = 100) String state,
            @Pattern(regexp = "^$|^[A-Za-z]{2}$", message = "must be an ISO 3166 two-letter code such as IN")
            String country,
            @Pattern(regexp = URL, message = "must be an http or https URL") @Size(max = 1000) String logoUrl,
            Map<String, Object> settings,
            @Size(max = 64) String timeZone,
            @Pattern(regexp = "^[A-Za-z]{3}$", message = "must be an ISO 4217 code such as INR") String currency,
            @Min(1) @Max(3650) Integer recordingRetentionDays) {
    }
}

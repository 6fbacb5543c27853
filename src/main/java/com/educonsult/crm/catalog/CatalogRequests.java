package com.educonsult.crm.catalog;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies of the catalogue endpoints. A change is a JSON merge patch: an absent field stays, null or an empty
 * text clears an optional field.
 */
public final class CatalogRequests {

    public static final String INSTITUTION_TYPES = "university|college|school|institute";
    public static final String COURSE_LEVELS = "certificate|diploma|bachelor|master|phd|foundation|other";
    private static final String URL = "(?i)^(https?://\\S+)?$";

    private CatalogRequests() {
    }

    public record CreateInstitution(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "^[A-Za-z]{2}$", message = "must be an ISO 3166 two-letter code") String countryCode,
            @Size(max = 100) String city,
            @Pattern(regexp = INSTITUTION_TYPES, message = "must be one of " + INSTITUTION_TYPES) String type,
            @Positive @Max(100_000) Integer ranking,
            @Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) address") String website,
            Boolean isPartner,
            @Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) address") String logoUrl,
            @Size(max = 5000) String description,
            Boolean active) {
    }

    public record UpdateInstitution(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
            @Pattern(regexp = "^[A-Za-z]{2}$", message = "must be an ISO 3166 two-letter code") String countryCode,
            @Size(max = 100) String city,
            @Pattern(regexp = INSTITUTION_TYPES, message = "must be one of " + INSTITUTION_TYPES) String type,
            @Positive @Max(100_000) Integer ranking,
            @Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) address") String website,
            Boolean isPartner,
            @Size(max = 500) @Pattern(regexp = URL, message = "must be an http(s) address") String logoUrl,
            @Size(max = 5000) String description,
            Boolean active) {
    }

    /** Without a currency, the fee is in the currency of the institution's country. */
    public record CreateCourse(
            @NotNull UUID institutionId,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = COURSE_LEVELS, message = "must be one of " + COURSE_LEVELS) String level,
            @Size(max = 200) String field,
            @Min(1) @Max(240) Integer durationMonths,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal fee,
            @Pattern(regexp = "^[A-Za-z]{3}$", message = "must be an ISO 4217 code") String currency,
            @Size(max = 24) List<@NotBlank @Size(max = 40) String> intakes,
            @Size(max = 5000) String requirements,
            LocalDate applicationDeadline,
            Boolean active) {
    }

    public record UpdateCourse(
            UUID institutionId,
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
            @Pattern(regexp = COURSE_LEVELS, message = "must be one of " + COURSE_LEVELS) String level,
            @Size(max = 200) String field,
            @Min(1) @Max(240) Integer durationMonths,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal fee,
            @Pattern(regexp = "^[A-Za-z]{3}$", message = "must be an ISO 4217 code") String currency,
            @Size(max = 24) List<@NotBlank @Size(max = 40) String> intakes,
            @Size(max = 5000) String requirements,
            LocalDate applicationDeadline,
            Boolean active) {
    }
}

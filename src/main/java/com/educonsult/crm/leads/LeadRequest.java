package com.educonsult.crm.leads;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a lead a client may write, for creating (first_name required) and changing it (as a JSON
 * merge patch: an absent field stays, null or an empty text or list clears it). Source metadata is
 * flat, as in the lead.
 */
@Schema(description = "Lead fields a client writes. Source metadata (platform, page, form, ad, campaign, UTM) is flat. "
        + "On change (JSON Merge Patch), an absent field stays; null or an empty text or list clears it; "
        + "custom_fields are merged key by key (null removes a key). assigned_to is refused: use /api/v1/assignments.")
public record LeadRequest(
        UUID branchId,
        @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 40) String phone,
        @Size(max = 40) String secondaryPhone,
        @Email @Size(max = 254) String email,
        @Size(max = 30) String gender,
        @Size(max = 100) String city,
        @Size(max = 100) String state,
        @Size(max = 100) String country,
        @Size(max = 200) String studentName,
        @Size(max = 200) String parentName,
        @Size(max = 40) String parentPhone,
        @Pattern(regexp = "self|parent|guardian|sibling|other",
                message = "must be self, parent, guardian, sibling or other") String relationship,
        LocalDate dateOfBirth,
        @Size(max = 200) String currentEducation,
        @Size(max = 200) String currentInstitution,
        @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal percentage,
        @Size(max = 100) String stream,
        @Min(1950) @Max(2100) Integer graduationYear,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> interestedCourses,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> preferredCountries,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> preferredInstitutions,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal budgetMin,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal budgetMax,
        @Pattern(regexp = "[A-Za-z]{3}", message = "must be an ISO currency code like INR") String budgetCurrency,
        @Size(max = 100) String intakePreference,
        @Pattern(regexp = "hot|warm|cold", message = "must be hot, warm or cold") String priority,
        @Size(max = 100) String source,
        @Size(max = 1000) String sourceDetails,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
        @Pattern(regexp = PLATFORMS, message = "must be one of " + PLATFORMS) String platform,
        @Size(max = 200) String sourceLeadId,
        @Size(max = 200) String pageId,
        @Size(max = 200) String pageName,
        @Size(max = 200) String formId,
        @Size(max = 200) String adId,
        @Size(max = 200) String campaignId,
        @Size(max = 200) String utmSource,
        @Size(max = 200) String utmMedium,
        @Size(max = 200) String utmCampaign,
        @Size(max = 200) String utmTerm,
        @Size(max = 200) String utmContent,
        @Size(max = 2000) String pageUrl,
        OffsetDateTime consentAt,
        OffsetDateTime lastContactDate,
        OffsetDateTime nextFollowUpDate,
        @Size(max = 2000) String reminderNote,
        @Size(max = 100) Map<String, Object> customFields,
        @Schema(description = "The status by id; or give its code in status") UUID statusId,
        @Pattern(regexp = StatusRequests.CODE, message = "must be a status code") String status,
        @Schema(description = "Create even when a live lead has the same phone or email") Boolean allowDuplicate,
        @Schema(hidden = true) JsonNode assignedTo) {

    static final String PLATFORMS = AssignmentRequests.PLATFORMS;

    /** The same lead as an intake creates it: never with an assignee, created even when a duplicate exists. */
    LeadRequest withoutAssigneeAllowingDuplicates() {
        return new LeadRequest(branchId, firstName, lastName, phone, secondaryPhone, email, gender, city, state,
                country, studentName, parentName, parentPhone, relationship, dateOfBirth, currentEducation,
                currentInstitution, percentage, stream, graduationYear, interestedCourses, preferredCountries,
                preferredInstitutions, budgetMin, budgetMax, budgetCurrency, intakePreference, priority, source,
                sourceDetails, tags, platform, sourceLeadId, pageId, pageName, formId, adId, campaignId, utmSource,
                utmMedium, utmCampaign, utmTerm, utmContent, pageUrl, consentAt, lastContactDate, nextFollowUpDate,
                reminderNote, customFields, statusId, status, true, null);
    }
}

package com.educonsult.crm.leads;

import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The Android app's lead JSON (seed 01's {@code LeadJSON}) and the requests of its lead routes. */
final class MobileLeadJson {

    private MobileLeadJson() {
    }

    /** A lead as the app shows it: {@code number} is the stored E.164 phone, {@code countryCode} its calling code. */
    @Schema(name = "MobileLead")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Lead(
            UUID id,
            String firstName,
            String lastName,
            String number,
            String secondaryNumber,
            Integer countryCode,
            String email,
            String studentName,
            String parentName,
            String relationship,
            LocalDate dateOfBirth,
            String currentEducation,
            String currentInstitution,
            BigDecimal percentage,
            String stream,
            Integer graduationYear,
            List<String> interestedCourses,
            List<String> preferredCountries,
            List<String> preferredInstitutions,
            BigDecimal budgetMin,
            BigDecimal budgetMax,
            String budgetCurrency,
            String intakePreference,
            StatusRef status,
            String priority,
            String source,
            List<String> tags,
            Assignee assignedTo,
            OffsetDateTime lastContactDate,
            OffsetDateTime nextFollowUpDate,
            String reminderNote,
            int totalCalls,
            int totalAttempts,
            Map<String, Object> customFields,
            OffsetDateTime createdDate,
            OffsetDateTime modifiedDate) {

        static Lead of(LeadView v) {
            return new Lead(v.id(), v.firstName(), v.lastName(), v.phone(), v.secondaryPhone(),
                    countryCode(v.phone()), v.email(), v.studentName(), v.parentName(), v.relationship(),
                    v.dateOfBirth(), v.currentEducation(), v.currentInstitution(), v.percentage(), v.stream(),
                    v.graduationYear(), v.interestedCourses(), v.preferredCountries(), v.preferredInstitutions(),
                    v.budgetMin(), v.budgetMax(), v.budgetCurrency(), v.intakePreference(),
                    v.status() == null ? null : new StatusRef(v.status().id(), v.status().name(), v.status().color()),
                    v.priority(), v.source(), v.tags(),
                    v.assignee() == null ? null : new Assignee(v.assignee().id(), v.assignee().fullName()),
                    v.lastContactDate(), v.nextFollowUpDate(), v.reminderNote(), v.totalCalls(), v.totalAttempts(),
                    v.customFields(), v.createdAt(), v.updatedAt());
        }

        private static Integer countryCode(String e164) {
            if (e164 == null) {
                return null;
            }
            try {
                return PhoneNumberUtil.getInstance().parse(e164, null).getCountryCode();
            } catch (NumberParseException e) {
                return null;
            }
        }
    }

    @Schema(name = "MobileLeadStatusRef")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record StatusRef(UUID id, String name, String color) {
    }

    @Schema(name = "MobileLeadAssignee")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Assignee(UUID id, String name) {
    }

    /** One page of leads as {@code /lead/getData} answers it. */
    @Schema(name = "MobileLeadPage")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LeadPage(List<Lead> leads, long totalCount, int pageNo, int pageSize, boolean hasMore) {
    }

    /** A status of the pipeline as {@code /lead/status} lists it; closed means won or lost. */
    @Schema(name = "MobileLeadStatus")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Status(UUID id, String name, String code, String color, int order, boolean isClosed) {

        static Status of(LeadStatus s) {
            return new Status(s.id(), s.name(), s.code(), s.color(), s.position(), s.isWon() || s.isLost());
        }
    }

    /** One field of the organization's lead form. */
    @Schema(name = "MobileLeadFormComponent")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record FormComponent(String key, String label, String type, boolean required, List<String> options,
            int position) {

        static FormComponent of(LeadForm.FormField f) {
            return new FormComponent(f.key(), f.label(), f.type(), Boolean.TRUE.equals(f.required()),
                    f.options() == null ? List.of() : f.options(), f.position() == null ? 0 : f.position());
        }
    }

    @Schema(name = "MobileLeadDeletion")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Deletion(UUID leadId, boolean isDeleted, OffsetDateTime deletedAt) {
    }

    @Schema(name = "MobileLeadAssignment")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Assignment(UUID leadId, boolean isAssignedToMe, Assignee assignedTo) {
    }

    /**
     * The filters and paging of {@code /lead/getData} and {@code /lead/notContacted}, in seed 01's
     * {@code list_leads} names (snake_case): status_id (ids or codes, comma-separated), assigned_to (a user id,
     * me or unassigned), priority, source, tags (comma lists), branch_id, created_from/created_to (ISO dates or
     * date-times), follow_up_date (a date), search, sort/order as the canonical list, page (from 1) and page_size.
     */
    @Schema(name = "MobileLeadListRequest")
    record ListRequest(
            String statusId,
            String assignedTo,
            String priority,
            String source,
            String tags,
            String branchId,
            String createdFrom,
            String createdTo,
            LocalDate followUpDate,
            String search,
            String sort,
            String order,
            @Min(1) @Max(1_000_000) Integer page,
            @Min(1) @Max(200) Integer pageSize) {

        static final int DEFAULT_PAGE_SIZE = 20;

        static ListRequest empty() {
            return new ListRequest(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }

        int pageNo() {
            return page == null ? 1 : page;
        }

        int size() {
            return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        }

        LeadFilter filter(boolean notContacted) {
            String followUp = followUpDate == null ? null : followUpDate.toString();
            return LeadFilter.of(statusId, source, null, priority, null, assignedTo, branchId, tags, createdFrom,
                    createdTo, followUp, followUp, notContacted, search, false, sort, order, null);
        }
    }

    /** {@code /lead/save}: creates the lead, or changes it when {@code leadDetails.id} is given. */
    @Schema(name = "MobileLeadSaveRequest")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SaveRequest(@NotNull @Valid LeadDetails leadDetails) {
    }

    /**
     * The lead fields the app writes, named as {@code LeadJSON} names them. On change, absent or null fields stay;
     * an empty text or list clears the field; customFields are merged key by key. {@code status} is a status code
     * or the {@code {"id": ...}} object LeadJSON carries. A number without a leading + or 00 is read in the
     * country of {@code countryCode}, or of the organization when none is given. Read-only LeadJSON fields
     * (assignedTo, totalCalls, createdDate, ...) are ignored.
     */
    @Schema(name = "MobileLeadDetails")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LeadDetails(
            UUID id,
            String firstName,
            String lastName,
            String number,
            String secondaryNumber,
            @Min(1) @Max(999) Integer countryCode,
            String email,
            String studentName,
            String parentName,
            String relationship,
            LocalDate dateOfBirth,
            String currentEducation,
            String currentInstitution,
            BigDecimal percentage,
            String stream,
            Integer graduationYear,
            List<String> interestedCourses,
            List<String> preferredCountries,
            List<String> preferredInstitutions,
            BigDecimal budgetMin,
            BigDecimal budgetMax,
            String budgetCurrency,
            String intakePreference,
            UUID statusId,
            @Schema(description = "The status: its code, or {\"id\": ...}", oneOf = {String.class, StatusRef.class})
            JsonNode status,
            String priority,
            String source,
            String sourceDetails,
            List<String> tags,
            OffsetDateTime lastContactDate,
            OffsetDateTime nextFollowUpDate,
            String reminderNote,
            Map<String, Object> customFields,
            Boolean allowDuplicate) {

        /** The canonical request: numbers read in the country of countryCode, status by id or code. */
        LeadRequest toRequest() {
            UUID status = statusId;
            String statusCode = null;
            if (this.status != null && !this.status.isNull()) {
                if (this.status.isString()) {
                    statusCode = this.status.asString();
                } else if (this.status.isObject() && this.status.hasNonNull("id") && status == null) {
                    status = statusIdOf(this.status.get("id"));
                } else if (!this.status.isObject()) {
                    throw ApiException.badRequest("Invalid value for leadDetails.status",
                            List.of(new FieldError("leadDetails.status", "must be a status code or {\"id\": ...}")));
                }
            }
            return new LeadRequest(null, firstName, lastName, phone("number", number),
                    phone("secondaryNumber", secondaryNumber), email, null, null, null, null, studentName, parentName,
                    null, relationship, dateOfBirth, currentEducation, currentInstitution, percentage, stream,
                    graduationYear, interestedCourses, preferredCountries, preferredInstitutions, budgetMin,
                    budgetMax, budgetCurrency, intakePreference, priority, source, sourceDetails, tags, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, lastContactDate,
                    nextFollowUpDate, reminderNote, customFields, status, statusCode, allowDuplicate, null);
        }

        /** A number without its own country prefix, read in the country of countryCode when one is given. */
        private String phone(String field, String raw) {
            if (raw == null || raw.isBlank() || countryCode == null) {
                return raw;
            }
            String trimmed = raw.trim();
            if (trimmed.startsWith("+") || trimmed.startsWith("00")) {
                return raw;
            }
            String region = PhoneNumberUtil.getInstance().getRegionCodeForCountryCode(countryCode);
            if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region) || "ZZ".equals(region)) {
                throw ApiException.invalid("leadDetails.countryCode", "is not a country calling code");
            }
            return PhoneNumbers.normalize(trimmed, region)
                    .orElseThrow(() -> ApiException.invalid("leadDetails." + field, "is not a valid phone number"));
        }

        private static UUID statusIdOf(JsonNode id) {
            try {
                if (!id.isString()) {
                    throw new IllegalArgumentException("not text");
                }
                return UUID.fromString(id.asString());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid value for leadDetails.status.id",
                        List.of(new FieldError("leadDetails.status.id", "has the wrong type or format")));
            }
        }
    }

    /** A phone number in any common format. */
    @Schema(name = "MobileLeadPhoneRequest")
    record PhoneRequest(@NotBlank @Size(max = 40) String phone) {
    }

    /** A lead by id, or by one of its numbers. */
    @Schema(name = "MobileLeadRef")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LeadRef(UUID leadId, @Size(max = 40) String number) {
    }

    /** A lead by id. */
    @Schema(name = "MobileLeadIdRequest")
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record LeadIdRequest(@NotNull UUID leadId) {
    }
}

package com.educonsult.crm.leads;

import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A lead as the API shows it. Source metadata (platform, page, form, ad, campaign, UTM fields) is flat. */
@Schema(description = "A lead. Source metadata (platform, source_lead_id, page_id, page_name, form_id, ad_id, "
        + "campaign_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content, page_url, consent_at) is given "
        + "as flat fields, the same names a client writes.")
public record LeadView(
        UUID id,
        UUID branchId,
        UUID assignedTo,
        Person assignee,
        OffsetDateTime assignedAt,
        LeadStatus.Ref status,
        UUID createdBy,
        String firstName,
        String lastName,
        String fullName,
        String phone,
        String secondaryPhone,
        String email,
        String gender,
        String city,
        String state,
        String country,
        String studentName,
        String parentName,
        String parentPhone,
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
        String priority,
        String engagement,
        String source,
        String sourceDetails,
        List<String> tags,
        String platform,
        String sourceLeadId,
        String pageId,
        String pageName,
        String formId,
        String adId,
        String campaignId,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String utmTerm,
        String utmContent,
        String pageUrl,
        OffsetDateTime consentAt,
        OffsetDateTime lastContactDate,
        OffsetDateTime nextFollowUpDate,
        String reminderNote,
        int totalCalls,
        int totalAttempts,
        int lastCallDuration,
        OffsetDateTime lastCallAt,
        Map<String, Object> customFields,
        OffsetDateTime convertedAt,
        OffsetDateTime deletedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public record Person(UUID id, String fullName) {
    }

    static LeadView of(LeadsRecord l, LeadStatus status, UserSummary assignee, Map<String, Object> customFields) {
        String fullName = l.getLastName() == null ? l.getFirstName() : l.getFirstName() + " " + l.getLastName();
        return new LeadView(l.getId(), l.getBranchId(), l.getAssignedTo(),
                assignee == null ? null : new Person(assignee.id(), assignee.fullName()), l.getAssignedAt(),
                status == null ? null : status.ref(), l.getCreatedBy(), l.getFirstName(), l.getLastName(), fullName,
                l.getPhone(), l.getSecondaryPhone(), l.getEmail(), l.getGender(), l.getCity(), l.getState(),
                l.getCountry(), l.getStudentName(), l.getParentName(), l.getParentPhone(), l.getRelationship(),
                l.getDateOfBirth(), l.getCurrentEducation(), l.getCurrentInstitution(), l.getPercentage(),
                l.getStream(), l.getGraduationYear(), list(l.getInterestedCourses()), list(l.getPreferredCountries()),
                list(l.getPreferredInstitutions()), l.getBudgetMin(), l.getBudgetMax(), l.getBudgetCurrency(),
                l.getIntakePreference(), l.getPriority(), l.getEngagement(), l.getSource(), l.getSourceDetails(),
                list(l.getTags()), l.getPlatform(), l.getSourceLeadId(), l.getPageId(), l.getPageName(),
                l.getFormId(), l.getAdId(), l.getCampaignId(), l.getUtmSource(), l.getUtmMedium(),
                l.getUtmCampaign(), l.getUtmTerm(), l.getUtmContent(), l.getPageUrl(), l.getConsentAt(),
                l.getLastContactDate(), l.getNextFollowUpDate(), l.getReminderNote(), l.getTotalCalls(),
                l.getTotalAttempts(), l.getLastCallDuration(), l.getLastCallAt(), customFields, l.getConvertedAt(),
                l.getDeletedAt(), l.getCreatedAt(), l.getUpdatedAt());
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}

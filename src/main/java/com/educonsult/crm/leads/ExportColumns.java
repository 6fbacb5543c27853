package com.educonsult.crm.leads;

import java.util.List;
import java.util.function.Function;

/**
 * The columns of a lead export, named as the lead fields are (so an export can be imported again): the main
 * fields, status, assignee, tags, source metadata, created and updated.
 */
final class ExportColumns {

    record Column(String name, Function<LeadView, Object> value) {
    }

    static final List<Column> ALL = List.of(
            new Column("id", LeadView::id),
            new Column("first_name", LeadView::firstName),
            new Column("last_name", LeadView::lastName),
            new Column("phone", LeadView::phone),
            new Column("secondary_phone", LeadView::secondaryPhone),
            new Column("email", LeadView::email),
            new Column("gender", LeadView::gender),
            new Column("city", LeadView::city),
            new Column("state", LeadView::state),
            new Column("country", LeadView::country),
            new Column("student_name", LeadView::studentName),
            new Column("parent_name", LeadView::parentName),
            new Column("parent_phone", LeadView::parentPhone),
            new Column("current_education", LeadView::currentEducation),
            new Column("interested_courses", l -> join(l.interestedCourses())),
            new Column("preferred_countries", l -> join(l.preferredCountries())),
            new Column("preferred_institutions", l -> join(l.preferredInstitutions())),
            new Column("budget_min", LeadView::budgetMin),
            new Column("budget_max", LeadView::budgetMax),
            new Column("budget_currency", LeadView::budgetCurrency),
            new Column("intake_preference", LeadView::intakePreference),
            new Column("priority", LeadView::priority),
            new Column("status", l -> l.status() == null ? null : l.status().code()),
            new Column("status_name", l -> l.status() == null ? null : l.status().name()),
            new Column("assignee", l -> l.assignee() == null ? null : l.assignee().fullName()),
            new Column("branch_id", LeadView::branchId),
            new Column("tags", l -> join(l.tags())),
            new Column("source", LeadView::source),
            new Column("source_details", LeadView::sourceDetails),
            new Column("platform", LeadView::platform),
            new Column("page_name", LeadView::pageName),
            new Column("form_id", LeadView::formId),
            new Column("ad_id", LeadView::adId),
            new Column("campaign_id", LeadView::campaignId),
            new Column("utm_source", LeadView::utmSource),
            new Column("utm_medium", LeadView::utmMedium),
            new Column("utm_campaign", LeadView::utmCampaign),
            new Column("utm_term", LeadView::utmTerm),
            new Column("utm_content", LeadView::utmContent),
            new Column("page_url", LeadView::pageUrl),
            new Column("next_follow_up_date", LeadView::nextFollowUpDate),
            new Column("last_contact_date", LeadView::lastContactDate),
            new Column("created_at", LeadView::createdAt),
            new Column("updated_at", LeadView::updatedAt));

    private ExportColumns() {
    }

    static List<String> names() {
        return ALL.stream().map(Column::name).toList();
    }

    /** A lead's values as text, in column order; empty for none. */
    static List<String> texts(LeadView lead) {
        return ALL.stream().map(c -> c.value().apply(lead)).map(v -> v == null ? "" : v.toString()).toList();
    }

    private static String join(List<String> values) {
        return String.join(";", values);
    }
}

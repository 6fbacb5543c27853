package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The columns of a lead export, named as the lead fields are (so an export can be imported again): the main
 * fields, status, assignee, tags, source metadata, created and updated. Each column is written from a lead view (XLSX)
 * and as SQL (CSV through PostgreSQL's COPY) to the same text: lists joined with ';', times as Java prints them
 * (lead_export_time), nothing for none.
 */
final class ExportColumns {

    /** The assignee's name, from the table of names the export joins as {@code assignee(id, name)}. */
    static final Field<String> ASSIGNEE_NAME = DSL.field(DSL.name("assignee", "name"), String.class);

    record Column(String name, Function<LeadView, Object> value, Field<?> sql) {
        Column(String name, Function<LeadView, Object> value, TableField<?, ?> column) {
            this(name, value, text(column));
        }
    }

    static final List<Column> ALL = List.of(
            new Column("id", LeadView::id, LEADS.ID),
            new Column("first_name", LeadView::firstName, LEADS.FIRST_NAME),
            new Column("last_name", LeadView::lastName, LEADS.LAST_NAME),
            new Column("phone", LeadView::phone, LEADS.PHONE),
            new Column("secondary_phone", LeadView::secondaryPhone, LEADS.SECONDARY_PHONE),
            new Column("email", LeadView::email, LEADS.EMAIL),
            new Column("gender", LeadView::gender, LEADS.GENDER),
            new Column("city", LeadView::city, LEADS.CITY),
            new Column("state", LeadView::state, LEADS.STATE),
            new Column("country", LeadView::country, LEADS.COUNTRY),
            new Column("student_name", LeadView::studentName, LEADS.STUDENT_NAME),
            new Column("parent_name", LeadView::parentName, LEADS.PARENT_NAME),
            new Column("parent_phone", LeadView::parentPhone, LEADS.PARENT_PHONE),
            new Column("current_education", LeadView::currentEducation, LEADS.CURRENT_EDUCATION),
            new Column("interested_courses", l -> join(l.interestedCourses()), LEADS.INTERESTED_COURSES),
            new Column("preferred_countries", l -> join(l.preferredCountries()), LEADS.PREFERRED_COUNTRIES),
            new Column("preferred_institutions", l -> join(l.preferredInstitutions()),
                    LEADS.PREFERRED_INSTITUTIONS),
            new Column("budget_min", LeadView::budgetMin, LEADS.BUDGET_MIN),
            new Column("budget_max", LeadView::budgetMax, LEADS.BUDGET_MAX),
            new Column("budget_currency", LeadView::budgetCurrency, LEADS.BUDGET_CURRENCY),
            new Column("intake_preference", LeadView::intakePreference, LEADS.INTAKE_PREFERENCE),
            new Column("priority", LeadView::priority, LEADS.PRIORITY),
            new Column("status", l -> l.status() == null ? null : l.status().code(), LEAD_STATUSES.CODE),
            new Column("status_name", l -> l.status() == null ? null : l.status().name(), LEAD_STATUSES.NAME),
            new Column("assignee", l -> l.assignee() == null ? null : l.assignee().fullName(),
                    nullIfEmpty(ASSIGNEE_NAME)),
            new Column("branch_id", LeadView::branchId, LEADS.BRANCH_ID),
            new Column("tags", l -> join(l.tags()), LEADS.TAGS),
            new Column("source", LeadView::source, LEADS.SOURCE),
            new Column("source_details", LeadView::sourceDetails, LEADS.SOURCE_DETAILS),
            new Column("platform", LeadView::platform, LEADS.PLATFORM),
            new Column("page_name", LeadView::pageName, LEADS.PAGE_NAME),
            new Column("form_id", LeadView::formId, LEADS.FORM_ID),
            new Column("ad_id", LeadView::adId, LEADS.AD_ID),
            new Column("campaign_id", LeadView::campaignId, LEADS.CAMPAIGN_ID),
            new Column("utm_source", LeadView::utmSource, LEADS.UTM_SOURCE),
            new Column("utm_medium", LeadView::utmMedium, LEADS.UTM_MEDIUM),
            new Column("utm_campaign", LeadView::utmCampaign, LEADS.UTM_CAMPAIGN),
            new Column("utm_term", LeadView::utmTerm, LEADS.UTM_TERM),
            new Column("utm_content", LeadView::utmContent, LEADS.UTM_CONTENT),
            new Column("page_url", LeadView::pageUrl, LEADS.PAGE_URL),
            new Column("next_follow_up_date", LeadView::nextFollowUpDate, LEADS.NEXT_FOLLOW_UP_DATE),
            new Column("last_contact_date", LeadView::lastContactDate, LEADS.LAST_CONTACT_DATE),
            new Column("created_at", LeadView::createdAt, LEADS.CREATED_AT),
            new Column("updated_at", LeadView::updatedAt, LEADS.UPDATED_AT));

    private ExportColumns() {
    }

    static List<String> names() {
        return ALL.stream().map(Column::name).toList();
    }

    /** A lead's values as text, in column order; empty for none. */
    static List<String> texts(LeadView lead) {
        return ALL.stream().map(c -> c.value().apply(lead)).map(v -> v == null ? "" : v.toString()).toList();
    }

    /** The SQL of every column, named as the column: the select list of the CSV export. */
    static List<Field<?>> sql() {
        return ALL.stream().<Field<?>>map(c -> c.sql().as(c.name())).toList();
    }

    private static String join(List<String> values) {
        return String.join(";", values);
    }

    /** A column as the export writes it, in SQL. */
    @SuppressWarnings("unchecked")
    private static Field<?> text(TableField<?, ?> column) {
        Class<?> type = column.getType();
        if (type == String[].class) {
            return nullIfEmpty(DSL.field("array_to_string({0}, ';')", String.class, column));
        }
        if (type == OffsetDateTime.class) {
            return DSL.field("lead_export_time({0})", String.class, column);
        }
        if (type == String.class) {
            return nullIfEmpty((Field<String>) column);
        }
        return column;
    }

    /** An empty text as none: the CSV writes both as nothing. */
    private static Field<String> nullIfEmpty(Field<String> text) {
        return DSL.nullif(text, DSL.inline(""));
    }
}

package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.JSONB;
import org.jooq.TableField;

/**
 * The lead columns an import writes, named alike in {@code leads} and the staging table {@code lead_import_rows},
 * and the rows of that table as PostgreSQL's COPY reads them (CSV).
 */
final class ImportColumns {

    static final List<TableField<LeadsRecord, ?>> ALL = List.of(LEADS.BRANCH_ID, LEADS.STATUS_ID, LEADS.FIRST_NAME,
            LEADS.LAST_NAME, LEADS.PHONE, LEADS.SECONDARY_PHONE, LEADS.EMAIL, LEADS.GENDER, LEADS.CITY, LEADS.STATE,
            LEADS.COUNTRY, LEADS.STUDENT_NAME, LEADS.PARENT_NAME, LEADS.PARENT_PHONE, LEADS.RELATIONSHIP,
            LEADS.DATE_OF_BIRTH, LEADS.CURRENT_EDUCATION, LEADS.CURRENT_INSTITUTION, LEADS.PERCENTAGE, LEADS.STREAM,
            LEADS.GRADUATION_YEAR, LEADS.INTERESTED_COURSES, LEADS.PREFERRED_COUNTRIES, LEADS.PREFERRED_INSTITUTIONS,
            LEADS.BUDGET_MIN, LEADS.BUDGET_MAX, LEADS.BUDGET_CURRENCY, LEADS.INTAKE_PREFERENCE, LEADS.PRIORITY,
            LEADS.SOURCE, LEADS.SOURCE_DETAILS, LEADS.TAGS, LEADS.PLATFORM, LEADS.SOURCE_LEAD_ID, LEADS.PAGE_ID,
            LEADS.PAGE_NAME, LEADS.FORM_ID, LEADS.AD_ID, LEADS.CAMPAIGN_ID, LEADS.UTM_SOURCE, LEADS.UTM_MEDIUM,
            LEADS.UTM_CAMPAIGN, LEADS.UTM_TERM, LEADS.UTM_CONTENT, LEADS.PAGE_URL, LEADS.CONSENT_AT,
            LEADS.LAST_CONTACT_DATE, LEADS.NEXT_FOLLOW_UP_DATE, LEADS.REMINDER_NOTE, LEADS.CUSTOM_FIELDS);

    /**
     * What an import leaves of an existing lead as it is: its place in the pipeline (moved by status changes, with
     * their rules and timeline) and where it came from (unique per platform).
     */
    static final Set<TableField<LeadsRecord, ?>> KEPT_ON_UPDATE = Set.of(LEADS.STATUS_ID, LEADS.PLATFORM,
            LEADS.SOURCE_LEAD_ID);

    static final String NAMES = ALL.stream().map(TableField::getName).collect(Collectors.joining(", "));

    private ImportColumns() {
    }

    /** {@code a = coalesce(s.a, l.a), ...}: the columns a row gives replace the lead's, the others stay. */
    static String updates(String staged, String lead) {
        return ALL.stream().filter(c -> !KEPT_ON_UPDATE.contains(c)).map(c -> {
            String name = c.getName();
            if (c == LEADS.CUSTOM_FIELDS) {
                return name + " = " + lead + "." + name + " || coalesce(" + staged + "." + name + ", '{}')";
            }
            return name + " = coalesce(" + staged + "." + name + ", " + lead + "." + name + ")";
        }).collect(Collectors.joining(", "));
    }

    /** One staged row as a CSV record: null as an empty field, every value quoted, arrays as array literals. */
    static void appendCsv(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value == null) {
                continue;
            }
            String text = switch (value) {
                case String[] array -> arrayLiteral(array);
                case JSONB json -> json.data();
                case BigDecimal number -> number.toPlainString();
                default -> value.toString();
            };
            out.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
    }

    private static String arrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}

package com.educonsult.crm.leads;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The filters and order of a lead list, as query parameters: shared by the list and the export.
 *
 * @param status status ids or codes, comma-separated
 * @param engagement new | active | hot | inactive, comma-separated
 * @param assignedTo a user id, {@code me} or {@code unassigned}
 * @param tags any of these tags, comma-separated
 * @param search words by prefix, a fragment of a name, or digits of a phone
 * @param includeDeleted admins only
 * @param sort created_at | updated_at | next_follow_up_date | name | priority
 * @param order asc | desc
 */
public record LeadListParams(
        String status,
        String source,
        String platform,
        String priority,
        @Parameter(description = "Engagement, comma-separated: new (never interacted with, under 30 days old), "
                + "active, hot (3+ interactions in 7 days), inactive (none in 30 days)",
                schema = @Schema(type = "string", pattern = "^(new|active|hot|inactive)(,(new|active|hot|inactive))*$"))
        String engagement,
        @Parameter(name = "assigned_to") @BindParam("assigned_to") String assignedTo,
        @Parameter(name = "branch_id") @BindParam("branch_id") String branchId,
        String tags,
        @Parameter(name = "created_from") @BindParam("created_from") String createdFrom,
        @Parameter(name = "created_to") @BindParam("created_to") String createdTo,
        @Parameter(name = "follow_up_from") @BindParam("follow_up_from") String followUpFrom,
        @Parameter(name = "follow_up_to") @BindParam("follow_up_to") String followUpTo,
        @Parameter(name = "not_contacted") @BindParam("not_contacted") Boolean notContacted,
        String search,
        @Parameter(name = "include_deleted") @BindParam("include_deleted") Boolean includeDeleted,
        String sort,
        String order,
        @Parameter(description = "Only these leads (ids, comma-separated, at most 500), within the caller's scope "
                + "and the other filters: the ticked rows of a list, to export them")
        String ids) {

    /** Live leads created from the start of the day (or time) given, in the default order. */
    public static LeadListParams createdFrom(String from) {
        return new LeadListParams(null, null, null, null, null, null, null, null, from, null, null, null, null, null,
                null, null, null, null);
    }

    /** Live leads matching a search, in the default order. */
    public static LeadListParams searching(String search) {
        return new LeadListParams(null, null, null, null, null, null, null, null, null, null, null, null, null, search,
                null, null, null, null);
    }

    /** The filters and order that are set, by their query parameter names, as the list reads them. */
    public java.util.Map<String, String> asQuery() {
        var query = new java.util.LinkedHashMap<String, String>();
        String[][] pairs = {{"status", status}, {"source", source}, {"platform", platform}, {"priority", priority},
            {"engagement", engagement}, {"assigned_to", assignedTo}, {"branch_id", branchId}, {"tags", tags},
            {"created_from", createdFrom}, {"created_to", createdTo}, {"follow_up_from", followUpFrom},
            {"follow_up_to", followUpTo}, {"not_contacted", notContacted == null ? null : notContacted.toString()},
            {"search", search}, {"sort", sort}, {"order", order}, {"ids", ids}};
        for (String[] pair : pairs) {
            if (pair[1] != null && !pair[1].isBlank()) {
                query.put(pair[0], pair[1]);
            }
        }
        return query;
    }

    /** Whether any filter or search is set (the order aside). */
    public boolean filtered() {
        return java.util.stream.Stream.of(status, source, platform, priority, engagement, assignedTo, branchId, tags,
                createdFrom, createdTo, followUpFrom, followUpTo, search, ids).anyMatch(v -> v != null && !v.isBlank())
                || Boolean.TRUE.equals(notContacted) || Boolean.TRUE.equals(includeDeleted);
    }

    public LeadFilter toFilter() {
        return LeadFilter.of(status, source, platform, priority, engagement, assignedTo, branchId, tags,
                createdFrom, createdTo, followUpFrom, followUpTo, notContacted, search, includeDeleted, sort, order,
                ids);
    }
}

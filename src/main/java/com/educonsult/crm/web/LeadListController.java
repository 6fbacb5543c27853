package com.educonsult.crm.web;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.AssignmentRequests;
import com.educonsult.crm.leads.LeadListParams;
import com.educonsult.crm.leads.LeadSearch;
import com.educonsult.crm.leads.LeadSelections;
import com.educonsult.crm.leads.LeadView;
import com.educonsult.crm.leads.SavedViews;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.CursorPage;
import com.educonsult.crm.web.support.Forms;
import com.educonsult.crm.web.support.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The leads list: every filter of {@code GET /api/v1/leads} as a form control, answered by the same search. Typing
 * or changing a filter replaces the table only (htmx), and the address follows, so a filtered list can be
 * bookmarked and shared. Pages go on by the search's cursor, never by offset.
 */
@Controller
class LeadListController {

    record ViewLink(String label, String href) {
    }

    static final int PAGE_SIZE = 50;
    static final List<String> PRIORITIES = List.of("hot", "warm", "cold");
    static final List<String> ENGAGEMENTS = List.of("new", "active", "hot", "inactive");
    static final List<String> PLATFORMS = List.of(AssignmentRequests.PLATFORMS.split("\\|"));

    private final LeadSearch search;
    private final SavedViews savedViews;
    private final LeadSelections selections;
    private final UserDirectory users;
    private final Forms forms;
    private final Tenancy tenancy;

    LeadListController(LeadSearch search, SavedViews savedViews, LeadSelections selections, UserDirectory users,
            Forms forms, Tenancy tenancy) {
        this.search = search;
        this.savedViews = savedViews;
        this.selections = selections;
        this.users = users;
        this.forms = forms;
        this.tenancy = tenancy;
    }

    @GetMapping("/leads")
    @RequiresPermission("leads:read")
    String list(@ModelAttribute LeadListParams params, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> columns, @RequestParam(required = false) String notice,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("notice", notice == null || notice.length() > 200 ? null : notice);
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            model.addAttribute("statuses", search.counts(user));
            model.addAttribute("assignees", assignees(users, user));
            model.addAttribute("tagCounts", search.tags(user).stream().limit(30).toList());
            model.addAttribute("views", savedViews.list(user).stream()
                    .map(v -> new ViewLink(v.name() + (v.shared() ? " · shared" : ""),
                            "/leads" + query(withColumns(v.filters(), LeadColumns.chosen(v.columns())))))
                    .toList());
            rows(user, params, cursor, response, model);
        });
        List<LeadColumns.Column> shown = LeadColumns.chosen(columns);
        Map<String, String> current = withColumns(params.asQuery(), shown);
        model.addAttribute("params", params);
        model.addAttribute("currentFilters", current);
        model.addAttribute("columns", shown);
        model.addAttribute("shownColumns", shown.stream().map(LeadColumns.Column::key).toList());
        model.addAttribute("allColumns", LeadColumns.all());
        model.addAttribute("sortHrefs", sortLinks(params, current, shown));
        model.addAttribute("firstPageHref", "/leads" + query(current));
        if (model.getAttribute("nextCursor") instanceof String next) {
            Map<String, String> following = new LinkedHashMap<>(current);
            following.put("cursor", next);
            model.addAttribute("nextPageHref", "/leads" + query(following));
        }
        model.addAttribute("priorities", PRIORITIES);
        model.addAttribute("engagements", ENGAGEMENTS);
        model.addAttribute("platforms", PLATFORMS);
        return Htmx.isHtmx(request) && "lead-rows".equals(request.getHeader("HX-Target"))
                ? "leads/list :: rows" : "leads/list";
    }

    /**
     * Saves the list's current filters under a name, for the user or (managers, admins) for everyone, and shows the
     * list again with a line saying so (kept in the address: the console keeps no server session).
     */
    @PostMapping("/leads/views")
    @RequiresPermission("leads:read")
    String saveView(@RequestParam MultiValueMap<String, String> form) {
        CurrentUser user = Authenticated.user();
        Map<String, String> filters = new LinkedHashMap<>();
        SavedViews.FILTERS.forEach(name -> {
            String value = form.getFirst(name);
            if (value != null && !value.isBlank()) {
                filters.put(name, value);
            }
        });
        List<LeadColumns.Column> columns = LeadColumns.chosen(form.get("columns"));
        var request = new SavedViews.Save(form.getFirst("view_name") == null ? "" : form.getFirst("view_name"),
                filters, LeadColumns.asParameter(columns) == null ? List.of()
                        : columns.stream().map(LeadColumns.Column::key).toList(),
                "true".equals(form.getFirst("view_shared")));
        String notice;
        if (!forms.check(request).isEmpty()) {
            notice = "A view needs a name of at most 100 characters.";
        } else {
            try {
                tenancy.runAs(user.organizationId(), () -> savedViews.create(user, request));
                notice = "View “" + request.name().strip() + "” saved.";
            } catch (ApiException refused) {
                notice = refused.getMessage();
            }
        }
        Map<String, String> back = withColumns(filters, columns);
        back.put("notice", notice);
        return "redirect:/leads" + query(back);
    }

    @PostMapping("/leads/views/{id}/delete")
    @RequiresPermission("leads:read")
    String deleteView(@PathVariable UUID id) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> savedViews.delete(user, id));
        return "redirect:/leads?notice=" + java.net.URLEncoder.encode("View removed.", java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The bulk bar: one action on the ticked leads; each lead is changed alone, refusals are listed. */
    @PostMapping("/leads/bulk")
    @RequiresPermission("leads:write")
    String bulk(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        var body = new LinkedHashMap<String, Object>();
        body.put("lead_ids", form.getOrDefault("lead_ids", List.of()));
        body.put("action", form.getFirst("bulk_action"));
        body.put("assigned_to", blankToNull(form.getFirst("bulk_assigned_to")));
        body.put("status_id", blankToNull(form.getFirst("bulk_status_id")));
        body.put("tag", blankToNull(form.getFirst("bulk_tag")));
        Forms.Read<LeadSelections.Action> read = forms.read(forms.jsonOf(body), LeadSelections.Action.class);
        if (!read.valid()) {
            response.setStatus(422);
            model.addAttribute("message", read.errors().containsKey("lead_ids")
                    ? "Tick the leads to change first (at most " + LeadSelections.MAX_LEADS + ")."
                    : "Choose what to do with the ticked leads.");
            return "fragments :: failure";
        }
        try {
            model.addAttribute("outcome", selections.apply(Authenticated.user(), read.request()));
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            model.addAttribute("message", refused.getMessage());
            return "fragments :: failure";
        }
        return "leads/list :: bulk-outcome";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The filters with the chosen columns, when they are not the usual ones. */
    private static Map<String, String> withColumns(Map<String, String> filters, List<LeadColumns.Column> columns) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        String chosen = LeadColumns.asParameter(columns);
        if (chosen != null) {
            query.put("columns", chosen);
        }
        return query;
    }

    /** Per sortable column, the list ordered by it: descending first, then flipped when it already is. */
    private static Map<String, String> sortLinks(LeadListParams params, Map<String, String> current,
            List<LeadColumns.Column> columns) {
        String sort = params.sort() == null ? "created_at" : params.sort();
        Map<String, String> links = new LinkedHashMap<>();
        for (LeadColumns.Column column : columns) {
            if (column.sort() != null) {
                Map<String, String> query = new LinkedHashMap<>(current);
                query.put("sort", column.sort());
                query.put("order", sort.equals(column.sort()) && !"asc".equals(params.order()) ? "asc" : "desc");
                links.put(column.key(), "/leads" + query(query));
            }
        }
        return links;
    }

    private static String query(Map<String, String> filters) {
        if (filters.isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        filters.forEach((name, value) -> query.append(query.length() > 1 ? "&" : "").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return query.toString();
    }

    private void rows(CurrentUser user, LeadListParams params, String cursor, HttpServletResponse response,
            Model model) {
        try {
            CursorPage<LeadView> page = search.list(user, params.toFilter(), PAGE_SIZE, null, cursor);
            model.addAttribute("leads", page.items());
            model.addAttribute("total", page.total());
            model.addAttribute("totalIsEstimate", page.totalIsEstimate());
            model.addAttribute("nextCursor", page.nextCursor());
        } catch (ApiException invalid) {
            response.setStatus(invalid.status().value());
            model.addAttribute("leads", List.of());
            model.addAttribute("filterError", invalid.getMessage());
            model.addAttribute("filterErrorField", invalid.errors().isEmpty() ? null : invalid.errors().get(0).field());
        }
        model.addAttribute("cursor", cursor);
    }

    /** Whom the caller may filter by: nobody for a counselor (they see their own), their branch for a manager. */
    static List<UserSummary> assignees(UserDirectory users, CurrentUser user) {
        if (user.dataScope() == DataScope.OWN) {
            return List.of();
        }
        UUID branch = user.dataScope() == DataScope.BRANCH ? user.branchId() : null;
        return users.activeWithRoles(user.organizationId(), List.of("admin", "manager", "counselor", "agent"), branch);
    }
}

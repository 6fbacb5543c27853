package com.educonsult.crm.web;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadListParams;
import com.educonsult.crm.leads.LeadSearch;
import com.educonsult.crm.leads.LeadView;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.CursorPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The leads list: every filter of {@code GET /api/v1/leads} as a form control, answered by the same search. Typing
 * or changing a filter replaces the table only (htmx), and the address follows, so a filtered list can be
 * bookmarked and shared. Pages go on by the search's cursor, never by offset.
 */
@Controller
class LeadListController {

    static final int PAGE_SIZE = 50;
    static final List<String> PRIORITIES = List.of("hot", "warm", "cold");
    static final List<String> ENGAGEMENTS = List.of("new", "active", "hot", "inactive");
    static final List<String> PLATFORMS = List.of("facebook", "instagram", "google", "website", "walk_in",
            "referral", "portal", "manual", "other");

    private final LeadSearch search;
    private final UserDirectory users;
    private final Tenancy tenancy;

    LeadListController(LeadSearch search, UserDirectory users, Tenancy tenancy) {
        this.search = search;
        this.users = users;
        this.tenancy = tenancy;
    }

    @GetMapping("/leads")
    @RequiresPermission("leads:read")
    String list(@ModelAttribute LeadListParams params, @RequestParam(required = false) String cursor,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            model.addAttribute("statuses", search.counts(user));
            model.addAttribute("assignees", assignees(users, user));
            model.addAttribute("tagCounts", search.tags(user).stream().limit(30).toList());
            rows(user, params, cursor, response, model);
        });
        model.addAttribute("params", params);
        model.addAttribute("priorities", PRIORITIES);
        model.addAttribute("engagements", ENGAGEMENTS);
        model.addAttribute("platforms", PLATFORMS);
        return Htmx.isHtmx(request) && "lead-rows".equals(request.getHeader("HX-Target"))
                ? "leads/list :: rows" : "leads/list";
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

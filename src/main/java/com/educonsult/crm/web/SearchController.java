package com.educonsult.crm.web;

import com.educonsult.crm.leads.LeadListParams;
import com.educonsult.crm.leads.LeadSearch;
import com.educonsult.crm.leads.LeadView;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The frame's search box: a name, an email or a phone written any way finds leads through the same search as the
 * list; one match opens the lead, several open the list.
 */
@Controller
class SearchController {

    private static final Pattern PHONE_LIKE = Pattern.compile("^[+()\\d\\s.-]{6,}$");
    private static final int SUGGESTIONS = 8;

    private final LeadSearch search;
    private final Tenancy tenancy;

    SearchController(LeadSearch search, Tenancy tenancy) {
        this.search = search;
        this.tenancy = tenancy;
    }

    @GetMapping("/search")
    @RequiresPermission("leads:read")
    String search(@RequestParam(defaultValue = "") String q) {
        String query = q.strip();
        if (query.isEmpty()) {
            return "redirect:/leads";
        }
        List<LeadView> found = find(Authenticated.user(), query, 2);
        if (found.size() == 1) {
            return "redirect:/leads/" + found.getFirst().id();
        }
        return "redirect:/leads?search=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @GetMapping("/search/suggest")
    @RequiresPermission("leads:read")
    String suggest(@RequestParam(defaultValue = "") String q, Model model) {
        String query = q.strip();
        model.addAttribute("query", query);
        model.addAttribute("leads", query.length() < 2 ? List.of() : find(Authenticated.user(), query, SUGGESTIONS));
        return "search :: suggestions";
    }

    /** A number written any way is looked up as a phone first; anything else, or no such phone, as a search. */
    private List<LeadView> find(CurrentUser user, String query, int limit) {
        String bounded = query.length() > 200 ? query.substring(0, 200) : query;
        return tenancy.callAs(user.organizationId(), () -> {
            if (PHONE_LIKE.matcher(bounded).matches()) {
                List<LeadView> byPhone = search.byPhone(user, bounded);
                if (!byPhone.isEmpty()) {
                    return byPhone.stream().limit(limit).toList();
                }
            }
            return search.list(user, LeadListParams.searching(bounded).toFilter(), limit, null, null).items();
        });
    }
}

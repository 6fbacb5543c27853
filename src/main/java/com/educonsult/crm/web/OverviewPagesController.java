package com.educonsult.crm.web;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The funnel and the counselor leaderboard with speed to lead, over days of the organization's time zone (the last
 * 30 by default), within the caller's scope; every figure of leads opens the lead list with the same filters.
 */
@Controller
class OverviewPagesController {

    /** A funnel step with the link to its leads now at it. */
    record StepRow(Overview.FunnelStep step, String href) {
    }

    /** A counselor's row with the link to their leads of the range. */
    record CounselorRow(Overview.CounselorStats stats, String href) {
    }

    private final Overview overview;
    private final UserDirectory users;
    private final Tenancy tenancy;
    private final Clock clock;

    OverviewPagesController(Overview overview, UserDirectory users, Tenancy tenancy, Clock clock) {
        this.overview = overview;
        this.users = users;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @GetMapping("/analytics/funnel")
    @RequiresPermission("analytics:read")
    String funnel(@RequestParam(name = "date_from", required = false) String dateFrom,
            @RequestParam(name = "date_to", required = false) String dateTo, Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            AnalyticsRange range = range(user, dateFrom, dateTo, model);
            Overview.Funnel funnel = overview.funnel(user, range, Overview.Filter.NONE);
            model.addAttribute("funnel", funnel);
            model.addAttribute("steps", funnel.stages().stream().map(s -> new StepRow(s,
                    AnalyticsLinks.leads().status(s.statusId()).created(range).href())).toList());
            model.addAttribute("allLeads", AnalyticsLinks.leads().created(range).href());
        });
        return "analytics/funnel";
    }

    @GetMapping("/analytics/counselors")
    @RequiresPermission("analytics:read")
    String counselors(@RequestParam(name = "date_from", required = false) String dateFrom,
            @RequestParam(name = "date_to", required = false) String dateTo, Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            AnalyticsRange range = range(user, dateFrom, dateTo, model);
            Overview.CounselorPerformance performance = overview.counselorPerformance(user, range,
                    Overview.Filter.NONE);
            model.addAttribute("performance", performance);
            List<CounselorRow> rows = performance.counselors().stream().map(c -> new CounselorRow(c,
                    AnalyticsLinks.leads().assignedTo(c.userId()).created(range).href())).toList();
            model.addAttribute("rows", rows);
        });
        return "analytics/counselors";
    }

    private AnalyticsRange range(CurrentUser user, String dateFrom, String dateTo, Model model) {
        AnalyticsRange range = AnalyticsRange.of(dateFrom, dateTo, 30, users.timeZone(user.organizationId()), clock);
        model.addAttribute("range", range);
        return range;
    }
}

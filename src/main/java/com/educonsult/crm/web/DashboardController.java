package com.educonsult.crm.web;

import com.educonsult.crm.activities.Activities;
import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.activities.Tasks;
import com.educonsult.crm.calls.CallLogs;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadSearch;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard: the caller's leads and follow-ups at a glance, within their data scope. The charts' figures are in
 * the page as data; the page reloads its body when the caller's leads change.
 */
@Controller
class DashboardController {

    record Tile(String label, String value, String hint, String href) {
    }

    /** A bar of a chart; {@code href}: the lead list with the same filters, null when the bar opens nothing. */
    record Bar(String label, long value, String color, String href) {
        Bar(String label, long value, String color) {
            this(label, value, color, null);
        }
    }

    private final LeadSearch leads;
    private final Tasks tasks;
    private final CallLogs calls;
    private final Activities activities;
    private final UserDirectory users;
    private final Tenancy tenancy;
    private final Overview overview;
    private final Clock clock;

    DashboardController(LeadSearch leads, Tasks tasks, CallLogs calls, Activities activities,
            UserDirectory users, Tenancy tenancy, Overview overview, Clock clock) {
        this.overview = overview;
        this.leads = leads;
        this.tasks = tasks;
        this.calls = calls;
        this.activities = activities;
        this.users = users;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** The window of the by-source chart: where this month's leads came from. */
    static final int SOURCE_DAYS = 30;

    @GetMapping("/")
    @RequiresPermission("profile:manage")
    String dashboard(Model model) {
        fill(model);
        return "dashboard";
    }

    @GetMapping("/dashboard/body")
    @RequiresPermission("profile:manage")
    String body(Model model) {
        fill(model);
        return "dashboard :: body";
    }

    private void fill(Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.runAs(user.organizationId(), () -> {
            ZoneId zone = users.timeZone(user.organizationId());
            LocalDate today = LocalDate.now(clock.withZone(zone));
            if (user.can("leads:read")) {
                leadFigures(model, user, today, zone);
            }
            if (user.can("calls:read")) {
                callFigures(model, user, today, zone);
            }
            if (user.can("leads:read") && user.can("analytics:read")) {
                analyticsFigures(model, user, today, zone);
            }
        });
    }

    /**
     * The charts of those who read analytics, from the analytics overview (cached under its data version): each
     * bar opens the lead list with the same filters, which lists as many leads as the bar shows.
     */
    private void analyticsFigures(Model model, CurrentUser user, LocalDate today, ZoneId zone) {
        Overview.Dashboard dashboard = overview.dashboard(user);
        model.addAttribute("byStatus", dashboard.leadsByStatus().stream()
                .map(s -> new Bar(s.label(), s.count(), s.color() == null ? "#4f46e5" : s.color(),
                        AnalyticsLinks.leads().status(java.util.UUID.fromString(s.key())).href()))
                .toList());
        AnalyticsRange month = AnalyticsRange.lastDays(dashboard.sourceDays(), zone, clock);
        model.addAttribute("bySource", dashboard.leadsBySource().stream()
                .map(s -> new Bar(s.key().isEmpty() ? "No source" : s.label(), s.count(), "#7c3aed",
                        s.key().isEmpty() ? null : AnalyticsLinks.leads().source(s.key()).created(month).href()))
                .toList());
        AnalyticsRange fortnight = AnalyticsRange.lastDays(VOLUME_DAYS, zone, clock);
        model.addAttribute("volume", overview.volume(user, fortnight, "day", Overview.Filter.NONE).stream()
                .map(p -> new Bar(p.date().format(java.time.format.DateTimeFormatter.ofPattern("d MMM")), p.count(),
                        "#0ea5e9", AnalyticsLinks.leads()
                                .created(new AnalyticsRange(p.date(), p.date(), zone)).href()))
                .toList());
        model.addAttribute("performers", dashboard.topPerformers());
        model.addAttribute("communications", dashboard.communicationsLastWeek());
    }

    /** The days of the lead volume chart. */
    static final int VOLUME_DAYS = 14;

    private void leadFigures(Model model, CurrentUser user, LocalDate today, ZoneId zone) {
        List<LeadSearch.StatusCount> byStatus = leads.counts(user);
        long total = byStatus.stream().mapToLong(LeadSearch.StatusCount::count).sum();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long dueToday = followUps(user, "today", zone, today);
        long overdue = followUps(user, "overdue", zone, today);
        // days of the organization's time zone, and links that give the lead list the same moments
        LeadSearch.Arrivals arrivals = leads.arrivals(user, today.atStartOfDay(zone).toOffsetDateTime(),
                monday.atStartOfDay(zone).toOffsetDateTime(),
                today.minusDays(SOURCE_DAYS - 1).atStartOfDay(zone).toOffsetDateTime(), 8);
        model.addAttribute("tiles", List.of(
                new Tile("Leads", String.format("%,d", total), "live, in your scope", "/leads"),
                new Tile("New today", String.format("%,d", arrivals.today()), "since midnight",
                        AnalyticsLinks.leads().created(new AnalyticsRange(today, today, zone)).href()),
                new Tile("New this week", String.format("%,d", arrivals.thisWeek()), "since Monday",
                        AnalyticsLinks.leads().created(new AnalyticsRange(monday, today, zone)).href()),
                new Tile("Follow-ups today", String.format("%,d", dueToday), "due today", "/follow-ups"),
                new Tile("Overdue", String.format("%,d", overdue), "follow-ups past due", "/follow-ups?when=overdue"),
                new Tile("Upcoming", String.format("%,d", followUps(user, "upcoming", zone, today)),
                        "follow-ups from tomorrow", "/follow-ups?when=upcoming")));
        model.addAttribute("bySource", arrivals.bySource().stream()
                .map(s -> new Bar(s.source().isEmpty() ? "No source" : s.source(), s.count(), "#7c3aed")).toList());
        model.addAttribute("overdue", overdue);
        model.addAttribute("byStatus", byStatus.stream()
                .map(s -> new Bar(s.name(), s.count(), s.color() == null ? "#4f46e5" : s.color())).toList());
        // whoever sees only their own leads reads their own activity: the newest of the organization's may all be
        // on other people's leads, and walking past them would not stay quick at a million leads
        boolean ownOnly = user.dataScope() == DataScope.OWN;
        Activities.Filter recent = ownOnly
                ? new Activities.Filter(null, user.userId(), null, null, null, null, null) : Activities.Filter.none();
        model.addAttribute("recentTitle", ownOnly ? "Your recent activity" : "Recent activity");
        model.addAttribute("recent", activities.recent(user, recent, 8));
    }

    /** The caller's open follow-up tasks of a tab of the follow-ups page, counted as that page counts them. */
    private long followUps(CurrentUser user, String when, ZoneId zone, LocalDate today) {
        Long total = tasks.list(user, FollowUpController.filter(when, null, zone, today), PageRequest.of(1, 0)).total();
        return total == null ? 0 : total;
    }

    private void callFigures(Model model, CurrentUser user, LocalDate today, ZoneId zone) {
        var stats = calls.stats(user, new CallLogs.Filter(null, null, null,
                today.atStartOfDay(zone).toOffsetDateTime(), null));
        Map<UUID, Long> perUser = new LinkedHashMap<>();
        stats.days().forEach(d -> perUser.merge(d.userId(), (long) d.total(), Long::sum));
        Map<UUID, UserSummary> names = users.findAll(user.organizationId(), perUser.keySet());
        model.addAttribute("callsToday", perUser.entrySet().stream()
                .map(e -> new Bar(names.containsKey(e.getKey()) ? names.get(e.getKey()).fullName() : "Unknown",
                        e.getValue(), "#0f766e"))
                .sorted((a, b) -> Long.compare(b.value(), a.value()))
                .toList());
    }
}

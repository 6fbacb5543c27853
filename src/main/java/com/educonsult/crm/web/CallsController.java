package com.educonsult.crm.web;

import com.educonsult.crm.calls.CallLogs;
import com.educonsult.crm.calls.RecordingPlayback;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Calls: the list of the calls the caller may see, filtered by user, type and days of the organization's calendar,
 * each counselor's figures per day over the same filter, and a player for recordings. Playing a recording hands
 * out its short-lived URL through the calls module, which records who played it.
 */
@Controller
class CallsController {

    static final int PAGE_SIZE = 50;
    static final List<String> CALL_TYPES = List.of("incoming", "outgoing", "missed", "rejected");
    static final int DEFAULT_DAYS = 7;

    /** The page's filters as the form sends them; days are the organization's. */
    record CallParams(String user, String type, String from, String to) {
    }

    /** A call with whoever made it and its lead (when the caller sees the lead). */
    record Row(CallLogs.CallView call, String userName, LeadSummary lead) {
    }

    record StatRow(CallLogs.DayStats day, String userName) {
    }

    private final CallLogs calls;
    private final RecordingPlayback playback;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final Tenancy tenancy;
    private final Clock clock;

    CallsController(CallLogs calls, RecordingPlayback playback, LeadDirectory leads, UserDirectory users,
            Tenancy tenancy, Clock clock) {
        this.calls = calls;
        this.playback = playback;
        this.leads = leads;
        this.users = users;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @GetMapping("/calls")
    @RequiresPermission("calls:read")
    String list(@RequestParam(required = false) String user, @RequestParam(required = false) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        CurrentUser me = Authenticated.user();
        int offset = Math.max(0, page) * PAGE_SIZE;
        tenancy.runAs(me.organizationId(), () -> {
            ZoneId zone = users.timeZone(me.organizationId());
            LocalDate today = LocalDate.now(clock.withZone(zone));
            // no range asked for: the last week; an emptied field means no bound
            LocalDate fromDay = from == null ? today.minusDays(DEFAULT_DAYS - 1) : day(from);
            LocalDate toDay = to == null ? null : day(to);
            CallParams params = new CallParams(blankToNull(user), type != null && CALL_TYPES.contains(type) ? type : null,
                    fromDay == null ? "" : fromDay.toString(), toDay == null ? "" : toDay.toString());
            UUID userId = userOf(me, params.user());
            CallLogs.Filter filter = new CallLogs.Filter(userId, null, params.type(),
                    fromDay == null ? null : fromDay.atStartOfDay(zone).toOffsetDateTime(),
                    toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusNanos(1000));
            Page<CallLogs.CallView> found = calls.list(me, filter, PageRequest.of(PAGE_SIZE, offset));
            List<CallLogs.DayStats> days = calls.stats(me, new CallLogs.Filter(userId, null, null, filter.from(),
                    filter.to())).days();
            Set<UUID> people = new HashSet<>();
            found.items().forEach(c -> people.add(c.userId()));
            days.forEach(d -> people.add(d.userId()));
            Map<UUID, UserSummary> names = users.findAll(me.organizationId(), people);
            Map<UUID, LeadSummary> leadsById = leads.findAllVisible(me,
                    found.items().stream().map(CallLogs.CallView::leadId).filter(Objects::nonNull).toList());
            model.addAttribute("params", params);
            model.addAttribute("rows", found.items().stream().map(c -> new Row(c, nameOf(names, c.userId()),
                    c.leadId() == null ? null : leadsById.get(c.leadId()))).toList());
            model.addAttribute("total", found.total());
            model.addAttribute("totalIsEstimate", found.totalIsEstimate());
            model.addAttribute("hasNext", found.total() != null && offset + found.items().size() < found.total());
            model.addAttribute("stats", days.stream().map(d -> new StatRow(d, nameOf(names, d.userId()))).toList());
            model.addAttribute("people", me.dataScope() == DataScope.OWN ? List.of()
                    : LeadListController.assignees(users, me));
        });
        model.addAttribute("types", CALL_TYPES);
        model.addAttribute("page", Math.max(0, page));
        return Htmx.isHtmx(request) && "call-results".equals(request.getHeader("HX-Target"))
                ? "calls :: results" : "calls";
    }

    /** A player for the call's latest recording (the playing is audited), or why there is none to play yet. */
    @GetMapping("/calls/{id}/recording")
    @RequiresPermission("calls:read")
    String recording(@PathVariable UUID id, Model model) {
        CurrentUser me = Authenticated.user();
        model.addAttribute("recording", tenancy.callAs(me.organizationId(), () -> playback.play(me, id)));
        return "calls :: player";
    }

    private static String nameOf(Map<UUID, UserSummary> names, UUID userId) {
        UserSummary user = userId == null ? null : names.get(userId);
        return user == null ? "Unknown user" : user.fullName();
    }

    /** Whose calls: a counselor's own always (the calls module would show no others); anyone's in scope otherwise. */
    private static UUID userOf(CurrentUser me, String user) {
        if (user == null) {
            return null;
        }
        if (user.equals("me")) {
            return me.userId();
        }
        try {
            return UUID.fromString(user);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static LocalDate day(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

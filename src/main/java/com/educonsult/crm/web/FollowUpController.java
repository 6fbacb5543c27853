package com.educonsult.crm.web;

import com.educonsult.crm.activities.TaskRequests;
import com.educonsult.crm.activities.Tasks;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import com.educonsult.crm.web.support.Htmx;
import com.educonsult.crm.web.support.LocalTimes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The caller's open follow-ups (tasks of kind follow_up), due today, overdue (due before today) or upcoming, days
 * being the organization's; managers and admins may pick whose. Each is completed with an outcome or rescheduled in
 * place, through the same task update as the API.
 */
@Controller
class FollowUpController {

    static final int PAGE_SIZE = 50;
    static final List<String> WHENS = List.of("today", "overdue", "upcoming");

    /** A follow-up with its lead's name and phone (when the caller sees the lead). */
    record Row(Tasks.TaskView task, LeadSummary lead) {
    }

    record Tab(String when, String label, Long count, boolean estimated) {
    }

    private final Tasks tasks;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final Forms forms;
    private final Tenancy tenancy;
    private final Clock clock;

    FollowUpController(Tasks tasks, LeadDirectory leads, UserDirectory users, Forms forms, Tenancy tenancy,
            Clock clock) {
        this.tasks = tasks;
        this.leads = leads;
        this.users = users;
        this.forms = forms;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @GetMapping("/follow-ups")
    @RequiresPermission("leads:read")
    String list(@RequestParam(defaultValue = "today") String when, @RequestParam(required = false) String owner,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        CurrentUser user = Authenticated.user();
        String tab = WHENS.contains(when) ? when : "today";
        UUID ownerId = ownerOf(user, owner);
        int offset = Math.max(0, page) * PAGE_SIZE;
        tenancy.runAs(user.organizationId(), () -> {
            ZoneId zone = users.timeZone(user.organizationId());
            Page<Tasks.TaskView> found = tasks.list(user, filter(tab, ownerId, zone), PageRequest.of(PAGE_SIZE, offset));
            model.addAttribute("rows", rows(user, found.items()));
            model.addAttribute("total", found.total());
            model.addAttribute("hasNext", found.total() != null && offset + found.items().size() < found.total());
            model.addAttribute("tabs", tabs(user, ownerId, zone));
            model.addAttribute("owners", LeadListController.assignees(users, user));
        });
        model.addAttribute("when", tab);
        model.addAttribute("owner", ownerId == null ? null : ownerId.toString());
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("canWrite", user.can("leads:write"));
        model.addAttribute("errors", Map.of());
        return Htmx.isHtmx(request) && "follow-up-list".equals(request.getHeader("HX-Target"))
                ? "follow-ups :: list" : "follow-ups";
    }

    /** Completes the follow-up with its outcome; answers a line saying so in its place. */
    @PostMapping("/follow-ups/{id}/complete")
    @RequiresPermission("leads:write")
    String complete(@PathVariable UUID id, @RequestParam(required = false) String outcome,
            @RequestParam(defaultValue = "today") String when, @RequestParam(required = false) String owner,
            HttpServletResponse response, Model model) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "completed");
        body.put("outcome", outcome);
        return update(id, body, "complete", "Done: ", when, owner, response, model);
    }

    /** Moves the follow-up to a new time of the organization's zone; it leaves the list when no longer due in it. */
    @PostMapping("/follow-ups/{id}/reschedule")
    @RequiresPermission("leads:write")
    String reschedule(@PathVariable UUID id, @RequestParam(name = "due_at", required = false) String dueAt,
            @RequestParam(defaultValue = "today") String when, @RequestParam(required = false) String owner,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Map<String, String> body = new LinkedHashMap<>();
        if (dueAt == null || dueAt.isBlank()) {
            return refused(id, Map.of("due_at", "is required: pick the new day and time"), "reschedule", response,
                    model);
        }
        body.put("due_at", LocalTimes.toOffset(dueAt,
                tenancy.callAs(user.organizationId(), () -> users.timeZone(user.organizationId()))));
        return update(id, body, "reschedule", "Rescheduled: ", when, owner, response, model);
    }

    private String update(UUID id, Map<String, String> values, String action, String done, String when, String owner,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Forms.Read<TaskRequests.Update> read = forms.read(forms.json(values), TaskRequests.Update.class);
        if (!read.valid()) {
            return refused(id, read.errors(), action, response, model);
        }
        Tasks.TaskView task;
        try {
            task = tenancy.callAs(user.organizationId(), () -> tasks.update(user, id, read.request(), read.patch()));
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND || refused.status() == HttpStatus.FORBIDDEN) {
                throw refused;
            }
            return refused(id, Forms.errorsOf(refused), action, response, model);
        }
        String tab = WHENS.contains(when) ? when : "today";
        UUID ownerId = ownerOf(user, owner);
        tenancy.runAs(user.organizationId(), () -> {
            ZoneId zone = users.timeZone(user.organizationId());
            boolean stays = "open".equals(task.status()) && matches(task, tab, zone);
            model.addAttribute("row", stays ? rows(user, List.of(task)).getFirst() : null);
            model.addAttribute("tabs", tabs(user, ownerId, zone));
        });
        model.addAttribute("gone", done + task.title());
        model.addAttribute("taskId", id);
        model.addAttribute("when", tab);
        model.addAttribute("owner", ownerId == null ? null : ownerId.toString());
        model.addAttribute("canWrite", true);
        model.addAttribute("errors", Map.of());
        return "follow-ups :: updated";
    }

    /** The messages of a refused change, beside the fields of the form that was sent; what was typed stays. */
    private static String refused(UUID id, Map<String, String> errors, String action, HttpServletResponse response,
            Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        response.setHeader("HX-Retarget", "#" + action + "-" + id + "-errors");
        response.setHeader("HX-Reswap", "innerHTML");
        model.addAttribute("errors", errors);
        return "fragments :: field-errors";
    }

    private Tasks.Filter filter(String when, UUID ownerId, ZoneId zone) {
        return filter(when, ownerId, zone, LocalDate.now(clock.withZone(zone)));
    }

    /** The open follow-ups of a tab (today, overdue, upcoming) by the organization's day; the dashboard's too. */
    static Tasks.Filter filter(String when, UUID ownerId, ZoneId zone, LocalDate today) {
        OffsetDateTime startOfToday = today.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime startOfTomorrow = today.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return switch (when) {
            case "overdue" -> new Tasks.Filter(null, ownerId, "open", "follow_up", startOfToday, null, null);
            case "upcoming" -> new Tasks.Filter(null, ownerId, "open", "follow_up", null, startOfTomorrow, null);
            default -> new Tasks.Filter(null, ownerId, "open", "follow_up", startOfTomorrow, startOfToday, null);
        };
    }

    private boolean matches(Tasks.TaskView task, String when, ZoneId zone) {
        Tasks.Filter filter = filter(when, null, zone);
        OffsetDateTime due = task.dueAt();
        return due != null && (filter.dueBefore() == null || due.isBefore(filter.dueBefore()))
                && (filter.dueAfter() == null || !due.isBefore(filter.dueAfter()));
    }

    private List<Tab> tabs(CurrentUser user, UUID ownerId, ZoneId zone) {
        return WHENS.stream().map(when -> {
            Page<Tasks.TaskView> counted = tasks.list(user, filter(when, ownerId, zone), PageRequest.of(1, 0));
            return new Tab(when, switch (when) {
                case "overdue" -> "Overdue";
                case "upcoming" -> "Upcoming";
                default -> "Today";
            }, counted.total(), counted.totalIsEstimate());
        }).toList();
    }

    private List<Row> rows(CurrentUser user, List<Tasks.TaskView> found) {
        Map<UUID, LeadSummary> names = leads.findAllVisible(user,
                found.stream().map(Tasks.TaskView::leadId).filter(java.util.Objects::nonNull).toList());
        return found.stream().map(t -> new Row(t, t.leadId() == null ? null : names.get(t.leadId()))).toList();
    }

    /** Whose follow-ups: the caller's own for a counselor; anyone's in scope (or everyone's) for the others. */
    private static UUID ownerOf(CurrentUser user, String owner) {
        if (user.dataScope() == DataScope.OWN) {
            return user.userId();
        }
        if (owner == null || owner.isBlank()) {
            return null;
        }
        if (owner.equals("me")) {
            return user.userId();
        }
        try {
            return UUID.fromString(owner);
        } catch (IllegalArgumentException notAnId) {
            throw ApiException.notFound("User");
        }
    }
}

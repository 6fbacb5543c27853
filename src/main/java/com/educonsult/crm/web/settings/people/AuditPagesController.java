package com.educonsult.crm.web.settings.people;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditLogQueries;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.settings.SettingsForms;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The audit log: who changed what and when, newest first, filtered by person, kind of record, action and days of the
 * organization's calendar. Each entry opens to the record's values before and after, side by side, the changed
 * fields marked. Read through the same query as the API's audit log.
 */
@Controller
class AuditPagesController {

    static final int PAGE_SIZE = 50;
    /** Kinds of record the modules write audit entries for, offered in the filter (any other can be typed). */
    static final List<String> RESOURCE_TYPES = List.of("organization", "branch", "user", "role", "api_key", "session",
            "lead", "status", "task", "note", "call", "template", "course", "institution", "import", "setting");

    /** The filters as the form sends them. */
    public record Filters(String actor, String resourceType, String action, String from, String to) {
    }

    /** One field of the record: its value before and after, as text, and whether it changed. */
    public record FieldChange(String field, String before, String after, boolean changed) {
    }

    /** One entry as the page lists it. */
    public record Entry(AuditLogQueries.AuditLogEntry entry, String actorName, String impersonatorName,
            List<FieldChange> fields, int changedCount) {
    }

    public record Person(UUID id, String name) {
    }

    private final AuditLogQueries auditLogs;
    private final UserDirectory users;
    private final Tenancy tenancy;

    AuditPagesController(AuditLogQueries auditLogs, UserDirectory users, Tenancy tenancy) {
        this.tenancy = tenancy;
        this.auditLogs = auditLogs;
        this.users = users;
    }

    @GetMapping("/settings/audit")
    @RequiresPermission("admin:audit")
    String list(@RequestParam(required = false) String actor, @RequestParam(name = "resource_type", required = false)
            String resourceType, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        return tenancy.callAs(me.organizationId(), () -> list(me, actor, resourceType, action, from, to, page,
                response, model));
    }

    private String list(CurrentUser me, String actor, String resourceType, String action, String from, String to,
            int page, HttpServletResponse response, Model model) {
        ZoneId zone = users.timeZone(me.organizationId());
        Filters filters = new Filters(SettingsForms.blankToNull(actor), SettingsForms.blankToNull(resourceType), SettingsForms.blankToNull(action),
                SettingsForms.blankToNull(from), SettingsForms.blankToNull(to));
        Map<String, String> errors = new LinkedHashMap<>();
        SettingsForms.DayRange days = SettingsForms.dayRange(filters.from(), filters.to(), zone, errors);
        UUID actorId = null;
        if (filters.actor() != null) {
            try {
                actorId = UUID.fromString(filters.actor());
            } catch (IllegalArgumentException notAnId) {
                errors.put("actor", "choose a person from the list");
            }
        }
        int offset = Math.max(0, page) * PAGE_SIZE;
        List<Entry> entries = List.of();
        Long total = 0L;
        boolean hasNext = false;
        if (errors.isEmpty()) {
            Page<AuditLogQueries.AuditLogEntry> found = auditLogs.search(new AuditLogQueries.Filter(days.from(), days.until(),
                    actorId, filters.action(), filters.resourceType(), null, null), PageRequest.of(PAGE_SIZE, offset));
            Set<UUID> people = new HashSet<>();
            found.items().forEach(e -> {
                if (e.userId() != null) {
                    people.add(e.userId());
                }
                if (e.impersonatedBy() != null) {
                    people.add(e.impersonatedBy());
                }
            });
            Map<UUID, UserSummary> names = users.findAll(me.organizationId(), people);
            entries = found.items().stream().map(e -> entry(e, names)).toList();
            total = found.total();
            hasNext = total != null && offset + found.items().size() < total;
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        model.addAttribute("filters", filters);
        model.addAttribute("errors", errors);
        model.addAttribute("entries", entries);
        model.addAttribute("total", total);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("hasNext", hasNext);
        model.addAttribute("people", people(me));
        model.addAttribute("resourceTypes", RESOURCE_TYPES);
        return "settings/audit";
    }

    /** The people of the organization to filter by: everyone holding a role, active or not, by name. */
    private List<Person> people(CurrentUser me) {
        List<UserSummary> found = new ArrayList<>(users.activeWithRoles(me.organizationId(),
                List.of("admin", "manager", "counselor", "agent"), null));
        return found.stream().sorted(Comparator.comparing(UserSummary::fullName, String.CASE_INSENSITIVE_ORDER))
                .map(u -> new Person(u.id(), u.fullName())).distinct().toList();
    }

    private static Entry entry(AuditLogQueries.AuditLogEntry e, Map<UUID, UserSummary> names) {
        List<FieldChange> fields = compare(e.before(), e.after());
        return new Entry(e, e.userId() == null ? "The system" : nameOf(names, e.userId()),
                e.impersonatedBy() == null ? null : nameOf(names, e.impersonatedBy()), fields,
                (int) fields.stream().filter(FieldChange::changed).count());
    }

    /** The fields of both sides, in the order the record lists them; nested values are shown as compact JSON. */
    static List<FieldChange> compare(JsonNode before, JsonNode after) {
        Set<String> names = new LinkedHashSet<>();
        if (before != null && before.isObject()) {
            names.addAll(before.propertyNames());
        }
        if (after != null && after.isObject()) {
            names.addAll(after.propertyNames());
        }
        List<FieldChange> fields = new ArrayList<>();
        if (names.isEmpty()) {
            if (before != null || after != null) {
                fields.add(new FieldChange("value", text(before), text(after),
                        before == null || !before.equals(after)));
            }
            return fields;
        }
        for (String name : names) {
            JsonNode was = before == null || !before.isObject() ? null : before.get(name);
            JsonNode is = after == null || !after.isObject() ? null : after.get(name);
            boolean changed = !(was == null ? is == null || is.isNull() : was.equals(is) || (was.isNull() && is == null));
            fields.add(new FieldChange(name, text(was), text(is), changed));
        }
        return fields;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    private static String nameOf(Map<UUID, UserSummary> names, UUID id) {
        UserSummary user = names.get(id);
        return user == null ? "Unknown user" : user.fullName();
    }
}

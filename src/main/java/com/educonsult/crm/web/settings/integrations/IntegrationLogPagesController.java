package com.educonsult.crm.web.settings.integrations;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.settings.SettingsForms;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The integration log: every delivery that came in and every call that went out, newest first, filtered by
 * integration, direction, outcome, days and lead; an entry opens to its request and answer, secrets redacted.
 * Read through the same query as the API's log.
 */
@Controller
class IntegrationLogPagesController {

    static final int PAGE_SIZE = 50;

    /** The filters as the form sends them. */
    public record Filters(String type, String direction, String status, String from, String to, String lead) {
    }

    /** A type to filter by: its code and what the page calls it. */
    public record TypeChoice(String code, String label) {
    }

    private final IntegrationLog log;
    private final UserDirectory users;

    IntegrationLogPagesController(IntegrationLog log, UserDirectory users) {
        this.log = log;
        this.users = users;
    }

    @GetMapping(IntegrationPagesController.AREA + "/logs")
    @RequiresPermission("settings:manage")
    String list(@RequestParam(required = false) String type, @RequestParam(required = false) String direction,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(name = "lead_id", required = false) String lead,
            @RequestParam(defaultValue = "0") int page, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        ZoneId zone = users.timeZone(me.organizationId());
        Filters filters = new Filters(SettingsForms.blankToNull(type), SettingsForms.blankToNull(direction), SettingsForms.blankToNull(status), SettingsForms.blankToNull(from), SettingsForms.blankToNull(to),
                SettingsForms.blankToNull(lead));
        Map<String, String> errors = new LinkedHashMap<>();
        if (filters.type() != null && !filters.type().matches("[a-z][a-z0-9_]{0,49}")) {
            errors.put("type", "choose an integration from the list");
        }
        IntegrationLog.Direction wanted = switch (filters.direction() == null ? "" : filters.direction()) {
            case "" -> null;
            case "inbound" -> IntegrationLog.Direction.INBOUND;
            case "outbound" -> IntegrationLog.Direction.OUTBOUND;
            default -> {
                errors.put("direction", "choose in or out");
                yield null;
            }
        };
        Boolean success = switch (filters.status() == null ? "" : filters.status()) {
            case "" -> null;
            case "success" -> true;
            case "failure" -> false;
            default -> {
                errors.put("status", "choose worked or failed");
                yield null;
            }
        };
        SettingsForms.DayRange days = SettingsForms.dayRange(filters.from(), filters.to(), zone, errors);
        UUID leadId = null;
        if (filters.lead() != null) {
            try {
                leadId = UUID.fromString(filters.lead());
            } catch (IllegalArgumentException notAnId) {
                errors.put("lead_id", "paste a lead's id, as shown in its address");
            }
        }
        int current = Math.max(0, page);
        List<IntegrationLog.LogView> entries = List.of();
        boolean hasNext = false;
        if (errors.isEmpty()) {
            Page<IntegrationLog.LogView> found = log.search(new IntegrationLog.Filter(filters.type(), wanted,
                    success, days.from(), days.until(), leadId), PageRequest.of(PAGE_SIZE, current * PAGE_SIZE));
            entries = found.items();
            hasNext = found.total() == null;
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        model.addAttribute("filters", filters);
        model.addAttribute("errors", errors);
        model.addAttribute("entries", entries);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", hasNext);
        List<TypeChoice> types = types();
        model.addAttribute("types", types);
        Map<String, String> labels = new LinkedHashMap<>();
        types.forEach(t -> labels.put(t.code(), t.label()));
        model.addAttribute("typeLabels", labels);
        return "settings/integrations/logs";
    }

    private static List<TypeChoice> types() {
        List<TypeChoice> choices = new ArrayList<>(Arrays.stream(IntegrationType.values())
                .map(t -> new TypeChoice(t.code(), t.label())).toList());
        choices.add(new TypeChoice("webhooks", "Outgoing webhooks"));
        return choices;
    }
}

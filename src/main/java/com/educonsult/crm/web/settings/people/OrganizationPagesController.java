package com.educonsult.crm.web.settings.people;

import com.educonsult.crm.identity.OrganizationRequests;
import com.educonsult.crm.identity.OrganizationSettings;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's settings: name and contact details, time zone, currency, how long call recordings are kept, and
 * the working hours (kept in the organization's settings). Saved by the same service and checks as the API's PATCH.
 */
@Controller
class OrganizationPagesController {

    static final List<String> FIELDS = List.of("name", "email", "phone", "website", "address", "city", "state",
            "country", "logo_url", "time_zone", "currency", "recording_retention_days");
    /** What the API's PATCH refuses to clear. */
    static final String[] REQUIRED = {"name", "time_zone", "currency", "recording_retention_days"};
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final Map<String, String> DAY_NAMES = Map.of("mon", "Monday", "tue", "Tuesday", "wed", "Wednesday",
            "thu", "Thursday", "fri", "Friday", "sat", "Saturday", "sun", "Sunday");

    /** A choice of a select: its value and what the person reads. */
    public record Choice(String value, String label) {
    }

    private final OrganizationSettings settings;
    private final Forms forms;

    OrganizationPagesController(OrganizationSettings settings, Forms forms) {
        this.settings = settings;
        this.forms = forms;
    }

    @GetMapping("/settings/organization")
    @RequiresPermission("organization:write")
    String show(@RequestParam(required = false) String saved, Model model) {
        OrganizationSettings.OrganizationView organization = settings.get(organizationId());
        model.addAttribute("saved", saved != null);
        return page(model, organization, valuesOf(organization), Map.of());
    }

    @PostMapping("/settings/organization")
    @RequiresPermission("organization:write")
    String save(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        Forms.Read<OrganizationRequests.Update> read = forms.read(form, OrganizationRequests.Update.class, FIELDS,
                Set.of());
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        refusedNulls(read, errors, REQUIRED);
        if (errors.isEmpty()) {
            try {
                OrganizationRequests.Update r = read.request();
                settings.update(organizationId(), new OrganizationRequests.Update(r.name(), r.email(), r.phone(),
                        r.website(), r.address(), r.city(), r.state(), r.country(), r.logoUrl(), workingHours(form),
                        r.timeZone(), r.currency(), r.recordingRetentionDays()), read.patch());
                return "redirect:/settings/organization?saved";
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        Map<String, Object> typed = new LinkedHashMap<>(form.toSingleValueMap());
        typed.put("days", form.getOrDefault("days", List.of()));
        return page(model, settings.get(organizationId()), typed, errors);
    }

    /** The fields the API refuses to clear, named beside the other errors of the form. */
    static void refusedNulls(Forms.Read<?> read, Map<String, String> errors, String... fields) {
        if (read.patch() == null) {
            return;
        }
        try {
            read.patch().refuseNull(fields);
        } catch (ApiException refused) {
            Forms.errorsOf(refused).forEach((field, message) -> errors.putIfAbsent(field, "must not be empty"));
        }
    }

    private String page(Model model, OrganizationSettings.OrganizationView organization, Map<String, Object> values,
            Map<String, String> errors) {
        model.addAttribute("organization", organization);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("zones", zones());
        model.addAttribute("countries", countries());
        model.addAttribute("days", DAYS.stream().map(d -> new Choice(d, DAY_NAMES.get(d))).toList());
        return "settings/organization";
    }

    /** The working hours as the settings map keeps them: opening and closing time and the working days. */
    private static Map<String, Object> workingHours(MultiValueMap<String, String> form) {
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("opens", blankToNull(form.getFirst("opens")));
        hours.put("closes", blankToNull(form.getFirst("closes")));
        hours.put("days", form.getOrDefault("days", List.of()).stream().filter(DAYS::contains).toList());
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("working_hours", hours);
        return changes;
    }

    private static Map<String, Object> valuesOf(OrganizationSettings.OrganizationView o) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", o.name());
        values.put("email", o.email());
        values.put("phone", o.phone());
        values.put("website", o.website());
        values.put("address", o.address());
        values.put("city", o.city());
        values.put("state", o.state());
        values.put("country", o.country());
        values.put("logo_url", o.logoUrl());
        values.put("time_zone", o.timeZone());
        values.put("currency", o.currency());
        values.put("recording_retention_days", String.valueOf(o.recordingRetentionDays()));
        Object stored = o.settings() == null ? null : o.settings().get("working_hours");
        Map<?, ?> hours = stored instanceof Map<?, ?> map ? map : Map.of();
        values.put("opens", hours.get("opens") == null ? "" : String.valueOf(hours.get("opens")));
        values.put("closes", hours.get("closes") == null ? "" : String.valueOf(hours.get("closes")));
        values.put("days", hours.get("days") instanceof List<?> days ? days.stream().map(String::valueOf).toList()
                : List.of());
        return values;
    }

    private static List<String> zones() {
        return ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
                .sorted().toList();
    }

    private static List<Choice> countries() {
        List<Choice> countries = new ArrayList<>();
        for (String code : Locale.getISOCountries()) {
            countries.add(new Choice(code, Locale.of("", code).getDisplayCountry(Locale.ENGLISH)));
        }
        countries.sort(Comparator.comparing(Choice::label));
        return countries;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static UUID organizationId() {
        return Authenticated.user().organizationId();
    }
}

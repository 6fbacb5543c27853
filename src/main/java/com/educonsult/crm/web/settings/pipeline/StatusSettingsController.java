package com.educonsult.crm.web.settings.pipeline;

import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.leads.LeadStatus;
import com.educonsult.crm.leads.LeadStatuses;
import com.educonsult.crm.leads.StatusRequests;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pipeline's statuses in order: reordered by dragging or by move buttons, added, changed (colour, SLA, won or
 * lost, default, the statuses a lead may move to next), deactivated or deleted, and the switch to another starting
 * pipeline. Every change goes through the leads module's status service, which keeps its rules.
 */
@Controller
class StatusSettingsController {

    static final String PAGE = "/settings/statuses";

    /** A status as the page lists it, with the names of its allowed next statuses. */
    public record Row(LeadStatus status, List<String> nextNames, boolean first, boolean last) {
    }

    private final LeadStatuses statuses;
    private final Forms forms;
    private final Tenancy tenancy;

    StatusSettingsController(LeadStatuses statuses, Forms forms, Tenancy tenancy) {
        this.statuses = statuses;
        this.forms = forms;
        this.tenancy = tenancy;
    }

    @GetMapping(PAGE)
    @RequiresPermission("settings:manage")
    String page(@RequestParam(required = false) UUID edit, @RequestParam(required = false) String notice,
            @RequestParam(required = false) UUID moved, @RequestParam(required = false) String direction,
            Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("moved", moved);
        model.addAttribute("movedDirection", "up".equals(direction) ? "up" : "down");
        model.addAttribute("errors", Map.of());
        return show(model, edit);
    }

    @PostMapping(PAGE)
    @RequiresPermission("settings:manage")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Map<String, Object> body = fields(form);
        body.putIfAbsent("code", SettingsForms.codeOf(SettingsForms.text(form, "name")));
        Forms.Read<StatusRequests.Create> read = forms.read(forms.jsonOf(body), StatusRequests.Create.class);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, null);
        }
        try {
            LeadStatus created = tenancy.callAs(me.organizationId(),
                    () -> statuses.create(me.organizationId(), read.request()));
            return SettingsForms.redirect(PAGE, "Status “" + created.name() + "” added at the end of the pipeline.");
        } catch (ApiException refused) {
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, null);
        }
    }

    @PostMapping(PAGE + "/{id}")
    @RequiresPermission("settings:manage")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Map<String, Object> body = fields(form);
        body.put("active", SettingsForms.ticked(form, "active"));
        if (!body.containsKey("sla_hours")) {
            body.put("sla_hours", 0); // an emptied SLA removes it
        }
        Forms.Read<StatusRequests.Update> read = forms.read(forms.jsonOf(body), StatusRequests.Update.class);
        if (!read.valid()) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, read.errors(), form, id);
        }
        try {
            LeadStatus saved = tenancy.callAs(me.organizationId(),
                    () -> statuses.update(me.organizationId(), id, read.request(), read.patch()));
            return SettingsForms.redirect(PAGE, "Status “" + saved.name() + "” saved.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return refused(response, model, refused.status(), Forms.errorsOf(refused), form, id);
        }
    }

    /** Deactivates or reactivates a status: a deactivated status takes no more leads and leaves the board. */
    @PostMapping(PAGE + "/{id}/active")
    @RequiresPermission("settings:manage")
    String activate(@PathVariable UUID id, @RequestParam boolean active, Model model, HttpServletResponse response) {
        CurrentUser me = Authenticated.user();
        var change = new StatusRequests.Update(null, null, null, null, null, null, null, null, active, null);
        try {
            LeadStatus saved = tenancy.callAs(me.organizationId(),
                    () -> statuses.update(me.organizationId(), id, change, MergePatch.nullKeeps()));
            return SettingsForms.redirect(PAGE, "Status “" + saved.name() + "” "
                    + (active ? "is active again." : "deactivated: it takes no new leads and leaves the board."));
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return pageRefused(response, model, refused);
        }
    }

    @PostMapping(PAGE + "/{id}/delete")
    @RequiresPermission("settings:manage")
    String delete(@PathVariable UUID id, Model model, HttpServletResponse response) {
        CurrentUser me = Authenticated.user();
        try {
            tenancy.runAs(me.organizationId(), () -> statuses.delete(me.organizationId(), id));
            return SettingsForms.redirect(PAGE, "Status deleted.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return pageRefused(response, model, refused);
        }
    }

    /** Moves a status one place up or down (the keyboard's way of dragging). */
    @PostMapping(PAGE + "/{id}/move")
    @RequiresPermission("settings:manage")
    String move(@PathVariable UUID id, @RequestParam String direction) {
        CurrentUser me = Authenticated.user();
        String name = tenancy.callAs(me.organizationId(), () -> {
            List<UUID> order = new ArrayList<>(statuses.list(me.organizationId()).stream().map(LeadStatus::id).toList());
            int at = order.indexOf(id);
            if (at < 0) {
                throw ApiException.notFound("Status");
            }
            int to = "up".equals(direction) ? at - 1 : at + 1;
            if (to >= 0 && to < order.size()) {
                order.add(to, order.remove(at));
                reorder(me.organizationId(), order);
            }
            return statuses.list(me.organizationId()).stream().filter(s -> s.id().equals(id)).findFirst()
                    .map(LeadStatus::name).orElse("Status");
        });
        boolean up = "up".equals(direction);
        return SettingsForms.redirect(PAGE + "?moved=" + id + "&direction=" + (up ? "up" : "down"),
                "“" + name + "” moved " + (up ? "up." : "down."));
    }

    /** Puts the statuses in the order given (as dragging left them); statuses not named keep their place after. */
    @PostMapping(PAGE + "/order")
    @RequiresPermission("settings:manage")
    String order(@RequestParam(name = "status_ids", required = false) List<String> ids) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> {
            List<UUID> known = statuses.list(me.organizationId()).stream().map(LeadStatus::id).toList();
            List<UUID> order = new ArrayList<>(SettingsForms.ids(ids).stream().filter(known::contains).distinct()
                    .toList());
            known.stream().filter(s -> !order.contains(s)).forEach(order::add);
            reorder(me.organizationId(), order);
        });
        return SettingsForms.redirect(PAGE, "New order saved.");
    }

    @PostMapping(PAGE + "/pipeline")
    @RequiresPermission("settings:manage")
    String switchPipeline(@RequestParam String pipeline, Model model, HttpServletResponse response) {
        CurrentUser me = Authenticated.user();
        var request = new StatusRequests.SwitchPipeline(pipeline);
        Map<String, String> errors = forms.check(request);
        if (!errors.isEmpty()) {
            return pageRefused(response, model, ApiException.invalid("pipeline", errors.values().iterator().next()));
        }
        tenancy.callAs(me.organizationId(),
                () -> statuses.switchPipeline(me.organizationId(), me.userId(), request.pipeline()));
        return SettingsForms.redirect(PAGE, "Switched to the " + pipeline + " pipeline. Leads in statuses outside "
                + "it moved to the status of the same code, or to the default status.");
    }

    /** Gives the statuses positions 0, 10, 20… in the order given, changing only those whose position moves. */
    private void reorder(UUID organizationId, List<UUID> order) {
        Map<UUID, Integer> positions = new LinkedHashMap<>();
        statuses.list(organizationId).forEach(s -> positions.put(s.id(), s.position()));
        for (int i = 0; i < order.size(); i++) {
            int position = i * 10;
            if (!Objects.equals(positions.get(order.get(i)), position)) {
                statuses.update(organizationId, order.get(i), new StatusRequests.Update(null, null, null, position,
                        null, null, null, null, null, null), MergePatch.nullKeeps());
            }
        }
    }

    /** The form's values as the API names them; unticked boxes are false, an empty colour or SLA is left out. */
    private static Map<String, Object> fields(MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", SettingsForms.text(form, "name"));
        body.put("code", SettingsForms.text(form, "code"));
        body.put("color", SettingsForms.text(form, "color"));
        body.put("sla_hours", SettingsForms.number(SettingsForms.text(form, "sla_hours")));
        body.put("is_default", SettingsForms.ticked(form, "is_default") ? Boolean.TRUE : null);
        String outcome = SettingsForms.text(form, "outcome");
        body.put("is_won", "won".equals(outcome));
        body.put("is_lost", "lost".equals(outcome));
        body.put("allowed_next_status_ids", SettingsForms.ids(form.get("allowed_next_status_ids")));
        body.values().removeIf(Objects::isNull);
        return body;
    }

    private String show(Model model, UUID edit) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> {
            List<LeadStatus> all = statuses.list(me.organizationId());
            Map<UUID, String> names = new LinkedHashMap<>();
            all.forEach(s -> names.put(s.id(), s.name()));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                LeadStatus s = all.get(i);
                rows.add(new Row(s, all.stream().filter(o -> s.allowedNextStatusIds().contains(o.id()))
                        .map(LeadStatus::name).toList(), i == 0, i == all.size() - 1));
            }
            model.addAttribute("rows", rows);
            model.addAttribute("statuses", all);
            model.addAttribute("editing", edit == null ? null
                    : all.stream().filter(s -> s.id().equals(edit)).findFirst()
                            .orElseThrow(() -> ApiException.notFound("Status")));
        });
        model.addAttribute("pipelines", LeadStatuses.pipelineCodes());
        model.addAttribute("formAction", edit == null ? PAGE : PAGE + "/" + edit);
        return "settings/statuses";
    }

    private String refused(HttpServletResponse response, Model model, HttpStatus status, Map<String, String> errors,
            MultiValueMap<String, String> form, UUID edit) {
        SettingsForms.refused(response, model, status, errors, form);
        return show(model, edit);
    }

    private String pageRefused(HttpServletResponse response, Model model, ApiException refused) {
        response.setStatus(refused.status().value());
        model.addAttribute("errors", Map.of());
        model.addAttribute("problem", Forms.errorsOf(refused).values().iterator().next());
        return show(model, null);
    }
}

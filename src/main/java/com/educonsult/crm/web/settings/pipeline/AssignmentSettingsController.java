package com.educonsult.crm.web.settings.pipeline;

import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.AssignmentRequests;
import com.educonsult.crm.leads.AssignmentViews;
import com.educonsult.crm.leads.AutoAssignmentSettings;
import com.educonsult.crm.leads.Workloads;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * How new leads find their counselor: off, round robin or least loaded, per branch or not, and rules that give
 * the leads of one source or platform to chosen people. Beside it, each counselor's current workload (for those who
 * may see it, as the API's workload statistics). Every change saves the whole setting through the leads module.
 */
@Controller
class AssignmentSettingsController {

    static final String PAGE = "/settings/assignment";
    static final List<String> PLATFORMS = List.of(AssignmentRequests.PLATFORMS.split("\\|"));
    private static final List<String> ASSIGNABLE_ROLES = List.of("admin", "manager", "counselor", "agent");

    /** A rule as the page lists it, with the names of its people. */
    public record RuleRow(int index, AssignmentRequests.Rule rule, List<String> names) {
        public String match() {
            return rule.source() != null ? "Source is “" + rule.source() + "”" : "Platform is " + rule.platform();
        }
    }

    private final AutoAssignmentSettings settings;
    private final Workloads workloads;
    private final UserDirectory users;
    private final Forms forms;
    private final Tenancy tenancy;

    AssignmentSettingsController(AutoAssignmentSettings settings, Workloads workloads, UserDirectory users,
            Forms forms, Tenancy tenancy) {
        this.settings = settings;
        this.workloads = workloads;
        this.users = users;
        this.forms = forms;
        this.tenancy = tenancy;
    }

    @GetMapping(PAGE)
    @RequiresPermission("settings:manage")
    String page(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("errors", Map.of());
        return show(model);
    }

    /** Saves the mode and per-branch choice, keeping the rules. */
    @PostMapping(PAGE)
    @RequiresPermission("settings:manage")
    String saveMode(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        AssignmentViews.SettingsView now = current(me);
        var request = new AssignmentRequests.Settings(SettingsForms.text(form, "mode"),
                SettingsForms.ticked(form, "per_branch"), now.rules());
        return save(me, request, "Assignment saved: " + describe(request.mode()) + ".", form, response, model);
    }

    @PostMapping(PAGE + "/rules")
    @RequiresPermission("settings:manage")
    String addRule(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        AssignmentViews.SettingsView now = current(me);
        boolean bySource = !"platform".equals(form.getFirst("match"));
        var rule = new AssignmentRequests.Rule(bySource ? SettingsForms.text(form, "source") : null,
                bySource ? null : SettingsForms.text(form, "platform"), SettingsForms.ids(form.get("user_ids")));
        Map<String, String> errors = new LinkedHashMap<>();
        forms.check(rule).forEach((name, message) -> errors.putIfAbsent(name.replaceAll("\\[.*", ""), message));
        if (bySource && rule.source() == null) {
            errors.putIfAbsent("source", "Enter the source whose leads this rule takes, e.g. Website or Fair 2026");
        }
        if (rule.userIds().isEmpty()) {
            errors.put("user_ids", "Tick at least one person to take these leads");
        }
        if (!errors.isEmpty()) {
            SettingsForms.refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, errors, form);
            return show(model);
        }
        List<AssignmentRequests.Rule> rules = new ArrayList<>(now.rules());
        rules.add(rule);
        var request = new AssignmentRequests.Settings(now.mode(), now.perBranch(), rules);
        return save(me, request, "Rule added.", form, response, model);
    }

    @PostMapping(PAGE + "/rules/{index}/delete")
    @RequiresPermission("settings:manage")
    String removeRule(@PathVariable int index, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        AssignmentViews.SettingsView now = current(me);
        if (index < 0 || index >= now.rules().size()) {
            throw ApiException.notFound("Rule");
        }
        List<AssignmentRequests.Rule> rules = new ArrayList<>(now.rules());
        rules.remove(index);
        var request = new AssignmentRequests.Settings(now.mode(), now.perBranch(), rules);
        return save(me, request, "Rule removed.", new org.springframework.util.LinkedMultiValueMap<>(), response,
                model);
    }

    private String save(CurrentUser me, AssignmentRequests.Settings request, String notice,
            MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        Map<String, String> errors = forms.check(request);
        if (!errors.isEmpty()) {
            SettingsForms.refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, errors, form);
            return show(model);
        }
        try {
            tenancy.runAs(me.organizationId(), () -> settings.update(me, request));
        } catch (ApiException refused) {
            Map<String, String> shown = new LinkedHashMap<>();
            Forms.errorsOf(refused).forEach((name, message) -> shown.putIfAbsent(
                    name.startsWith("rules[") ? name.replaceAll("rules\\[\\d+]\\.", "") : name, message));
            SettingsForms.refused(response, model, refused.status(), shown, form);
            return show(model);
        }
        return SettingsForms.redirect(PAGE, notice);
    }

    private AssignmentViews.SettingsView current(CurrentUser me) {
        return tenancy.callAs(me.organizationId(), () -> settings.get(me.organizationId()));
    }

    private static String describe(String mode) {
        return switch (mode) {
            case "round_robin" -> "new leads are given out in turn";
            case "least_loaded" -> "new leads go to whoever has the fewest open leads";
            default -> "new leads stay unassigned until someone assigns them";
        };
    }

    private String show(Model model) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> {
            AssignmentViews.SettingsView now = settings.get(me.organizationId());
            List<UserSummary> people = users.activeWithRoles(me.organizationId(), ASSIGNABLE_ROLES, null);
            List<UUID> ruleUsers = now.rules().stream().flatMap(r -> r.userIds().stream()).distinct().toList();
            Map<UUID, UserSummary> named = users.findAll(me.organizationId(), ruleUsers);
            List<RuleRow> rows = new ArrayList<>();
            for (int i = 0; i < now.rules().size(); i++) {
                AssignmentRequests.Rule rule = now.rules().get(i);
                rows.add(new RuleRow(i, rule, rule.userIds().stream()
                        .map(id -> named.containsKey(id) ? named.get(id).fullName()
                                + (named.get(id).active() ? "" : " (inactive)") : "A removed user")
                        .toList()));
            }
            model.addAttribute("settings", now);
            model.addAttribute("rules", rows);
            model.addAttribute("people", people);
            model.addAttribute("workload", me.can("leads:assign") ? workloads.stats(me) : null);
        });
        model.addAttribute("platforms", PLATFORMS);
        return "settings/assignment";
    }
}

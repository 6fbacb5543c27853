package com.educonsult.crm.web.settings.pipeline;

import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.calls.CallExclusions;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Numbers whose calls the app never syncs (family, colleagues, vendors): listed in their normalized form, added in
 * any format the organization's phone region reads, and removed. The calls module normalizes and refuses.
 */
@Controller
class CallExclusionSettingsController {

    static final String PAGE = "/settings/call-exclusions";

    private final CallExclusions exclusions;
    private final Forms forms;
    private final Tenancy tenancy;

    CallExclusionSettingsController(CallExclusions exclusions, Forms forms, Tenancy tenancy) {
        this.exclusions = exclusions;
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

    @PostMapping(PAGE)
    @RequiresPermission("settings:manage")
    String add(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser me = Authenticated.user();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("phone", SettingsForms.text(form, "phone"));
        fields.put("reason", SettingsForms.text(form, "reason"));
        Forms.Read<CallExclusions.Add> read = forms.read(forms.jsonOf(fields), CallExclusions.Add.class);
        Map<String, String> errors = read.errors();
        if (read.valid() && read.request().phone() == null) {
            errors = Map.of("phone", "Enter the number whose calls should not be synced");
        }
        if (!errors.isEmpty()) {
            SettingsForms.refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, errors, form);
            return show(model);
        }
        try {
            var added = tenancy.callAs(me.organizationId(), () -> exclusions.add(me, read.request()));
            return SettingsForms.redirect(PAGE, "Calls with " + added.phoneE164() + " are no longer synced.");
        } catch (ApiException refused) {
            Map<String, String> shown = Forms.errorsOf(refused);
            if ("is not a valid phone number".equals(shown.get("phone"))) {
                shown.put("phone", "is not a valid phone number: type it with its country code, like +91 98765 43210");
            }
            SettingsForms.refused(response, model, refused.status(), shown, form);
            return show(model);
        }
    }

    @PostMapping(PAGE + "/delete")
    @RequiresPermission("settings:manage")
    String remove(@RequestParam String phone) {
        CurrentUser me = Authenticated.user();
        tenancy.runAs(me.organizationId(), () -> exclusions.remove(me, phone));
        return SettingsForms.redirect(PAGE, "Calls with " + phone + " are synced again.");
    }

    private String show(Model model) {
        CurrentUser me = Authenticated.user();
        List<CallExclusions.ExclusionView> all = tenancy.callAs(me.organizationId(), () -> exclusions.list(me));
        model.addAttribute("exclusions", all);
        return "settings/call-exclusions";
    }
}

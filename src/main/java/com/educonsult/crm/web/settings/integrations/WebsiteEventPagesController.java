package com.educonsult.crm.web.settings.integrations;

import com.educonsult.crm.analytics.WebsiteEvents;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.web.settings.SettingsForms;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Events from the consultancy's website in the console: the public key with the snippet to paste into the site,
 * the origins allowed to send, rotating or revoking the key, and the events of the last 30 days by type and day.
 * Every rule is the analytics module's {@link WebsiteEvents}, as the API's.
 */
@Controller
class WebsiteEventPagesController {

    static final String AREA = IntegrationPagesController.AREA + "/website-events";

    private final WebsiteEvents websiteEvents;

    WebsiteEventPagesController(WebsiteEvents websiteEvents) {
        this.websiteEvents = websiteEvents;
    }

    @GetMapping(AREA)
    @RequiresPermission("settings:manage")
    String page(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        return show(model, Map.of(), null);
    }

    @PostMapping(AREA + "/key")
    @RequiresPermission("settings:manage")
    String issue(@RequestParam(name = "allowed_origins", required = false) String origins,
            HttpServletResponse response, Model model) {
        boolean rotating = websiteEvents.key(Authenticated.user()).isPresent();
        try {
            websiteEvents.issue(Authenticated.user(), origins == null ? null : SettingsForms.items(origins));
        } catch (ApiException refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return show(model, Forms.errorsOf(refused), origins);
        }
        return SettingsForms.redirect(AREA, rotating
                ? "The key is new: the old one is refused from now on. Replace the snippet on your pages."
                : "The key is ready. Paste the snippet into your pages.");
    }

    @PostMapping(AREA + "/origins")
    @RequiresPermission("settings:manage")
    String allowOrigins(@RequestParam(name = "allowed_origins", defaultValue = "") String origins,
            HttpServletResponse response, Model model) {
        try {
            websiteEvents.allowOrigins(Authenticated.user(), SettingsForms.items(origins));
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            return show(model, Forms.errorsOf(refused), origins);
        }
        return SettingsForms.redirect(AREA, "The allowed sites are saved.");
    }

    @PostMapping(AREA + "/revoke")
    @RequiresPermission("settings:manage")
    String revoke() {
        websiteEvents.revoke(Authenticated.user());
        return SettingsForms.redirect(AREA, "The key is revoked: your website's events are refused until you issue "
                + "a new one.");
    }

    private String show(Model model, Map<String, String> errors, String typedOrigins) {
        CurrentUser user = Authenticated.user();
        var key = websiteEvents.key(user).orElse(null);
        model.addAttribute("key", key);
        model.addAttribute("errors", errors);
        model.addAttribute("typedOrigins", typedOrigins != null ? typedOrigins
                : key == null ? "" : String.join("\n", key.allowedOrigins()));
        model.addAttribute("counts", user.can("analytics:events") ? websiteEvents.counts(user, null, null) : null);
        return "settings/integrations/website-events";
    }
}

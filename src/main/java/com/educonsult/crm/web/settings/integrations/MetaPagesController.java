package com.educonsult.crm.web.settings.integrations;

import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.integrations.MetaLeadAds;
import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.settings.SettingsForms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Facebook and Instagram lead ads in the console: what the server's Meta app still needs, the "Connect Facebook"
 * flow (Meta's dialog, then a choice of the user's pages), the connected pages with their forms and last activity,
 * the mapping of a form's questions, and the leads Meta announced with their status, reason and replay.
 */
@Controller
class MetaPagesController {

    static final String PAGE = IntegrationPagesController.AREA + "/facebook";
    private static final Set<String> STATUSES = Set.of("received", "processed", "failed");

    private final MetaLeadAds meta;
    private final IntegrationRegistry registry;
    private final PublicUrl publicUrl;

    MetaPagesController(MetaLeadAds meta, IntegrationRegistry registry, PublicUrl publicUrl) {
        this.meta = meta;
        this.registry = registry;
        this.publicUrl = publicUrl;
    }

    @GetMapping(PAGE)
    @RequiresPermission("settings:manage")
    String show(@RequestParam(required = false) String notice, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, Model model) {
        String shown = status != null && STATUSES.contains(status) ? status : null;
        int number = page == null || page < 0 ? 0 : Math.min(page, 1000);
        var deliveries = meta.deliveries(shown, PageRequest.of(25, number * 25));
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("setup", meta.setup());
        model.addAttribute("integration", registry.get(IntegrationType.FACEBOOK));
        List<MetaLeadAds.ConnectedPage> pages = meta.pages();
        Map<String, List<MetaLeadAds.Form>> formsByPage = new LinkedHashMap<>();
        pages.forEach(p -> formsByPage.put(p.pageId(), meta.forms(p.pageId())));
        model.addAttribute("pages", pages);
        model.addAttribute("formsByPage", formsByPage);
        model.addAttribute("failing", pages.stream().filter(p -> p.lastError() != null && (p.lastActivityAt() == null
                || p.lastErrorAt().isAfter(p.lastActivityAt()))).map(MetaLeadAds.ConnectedPage::pageId)
                .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("deliveries", deliveries.items());
        model.addAttribute("status", shown);
        model.addAttribute("pageNumber", number);
        model.addAttribute("hasNext", deliveries.total() != null && deliveries.total() > (number + 1) * 25L);
        return "settings/integrations/meta-index";
    }

    @PostMapping(PAGE + "/connect")
    @RequiresPermission("settings:manage")
    String connect() {
        if (!meta.setup().oauthConfigured()) {
            return SettingsForms.redirect(PAGE, "No Meta app is configured on this server: set META_APP_ID and "
                    + "META_APP_SECRET first.");
        }
        return "redirect:" + meta.authorizationUrl(Authenticated.user(), callback());
    }

    @GetMapping(PAGE + "/callback")
    @RequiresPermission("settings:manage")
    String callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
            @RequestParam(name = "error_description", required = false) String refusal,
            @RequestParam(required = false) String error, @RequestParam(name = "error_reason", required = false)
            String reason, @RequestParam(name = "error_code", required = false) String errorCode, Model model) {
        if (error != null || code == null || state == null) {
            return SettingsForms.redirect(PAGE, "Facebook did not connect"
                    + (refusal != null ? ": " + cut(refusal) : ": the permission was not given") + ". Try again.");
        }
        try {
            MetaLeadAds.Offer offer = meta.exchangeCode(Authenticated.user(), code, state, callback());
            model.addAttribute("offer", offer);
            model.addAttribute("errors", Map.of());
            return "settings/integrations/meta-choose";
        } catch (ApiException refused) {
            return SettingsForms.redirect(PAGE, "Facebook did not connect: " + cut(refused.getMessage()));
        }
    }

    @PostMapping(PAGE + "/pages")
    @RequiresPermission("settings:manage")
    String choose(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        String token = SettingsForms.text(form, "user_token");
        List<String> pageIds = form.getOrDefault("page_ids", List.of()).stream().filter(p -> p.matches("[0-9]{1,40}"))
                .toList();
        try {
            List<MetaLeadAds.ConnectedPage> pages = meta.connectOffered(Authenticated.user(), token, pageIds);
            return SettingsForms.redirect(PAGE, pageIds.size() == 1 ? "The page is connected: its new leads come in "
                    + "by themselves." : pageIds.size() + " pages are connected: their new leads come in by "
                    + "themselves." + (pages.isEmpty() ? "" : ""));
        } catch (ApiException refused) {
            if ("user_token".equals(field(refused))) {
                return SettingsForms.redirect(PAGE, refused.getMessage());
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("offer", new MetaLeadAds.Offer(token, form.getOrDefault("page_name", List.of()).isEmpty()
                    ? List.of() : offered(form)));
            model.addAttribute("errors", Map.of("page_ids", refused.getMessage()));
            return "settings/integrations/meta-choose";
        }
    }

    @PostMapping(PAGE + "/pages/{pageId}/disconnect")
    @RequiresPermission("settings:manage")
    String disconnect(@PathVariable String pageId) {
        MetaLeadAds.ConnectedPage page = meta.page(pageId);
        meta.disconnect(Authenticated.user(), pageId);
        return SettingsForms.redirect(PAGE, page.name() + " is disconnected; its leads no longer come in.");
    }

    @PostMapping(PAGE + "/pages/{pageId}/refresh")
    @RequiresPermission("settings:manage")
    String refresh(@PathVariable String pageId) {
        try {
            int forms = meta.refreshForms(pageId).size();
            return SettingsForms.redirect(PAGE, "The page's forms were read again from Facebook: " + forms
                    + (forms == 1 ? " form." : " forms."));
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return SettingsForms.redirect(PAGE, "Facebook did not answer: " + cut(refused.getMessage()));
        }
    }

    @GetMapping(PAGE + "/forms/{formId}")
    @RequiresPermission("settings:manage")
    String form(@PathVariable String formId, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", SettingsForms.notice(notice));
        model.addAttribute("errors", Map.of());
        return showForm(meta.form(formId), model);
    }

    @PostMapping(PAGE + "/forms/{formId}")
    @RequiresPermission("settings:manage")
    String saveForm(@PathVariable String formId, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        MetaLeadAds.Form current = meta.form(formId);
        Map<String, String> mapping = new LinkedHashMap<>();
        for (MetaLeadAds.Question question : current.questions()) {
            String target = SettingsForms.text(form, "q_" + question.key());
            mapping.put(question.key(), target == null || target.equals("default") ? null : target);
        }
        mapping.values().removeIf(java.util.Objects::isNull);
        try {
            meta.saveMapping(Authenticated.user(), formId, mapping);
        } catch (ApiException refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : refused.errors()) {
                errors.put("q_" + error.field().replaceFirst("^mapping\\.", ""), "Choose a field from the list: "
                        + error.message());
            }
            if (errors.isEmpty()) {
                errors.put("form", refused.getMessage());
            }
            model.addAttribute("notice", null);
            model.addAttribute("errors", errors);
            return showForm(current, model);
        }
        return SettingsForms.redirect(PAGE + "/forms/" + formId, "The mapping is saved: the form's next leads fill "
                + "these fields.");
    }

    @PostMapping(PAGE + "/deliveries/{id}/replay")
    @RequiresPermission("settings:manage")
    String replay(@PathVariable UUID id) {
        try {
            meta.replay(Authenticated.user(), id);
            return SettingsForms.redirect(PAGE, "The lead is being processed again.");
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            return SettingsForms.redirect(PAGE, refused.getMessage());
        }
    }

    @PostMapping(PAGE + "/deliveries/replay-failed")
    @RequiresPermission("settings:manage")
    String replayFailed() {
        int replayed = meta.replayFailed(Authenticated.user());
        return SettingsForms.redirect(PAGE, replayed == 0 ? "No lead had failed." : replayed
                + (replayed == 1 ? " failed lead is" : " failed leads are") + " being processed again.");
    }

    private String showForm(MetaLeadAds.Form form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("page", meta.page(form.pageId()));
        model.addAttribute("targets", meta.targets());
        return "settings/integrations/meta-form";
    }

    private String callback() {
        return publicUrl.of(PAGE + "/callback");
    }

    private static List<MetaLeadAds.AvailablePage> offered(MultiValueMap<String, String> form) {
        List<String> ids = form.getOrDefault("offered_id", List.of());
        List<String> names = form.getOrDefault("page_name", List.of());
        List<MetaLeadAds.AvailablePage> pages = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size() && i < names.size() && i < 100; i++) {
            pages.add(new MetaLeadAds.AvailablePage(ids.get(i), names.get(i), null, false));
        }
        return pages;
    }

    private static String field(ApiException e) {
        return e.errors().isEmpty() ? null : e.errors().getFirst().field();
    }

    private static String cut(String text) {
        return text.length() > 150 ? text.substring(0, 150) + "…" : text;
    }
}

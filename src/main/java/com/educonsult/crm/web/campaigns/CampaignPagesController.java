package com.educonsult.crm.web.campaigns;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadSearch;
import com.educonsult.crm.messaging.Campaigns;
import com.educonsult.crm.messaging.LeadRendering;
import com.educonsult.crm.messaging.MessageTemplates;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Campaigns in the console: the list with each campaign's state and progress; the builder (channel, template with
 * a preview for a sample lead, the audience with the lead list's filters and a live count, schedule in the
 * organization's time zone, throttle); a campaign's page with launch (confirmed), pause, resume and cancel, its
 * progress and its figures with charts. Everything goes through the messaging module's {@link Campaigns}.
 */
@Controller
class CampaignPagesController {

    static final List<String> AUDIENCE_FIELDS = List.of("status", "source", "platform", "priority", "engagement",
            "assigned_to", "branch_id", "tags", "created_from", "created_to", "follow_up_from", "follow_up_to",
            "not_contacted", "search");
    static final List<String> PRIORITIES = List.of("hot", "warm", "cold");
    static final List<String> PLATFORMS = List.of("facebook", "instagram", "website", "manual", "import",
            "referral", "walk_in");
    static final List<String> CHANNELS = List.of("email", "sms", "whatsapp");

    /** A template as the builder offers it: its name and the channels it is made for. */
    record TemplateChoice(UUID id, String label) {
        static TemplateChoice of(MessageTemplates.MessageTemplateView t) {
            List<String> channels = new java.util.ArrayList<>();
            if (t.isWhatsapp()) {
                channels.add("WhatsApp");
            }
            if (t.isSms()) {
                channels.add("SMS");
            }
            if (t.isEmail()) {
                channels.add("email");
            }
            return new TemplateChoice(t.id(), t.name() + " \u2014 " + String.join(", ", channels));
        }
    }

    private final Campaigns campaigns;
    private final MessageTemplates templates;
    private final LeadRendering rendering;
    private final LeadSearch search;
    private final UserDirectory users;
    private final Forms forms;
    private final JsonMapper json;

    CampaignPagesController(Campaigns campaigns, MessageTemplates templates, LeadRendering rendering,
            LeadSearch search, UserDirectory users, Forms forms, JsonMapper json) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.rendering = rendering;
        this.search = search;
        this.users = users;
        this.forms = forms;
        this.json = json;
    }

    @GetMapping("/campaigns")
    @RequiresPermission("campaigns:manage")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer offset,
            Model model) {
        String shown = status == null || !Campaigns.STATUSES.contains(status) ? null : status;
        var page = campaigns.list(Authenticated.user(), shown, PageRequest.of(50, offset == null ? 0
                : Math.max(0, offset)));
        model.addAttribute("campaigns", page.items());
        model.addAttribute("status", shown);
        model.addAttribute("statuses", List.of("draft", "scheduled", "running", "paused", "completed",
                "cancelled"));
        model.addAttribute("nextOffset", page.total() == null ? page.offset() + page.limit() : null);
        return "campaigns/list";
    }

    @GetMapping("/campaigns/new")
    @RequiresPermission("campaigns:manage")
    String newCampaign(Model model) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("channel", "whatsapp");
        values.put("throttle_per_minute", "60");
        values.put("track_links", "true");
        return builder(model, null, values, Map.of());
    }

    @PostMapping("/campaigns")
    @RequiresPermission("campaigns:manage")
    String create(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Map<String, Object> values = values(form);
        Map<String, String> errors = new LinkedHashMap<>();
        Campaigns.Request request = request(user, values, errors);
        if (request != null) {
            try {
                Campaigns.CampaignView created = campaigns.create(user, request);
                return "redirect:/campaigns/" + created.id() + "?notice=saved";
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return builder(model, null, values, errors);
    }

    @GetMapping("/campaigns/{id}")
    @RequiresPermission("campaigns:manage")
    String detail(@PathVariable UUID id, @RequestParam(required = false) String notice, Model model) {
        CurrentUser user = Authenticated.user();
        Campaigns.CampaignView campaign = campaigns.get(user, id);
        model.addAttribute("notice", notice(notice));
        if (campaign.status().equals("draft")) {
            return builder(model, campaign, values(campaign, users.timeZone(user.organizationId())), Map.of());
        }
        return stats(model, user, campaign);
    }

    @GetMapping("/campaigns/{id}/figures")
    @RequiresPermission("campaigns:manage")
    String figures(@PathVariable UUID id, Model model) {
        CurrentUser user = Authenticated.user();
        stats(model, user, campaigns.get(user, id));
        return "campaigns/detail :: figures-refresh";
    }

    @PostMapping("/campaigns/{id}")
    @RequiresPermission("campaigns:manage")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Campaigns.CampaignView campaign = campaigns.get(user, id);
        Map<String, Object> values = values(form);
        Map<String, String> errors = new LinkedHashMap<>();
        Campaigns.Request request = request(user, values, errors);
        if (request != null) {
            try {
                campaigns.update(user, id, request);
                return "redirect:/campaigns/" + id + "?notice=saved";
            } catch (ApiException refused) {
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return builder(model, campaign, values, errors);
    }

    @PostMapping("/campaigns/{id}/{action:launch|pause|resume|cancel}")
    @RequiresPermission("campaigns:manage")
    String act(@PathVariable UUID id, @PathVariable String action, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        try {
            switch (action) {
                case "launch" -> campaigns.launch(user, id);
                case "pause" -> campaigns.pause(user, id);
                case "resume" -> campaigns.resume(user, id);
                default -> campaigns.cancel(user, id);
            }
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            Campaigns.CampaignView campaign = campaigns.get(user, id);
            model.addAttribute("error", refused.getMessage());
            if (campaign.status().equals("draft")) {
                return builder(model, campaign, values(campaign, users.timeZone(user.organizationId())),
                        Forms.errorsOf(refused));
            }
            return stats(model, user, campaign);
        }
        return "redirect:/campaigns/" + id + "?notice=" + action;
    }

    @PostMapping("/campaigns/{id}/delete")
    @RequiresPermission("campaigns:manage")
    String delete(@PathVariable UUID id, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        try {
            campaigns.delete(user, id);
        } catch (ApiException refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            model.addAttribute("error", refused.getMessage());
            return stats(model, user, campaigns.get(user, id));
        }
        return "redirect:/campaigns?notice=deleted";
    }

    /** The live count of the audience the form's filters choose (htmx, as the filters change). */
    @PostMapping("/campaigns/audience-count")
    @RequiresPermission("campaigns:manage")
    String audienceCount(@RequestParam MultiValueMap<String, String> form, Model model) {
        Map<String, Object> values = values(form);
        try {
            Campaigns.Audience audience = json.treeToValue(audienceNode(values), Campaigns.Audience.class);
            model.addAttribute("count", campaigns.countAudience(Authenticated.user(), audience));
        } catch (ApiException refused) {
            model.addAttribute("countError", refused.getMessage());
            model.addAttribute("countErrorField", refused.errors().isEmpty() ? null
                    : refused.errors().getFirst().field());
        } catch (RuntimeException unreadable) {
            model.addAttribute("countError", "A filter has the wrong format");
        }
        return "campaigns/parts :: audience-count";
    }

    /** The chosen template filled in for a sample lead (htmx, as the template changes). */
    @PostMapping("/campaigns/preview")
    @RequiresPermission("campaigns:manage")
    String preview(@RequestParam MultiValueMap<String, String> form, Model model) {
        CurrentUser user = Authenticated.user();
        String templateId = form.getFirst("template_id");
        try {
            if (templateId != null && !templateId.isBlank()) {
                MessageTemplates.MessageTemplateView template = templates.get(user.organizationId(),
                        UUID.fromString(templateId));
                String subject = form.getFirst("subject");
                LeadRendering.RenderedMessage shown = rendering.preview(user,
                        subject == null || subject.isBlank() ? template.subject() : subject, template.content(),
                        "whatsapp".equals(form.getFirst("channel")), null);
                model.addAttribute("preview", shown);
                model.addAttribute("channel", form.getFirst("channel"));
            }
        } catch (ApiException | IllegalArgumentException unreadable) {
            model.addAttribute("previewError", "This template cannot be shown: pick another");
        }
        return "campaigns/parts :: preview";
    }

    // -- building the pages

    private String builder(Model model, Campaigns.CampaignView campaign, Map<String, Object> values,
            Map<String, String> errors) {
        CurrentUser user = Authenticated.user();
        model.addAttribute("campaign", campaign);
        model.addAttribute("pageTitle", campaign == null ? "New campaign" : campaign.name());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("templates", templates.list(user.organizationId(),
                new MessageTemplates.Filter(null, null, null, null, true), PageRequest.of(200, 0)).items().stream()
                .map(TemplateChoice::of).toList());
        model.addAttribute("statuses", search.counts(user));
        model.addAttribute("tagCounts", search.tags(user).stream().limit(30).toList());
        model.addAttribute("assignees", assignees(user));
        model.addAttribute("priorities", PRIORITIES);
        model.addAttribute("platforms", PLATFORMS);
        model.addAttribute("zoneName", users.timeZone(user.organizationId()).getId());
        try {
            Campaigns.Audience audience = json.treeToValue(audienceNode(values), Campaigns.Audience.class);
            model.addAttribute("count", campaigns.countAudience(user, audience));
        } catch (RuntimeException bad) {
            model.addAttribute("countError", bad.getMessage());
        }
        return "campaigns/builder";
    }

    private String stats(Model model, CurrentUser user, Campaigns.CampaignView campaign) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("stats", campaigns.stats(user, campaign.id()));
        model.addAttribute("recent", campaigns.recipients(user, campaign.id(), null, PageRequest.of(20, 0)).items());
        if (campaign.templateId() != null) {
            try {
                model.addAttribute("templateName", templates.get(user.organizationId(), campaign.templateId())
                        .name());
            } catch (ApiException gone) {
                model.addAttribute("templateName", "(deleted template)");
            }
        }
        return "campaigns/detail";
    }

    private List<UserSummary> assignees(CurrentUser user) {
        if (user.dataScope() == DataScope.OWN) {
            return List.of();
        }
        UUID branch = user.dataScope() == DataScope.BRANCH ? user.branchId() : null;
        return users.activeWithRoles(user.organizationId(), List.of("admin", "manager", "counselor", "agent"),
                branch);
    }

    /** The form read into the API's request, checked by the same constraints; null with errors when it is not. */
    private Campaigns.Request request(CurrentUser user, Map<String, Object> values, Map<String, String> errors) {
        ObjectNode body = json.createObjectNode();
        for (String field : List.of("name", "channel", "template_id", "provider_template",
                "provider_template_language", "subject")) {
            Object value = values.get(field);
            if (value != null && !value.toString().isBlank()) {
                body.put(field, value.toString().trim());
            }
        }
        Object params = values.get("template_parameters");
        if (params != null && !params.toString().isBlank()) {
            var array = body.putArray("template_parameters");
            for (String p : params.toString().split("\\R")) {
                if (!p.isBlank()) {
                    array.add(p.trim());
                }
            }
        }
        Object throttle = values.get("throttle_per_minute");
        if (throttle != null && !throttle.toString().isBlank()) {
            try {
                body.put("throttle_per_minute", Integer.parseInt(throttle.toString().trim()));
            } catch (NumberFormatException e) {
                errors.put("throttle_per_minute", "must be a whole number of messages per minute");
            }
        }
        body.put("track_links", "true".equals(values.get("track_links")));
        Object scheduled = values.get("scheduled_at");
        if (scheduled != null && !scheduled.toString().isBlank()) {
            try {
                ZoneId zone = users.timeZone(user.organizationId());
                body.put("scheduled_at", LocalDateTime.parse(scheduled.toString().trim()).atZone(zone)
                        .toOffsetDateTime().toString());
            } catch (DateTimeParseException e) {
                errors.put("scheduled_at", "must be a date and time");
            }
        }
        body.set("audience", audienceNode(values));
        if (!errors.isEmpty()) {
            return null;
        }
        Forms.Read<Campaigns.Request> read = forms.read(body, Campaigns.Request.class);
        if (!read.valid()) {
            errors.putAll(read.errors());
            return null;
        }
        return read.request();
    }

    private ObjectNode audienceNode(Map<String, Object> values) {
        ObjectNode audience = json.createObjectNode();
        for (String field : AUDIENCE_FIELDS) {
            Object value = values.get(field);
            if (value == null || value.toString().isBlank()) {
                continue;
            }
            if (field.equals("not_contacted")) {
                audience.put(field, "true".equals(value));
            } else {
                audience.put(field, value.toString().trim());
            }
        }
        return audience;
    }

    private static Map<String, Object> values(MultiValueMap<String, String> form) {
        Map<String, Object> values = new LinkedHashMap<>();
        form.forEach((key, list) -> {
            if (!key.startsWith("_")) {
                values.put(key, list.isEmpty() ? null : String.join(",", list.stream()
                        .filter(v -> v != null && !v.isBlank()).toList()));
            }
        });
        return values;
    }

    private static Map<String, Object> values(Campaigns.CampaignView c, ZoneId zone) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", c.name());
        values.put("channel", c.channel());
        values.put("template_id", c.templateId() == null ? null : c.templateId().toString());
        values.put("provider_template", c.providerTemplate());
        values.put("provider_template_language", c.providerTemplateLanguage());
        values.put("template_parameters", String.join("\n", c.templateParameters()));
        values.put("subject", c.subject());
        values.put("scheduled_at", c.scheduledAt() == null ? null
                : c.scheduledAt().atZoneSameInstant(zone).toLocalDateTime().withSecond(0).withNano(0).toString());
        values.put("throttle_per_minute", String.valueOf(c.throttlePerMinute()));
        values.put("track_links", String.valueOf(c.trackLinks()));
        Campaigns.Audience a = c.audience();
        values.put("status", a.status());
        values.put("source", a.source());
        values.put("platform", a.platform());
        values.put("priority", a.priority());
        values.put("engagement", a.engagement());
        values.put("assigned_to", a.assignedTo());
        values.put("branch_id", a.branchId());
        values.put("tags", a.tags());
        values.put("created_from", a.createdFrom());
        values.put("created_to", a.createdTo());
        values.put("follow_up_from", a.followUpFrom());
        values.put("follow_up_to", a.followUpTo());
        values.put("not_contacted", Boolean.TRUE.equals(a.notContacted()) ? "true" : null);
        values.put("search", a.search());
        return values;
    }

    private static String notice(String code) {
        return code == null ? null : switch (code) {
            case "saved" -> "The campaign is saved.";
            case "launch" -> "The campaign is launched.";
            case "pause" -> "The campaign is paused: nobody more is sent to until you resume it.";
            case "resume" -> "The campaign goes on sending.";
            case "cancel" -> "The campaign is cancelled: the recipients not sent to yet never will be.";
            case "deleted" -> "The campaign is deleted.";
            default -> null;
        };
    }
}

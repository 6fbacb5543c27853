package com.educonsult.crm.web.messaging;

import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.messaging.CommunicationLog;
import com.educonsult.crm.messaging.CommunicationRequests;
import com.educonsult.crm.messaging.LeadRendering;
import com.educonsult.crm.messaging.MessageTemplates;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * The lead page's "Send a message" panel: choose email, SMS or WhatsApp, optionally a template that fills subject and
 * text for the lead, and send. Sending goes through the communications hub as POST /api/v1/communications does (the
 * message is queued and handed to the provider by the outbox); refusals are shown beside their fields.
 */
@Controller
class LeadMessageController {

    private static final int MENU_SIZE = 100;

    /** A channel the panel offers, and whether the lead has an address for it. */
    public record ChannelChoice(String value, String label, boolean available) {
    }

    private final CommunicationLog log;
    private final MessageTemplates templates;
    private final LeadRendering rendering;
    private final LeadDirectory leads;
    private final Tenancy tenancy;
    private final Forms forms;

    LeadMessageController(CommunicationLog log, MessageTemplates templates, LeadRendering rendering,
            LeadDirectory leads, Tenancy tenancy, Forms forms) {
        this.log = log;
        this.templates = templates;
        this.rendering = rendering;
        this.leads = leads;
        this.tenancy = tenancy;
        this.forms = forms;
    }

    @GetMapping("/leads/{id}/message")
    @RequiresPermission("messages:send")
    String panel(@PathVariable UUID id, @RequestParam(required = false) String channel,
            @RequestParam(name = "template_id", required = false) String templateId, Model model) {
        CurrentUser user = Authenticated.user();
        return tenancy.callAs(user.organizationId(), () -> {
            LeadSummary lead = leads.findVisible(user, id).orElseThrow(() -> ApiException.notFound("Lead"));
            String chosen = chosenChannel(channel, lead);
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("channel", chosen);
            Map<String, String> errors = new LinkedHashMap<>();
            UUID template = parse(templateId);
            if (template != null && user.can("templates:read")) {
                try {
                    LeadRendering.RenderedMessage rendered = rendering.render(user, template, id);
                    typed.put("template_id", template.toString());
                    typed.put("subject", rendered.subject() == null ? "" : rendered.subject());
                    typed.put("body", rendered.text());
                } catch (ApiException refused) {
                    errors.put("template_id", "That template is no longer available: choose another");
                }
            }
            return show(user, lead, typed, errors, null, model);
        });
    }

    @PostMapping("/leads/{id}/message")
    @RequiresPermission("messages:send")
    String send(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        Map<String, String> typed = form.toSingleValueMap();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lead_id", id.toString());
        body.put("type", blankToNull(typed.get("channel")));
        body.put("subject", "email".equals(typed.get("channel")) ? blankToNull(typed.get("subject")) : null);
        body.put("body", blankToNull(typed.get("body")));
        body.put("template_id", blankToNull(typed.get("template_id")));
        Forms.Read<CommunicationRequests.Create> read = forms.read(forms.jsonOf(body),
                CommunicationRequests.Create.class);
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (errors.isEmpty()) {
            try {
                // a transaction of its own: a refusal rolls it back before the panel is shown again
                var sent = tenancy.callAs(user.organizationId(), () -> log.create(user, read.request()));
                String what = switch (sent.type()) {
                    case "email" -> "Email";
                    case "sms" -> "SMS";
                    default -> "WhatsApp message";
                };
                response.setHeader("HX-Redirect", "/leads/" + id + "?notice=" + URLEncoder.encode(what
                        + " to " + sent.toAddress() + " queued: it appears in the timeline.", StandardCharsets.UTF_8));
                return tenancy.callAs(user.organizationId(), () -> show(user, lead(user, id),
                        Map.of("channel", sent.type()), Map.of(), what + " queued.", model));
            } catch (ApiException refused) {
                if (refused.status() == HttpStatus.NOT_FOUND || refused.status() == HttpStatus.FORBIDDEN) {
                    throw refused;
                }
                errors.putAll(Forms.errorsOf(refused));
            }
        }
        if (errors.containsKey("lead_id")) {
            errors.put("channel", "The lead " + errors.remove("lead_id"));
        }
        if (errors.containsKey("type")) {
            errors.put("channel", "Choose email, SMS or WhatsApp");
            errors.remove("type");
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return tenancy.callAs(user.organizationId(), () -> show(user, lead(user, id), typed, errors, null, model));
    }

    private LeadSummary lead(CurrentUser user, UUID id) {
        return leads.findVisible(user, id).orElseThrow(() -> ApiException.notFound("Lead"));
    }

    private String show(CurrentUser user, LeadSummary lead, Map<String, String> typed, Map<String, String> errors,
            String sent, Model model) {
        String channel = typed.getOrDefault("channel", "email");
        model.addAttribute("lead", lead);
        model.addAttribute("channels", List.of(
                new ChannelChoice("email", "Email", lead.email() != null),
                new ChannelChoice("sms", "SMS", lead.phone() != null),
                new ChannelChoice("whatsapp", "WhatsApp", lead.phone() != null)));
        model.addAttribute("templates", user.can("templates:read")
                ? templates.list(user.organizationId(), new MessageTemplates.Filter(null, channel, null, null, true),
                        PageRequest.of(MENU_SIZE, 0)).items()
                : List.of());
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("sent", sent);
        model.addAttribute("address", "email".equals(channel) ? lead.email() : lead.phone());
        return "messaging/send :: panel";
    }

    private static String chosenChannel(String channel, LeadSummary lead) {
        if ("email".equals(channel) || "sms".equals(channel) || "whatsapp".equals(channel)) {
            return channel;
        }
        return lead.email() != null || lead.phone() == null ? "email" : "whatsapp";
    }

    private static UUID parse(String id) {
        try {
            return id == null || id.isBlank() ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package com.educonsult.crm.web.messaging;

import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.messaging.AttachmentRules;
import com.educonsult.crm.messaging.CommunicationLog;
import com.educonsult.crm.messaging.CommunicationRequests;
import com.educonsult.crm.messaging.LeadRendering;
import com.educonsult.crm.messaging.MessageAttachments;
import com.educonsult.crm.messaging.MessageTemplates;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.PageRequest;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.web.support.Forms;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.springframework.web.multipart.MultipartFile;

/**
 * The lead page's "Send a message" panel: choose email, SMS or WhatsApp, optionally a template that fills subject and
 * text for the lead, and send. Sending goes through the communications hub as POST /api/v1/communications does (the
 * message is queued and handed to the provider by the outbox); refusals are shown beside their fields. Files chosen
 * for an email or WhatsApp message are uploaded at once into document storage (through {@link MessageAttachments},
 * under the rules of POST /api/v1/communications/attachments) and shown as chips whose keys go with the message.
 */
@Controller
class LeadMessageController {

    private static final int MENU_SIZE = 100;

    /** A channel the panel offers, and whether the lead has an address for it. */
    public record ChannelChoice(String value, String label, boolean available) {
    }

    /** A file uploaded for the message, as its chip shows it; the key is what the message names. */
    public record FileChip(String key, String fileName, long size) {

        public String sizeLabel() {
            if (size < 1024) {
                return size + " B";
            }
            if (size < 1024 * 1024) {
                return Math.round(size / 1024.0) + " KB";
            }
            return String.format(java.util.Locale.ROOT, "%.1f MB", size / (1024.0 * 1024));
        }
    }

    private final CommunicationLog log;
    private final MessageAttachments attachments;
    private final MessageTemplates templates;
    private final LeadRendering rendering;
    private final LeadDirectory leads;
    private final Tenancy tenancy;
    private final Forms forms;

    LeadMessageController(CommunicationLog log, MessageAttachments attachments, MessageTemplates templates,
            LeadRendering rendering, LeadDirectory leads, Tenancy tenancy, Forms forms) {
        this.log = log;
        this.attachments = attachments;
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
            return show(user, lead, typed, List.of(), errors, null, model);
        });
    }

    /**
     * Uploads the chosen files and answers their chips, appended to the panel's list; a refused file answers its
     * reason instead, in place of the field's error (nothing of that choice is kept).
     */
    @PostMapping("/leads/{id}/message/attachments")
    @RequiresPermission("messages:send")
    String attach(@PathVariable UUID id, @RequestParam(name = "file", required = false) List<MultipartFile> files,
            @RequestParam(required = false) String channel, HttpServletResponse response, Model model) {
        CurrentUser user = Authenticated.user();
        tenancy.callAs(user.organizationId(), () -> lead(user, id));
        String sentOn = "whatsapp".equals(channel) ? "whatsapp" : "email";
        List<MultipartFile> chosen = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()
                || f.getOriginalFilename() != null && !f.getOriginalFilename().isBlank()).toList();
        List<FileChip> uploaded = new ArrayList<>();
        String refusal = chosen.isEmpty() ? "Choose a file to attach" : null;
        for (MultipartFile file : chosen) {
            if (refusal != null) {
                break;
            }
            String name = file.getOriginalFilename() == null ? "file" : file.getOriginalFilename();
            try (InputStream content = file.getInputStream()) {
                MessageAttachments.Uploaded stored = attachments.upload(user,
                        new CommunicationRequests.AttachmentUpload(name, file.getContentType(), file.getSize(), sentOn),
                        content);
                uploaded.add(new FileChip(stored.key(), stored.fileName(), stored.size()));
            } catch (ApiException refused) {
                if (refused.status() == HttpStatus.FORBIDDEN) {
                    throw refused;
                }
                refusal = name + ": " + refusalText(refused);
            } catch (IOException unreadable) {
                refusal = name + ": the file could not be read; choose it again";
            }
        }
        model.addAttribute("files", uploaded);
        model.addAttribute("attachError", refusal);
        if (refusal != null && uploaded.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            response.setHeader("HX-Retarget", "#message-attachments-error");
            response.setHeader("HX-Reswap", "outerHTML");
            return "messaging/send :: attach-error";
        }
        return "messaging/send :: uploaded";
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
        List<FileChip> files = chips(form);
        if (!files.isEmpty()) {
            body.put("attachments", files.stream().map(FileChip::key).toList());
        }
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
                        Map.of("channel", sent.type()), List.of(), Map.of(), what + " queued.", model));
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
        attachmentErrors(errors, files);
        if (errors.containsKey("type")) {
            errors.put("channel", "Choose email, SMS or WhatsApp");
            errors.remove("type");
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return tenancy.callAs(user.organizationId(), () -> show(user, lead(user, id), typed, files, errors, null,
                model));
    }

    private LeadSummary lead(CurrentUser user, UUID id) {
        return leads.findVisible(user, id).orElseThrow(() -> ApiException.notFound("Lead"));
    }

    /** The files of the form's chips: their keys with the names and sizes they were shown with. */
    private static List<FileChip> chips(MultiValueMap<String, String> form) {
        List<String> keys = form.getOrDefault("attachments", List.of());
        List<String> names = form.getOrDefault("attachment_name", List.of());
        List<String> sizes = form.getOrDefault("attachment_size", List.of());
        List<FileChip> chips = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) == null || keys.get(i).isBlank()) {
                continue;
            }
            String name = i < names.size() ? names.get(i) : keys.get(i).substring(keys.get(i).lastIndexOf('/') + 1);
            long size;
            try {
                size = i < sizes.size() ? Long.parseLong(sizes.get(i)) : 0;
            } catch (NumberFormatException e) {
                size = 0;
            }
            chips.add(new FileChip(keys.get(i), name, size));
        }
        return chips;
    }

    /** The hub's refusals of attachments ({@code attachments} or {@code attachments[i]}) as one message. */
    private static void attachmentErrors(Map<String, String> errors, List<FileChip> files) {
        List<String> messages = new ArrayList<>();
        for (var it = errors.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> error = it.next();
            if (error.getKey().equals("attachments")) {
                messages.add(capitalized(error.getValue()));
                it.remove();
            } else if (error.getKey().startsWith("attachments[")) {
                int index = Integer.parseInt(error.getKey().replaceAll("\\D", ""));
                messages.add((index < files.size() ? files.get(index).fileName() : "A file") + " " + error.getValue());
                it.remove();
            }
        }
        if (!messages.isEmpty()) {
            errors.put("attachments", String.join("; ", messages));
        }
    }

    private static String refusalText(ApiException refused) {
        // the type's refusal lists every content type; the hint beside the field already names them for people
        return refused.errors().isEmpty() ? refused.getMessage() : String.join("; ", refused.errors().stream()
                .map(e -> e.field().equals("content_type") ? "a message cannot carry this type of file" : e.message())
                .toList());
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** What the file picker tells beside the field: the types and sizes the channel takes. */
    private static String attachmentHint(String channel) {
        long mb = AttachmentRules.MAX_BYTES / (1024 * 1024);
        if ("whatsapp".equals(channel)) {
            return "One file: a JPEG or PNG image up to " + AttachmentRules.WHATSAPP_IMAGE_MAX_BYTES / (1024 * 1024)
                    + " MB, or a PDF, Word, Excel or text document up to " + mb + " MB.";
        }
        return "Up to " + AttachmentRules.MAX_PER_MESSAGE + " files of " + mb + " MB each: PDF, JPEG, PNG, WebP, "
                + "Word, Excel, CSV or text.";
    }

    private String show(CurrentUser user, LeadSummary lead, Map<String, String> typed, List<FileChip> files,
            Map<String, String> errors, String sent, Model model) {
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
        model.addAttribute("files", "sms".equals(channel) ? List.of() : files);
        model.addAttribute("attachmentHint", attachmentHint(channel));
        model.addAttribute("attachmentTypes", String.join(",", AttachmentRules.TYPES.keySet().stream().sorted()
                .toList()) + "," + String.join(",", AttachmentRules.TYPES.values().stream().sorted()
                .map(e -> "." + e).toList()));
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

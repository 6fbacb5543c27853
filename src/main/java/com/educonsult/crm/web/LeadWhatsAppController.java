package com.educonsult.crm.web;

import com.educonsult.crm.messaging.LeadRendering;
import com.educonsult.crm.messaging.MessageTemplates;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.PageRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * WhatsApp click-to-chat from the lead page: a message template of the organization, filled in for the lead by the
 * messaging module (as {@code POST /api/v1/templates/messages/{id}/render} fills it), opened in WhatsApp.
 */
@Controller
class LeadWhatsAppController {

    private static final int MENU_SIZE = 50;

    private final MessageTemplates templates;
    private final LeadRendering rendering;
    private final Tenancy tenancy;

    LeadWhatsAppController(MessageTemplates templates, LeadRendering rendering, Tenancy tenancy) {
        this.templates = templates;
        this.rendering = rendering;
        this.tenancy = tenancy;
    }

    /** The active WhatsApp templates the lead page offers, by name; none when the role may not read templates. */
    List<MessageTemplates.MessageTemplateView> offered(CurrentUser user) {
        if (!user.can("templates:read")) {
            return List.of();
        }
        return templates.list(user.organizationId(), new MessageTemplates.Filter(null, "whatsapp", null, null, true),
                PageRequest.of(MENU_SIZE, 0)).items();
    }

    @GetMapping("/leads/{id}/whatsapp")
    @RequiresPermission("templates:read")
    String open(@PathVariable UUID id, @RequestParam("template_id") UUID templateId) {
        CurrentUser user = Authenticated.user();
        LeadRendering.RenderedMessage message = tenancy.callAs(user.organizationId(),
                () -> rendering.render(user, templateId, id));
        if (message.whatsappUrl() == null) {
            return "redirect:/leads/" + id + "?notice=" + URLEncoder.encode(
                    "That template is not for WhatsApp, or the lead has no phone to message.", StandardCharsets.UTF_8);
        }
        return "redirect:" + message.whatsappUrl();
    }
}

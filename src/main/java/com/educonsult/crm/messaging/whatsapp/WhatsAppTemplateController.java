package com.educonsult.crm.messaging.whatsapp;

import com.educonsult.crm.messaging.WhatsAppTemplates;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The WhatsApp Business account's message templates, synced with their approval status. */
@RestController
@Tag(name = "Inbox")
class WhatsAppTemplateController {

    private final WhatsAppTemplates templates;
    private final TemplateSync sync;

    WhatsAppTemplateController(WhatsAppTemplates templates, TemplateSync sync) {
        this.templates = templates;
        this.sync = sync;
    }

    @GetMapping("/api/v1/whatsapp/templates")
    @RequiresPermission("templates:read")
    @Operation(summary = "The WhatsApp message templates, as last synced",
            description = "approved=true lists only those WhatsApp approved (the only ones that can be sent outside "
                    + "the 24-hour window).")
    ApiResponse<List<WhatsAppTemplates.Template>> list(@RequestParam(required = false) Boolean approved) {
        return ApiResponse.ok(templates.list(Authenticated.user().organizationId(), Boolean.TRUE.equals(approved)));
    }

    @PostMapping("/api/v1/admin/whatsapp/templates/sync")
    @RequiresPermission("templates:write")
    @Operation(summary = "Fetch the message templates from the WhatsApp Business account now",
            description = "Stores each template's name, language, category, approval status and components; "
                    + "templates no longer at WhatsApp are removed. A job does the same every day. 422 naming type "
                    + "when WhatsApp is not connected or has no waba_id; 502 when the Cloud API fails.")
    @AlsoAnswers(status = 502, description = "The WhatsApp Cloud API did not answer as it should")
    ApiResponse<List<WhatsAppTemplates.Template>> sync() {
        List<WhatsAppTemplates.Template> synced = sync.sync(Authenticated.user().organizationId());
        return ApiResponse.ok(synced, synced.size() + " template(s) synced");
    }
}

package com.educonsult.crm.messaging;

import com.educonsult.crm.identity.DemoOrganizationSeeded;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The follow-ups a consultancy sends most, added to the demo organization's starter templates by its admin. */
@Component
class DemoTemplates {

    private static final List<TemplateRequests.CreateMessageTemplate> TEMPLATES = List.of(
            new TemplateRequests.CreateMessageTemplate("Missed call follow-up", "follow_up", true, true, false, null,
                    "Hi {{first_name}}, I tried calling you about studying {{course}} in {{country}}. When can I call "
                            + "you back? - {{counselor_name}}, {{organization_name}}",
                    List.of("follow up", "missed call"), true),
            new TemplateRequests.CreateMessageTemplate("Application fee reminder", "payments", true, true, true,
                    "Application fee due for your {{course}} application",
                    "Hi {{first_name}}, a reminder that the application fee for {{course}} is due this week. Reply "
                            + "if you need the payment link again. - {{counselor_name}}, {{organization_name}}",
                    List.of("fees", "reminder"), true),
            new TemplateRequests.CreateMessageTemplate("Visa appointment reminder", "visa", true, false, true,
                    "Your visa appointment for {{country}}",
                    "Hi {{first_name}}, your visa appointment for {{country}} is coming up. Carry your passport, "
                            + "offer letter, fee receipts and bank statements. Good luck! - {{counselor_name}}",
                    List.of("visa", "appointment"), true));

    private final MessageTemplates templates;

    DemoTemplates(MessageTemplates templates) {
        this.templates = templates;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(DemoOrganizationSeeded organization) {
        for (TemplateRequests.CreateMessageTemplate template : TEMPLATES) {
            templates.create(organization.organizationId(), organization.admin().id(), template);
        }
    }
}

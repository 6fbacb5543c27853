package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.MESSAGE_TEMPLATES;
import static com.educonsult.crm.jooq.Tables.NOTE_TEMPLATES;

import com.educonsult.crm.identity.OrganizationCreated;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Note and message templates every new organization starts with, ready to use or adapt. */
@Component
class StarterTemplates {

    private record Note(String title, String category, String content) {
    }

    private record Message(String name, String category, boolean whatsapp, boolean sms, boolean email, String subject,
            String content, List<String> tags) {
    }

    private static final List<Note> NOTES = List.of(
            new Note("Call not answered", "call", "Called, no answer. Will try again later."),
            new Note("Interested, details shared", "call",
                    "Spoke with the student. Interested; shared course and fee details. Next: counselling session."),
            new Note("Call back requested", "follow_up", "Asked to be called back at a better time."),
            new Note("Documents pending", "follow_up", "Waiting for academic transcripts, passport copy and test scores."),
            new Note("Not interested", "general", "Not interested at the moment; reason noted."));

    private static final List<Message> MESSAGES = List.of(
            new Message("Welcome", "greeting", true, true, false, null,
                    "Hi {{first_name}}, thank you for your interest in studying {{course}} in {{country}}. "
                            + "I am {{counselor_name}} from {{organization_name}} and I will guide you through "
                            + "every step. When is a good time to talk?",
                    List.of("welcome", "new lead")),
            new Message("Follow-up reminder", "follow_up", true, true, false, null,
                    "Hi {{first_name}}, just following up on your plans to study {{course}}. Intakes fill up fast; "
                            + "reply here or call me to continue. - {{counselor_name}}, {{organization_name}}",
                    List.of("follow up", "reminder")),
            new Message("Document request", "documents", true, false, true, "Documents for your application",
                    "Hi {{first_name}}, to start your application please send: academic transcripts, passport "
                            + "copy, English test score and your CV. - {{counselor_name}}, {{organization_name}}",
                    List.of("documents", "application")),
            new Message("Counselling session confirmation", "counselling", true, true, true,
                    "Your counselling session with {{organization_name}}",
                    "Hi {{first_name}}, your counselling session with {{counselor_name}} is confirmed. Please bring "
                            + "your academic documents. We look forward to meeting you! - {{organization_name}}",
                    List.of("counselling", "appointment")));

    private final DSLContext db;
    private final AuditTrail audit;

    StarterTemplates(DSLContext db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(OrganizationCreated event) {
        for (Note note : NOTES) {
            db.insertInto(NOTE_TEMPLATES)
                    .set(NOTE_TEMPLATES.ORGANIZATION_ID, event.organizationId())
                    .set(NOTE_TEMPLATES.ID, Ids.newId())
                    .set(NOTE_TEMPLATES.TITLE, note.title())
                    .set(NOTE_TEMPLATES.CATEGORY, note.category())
                    .set(NOTE_TEMPLATES.CONTENT, note.content())
                    .set(NOTE_TEMPLATES.CREATED_BY, event.adminUserId())
                    .execute();
        }
        for (Message message : MESSAGES) {
            db.insertInto(MESSAGE_TEMPLATES)
                    .set(MESSAGE_TEMPLATES.ORGANIZATION_ID, event.organizationId())
                    .set(MESSAGE_TEMPLATES.ID, Ids.newId())
                    .set(MESSAGE_TEMPLATES.NAME, message.name())
                    .set(MESSAGE_TEMPLATES.CATEGORY, message.category())
                    .set(MESSAGE_TEMPLATES.IS_WHATSAPP, message.whatsapp())
                    .set(MESSAGE_TEMPLATES.IS_SMS, message.sms())
                    .set(MESSAGE_TEMPLATES.IS_EMAIL, message.email())
                    .set(MESSAGE_TEMPLATES.SUBJECT, message.subject())
                    .set(MESSAGE_TEMPLATES.CONTENT, message.content())
                    .set(MESSAGE_TEMPLATES.TAGS, message.tags().toArray(String[]::new))
                    .set(MESSAGE_TEMPLATES.CREATED_BY, event.adminUserId())
                    .execute();
        }
        audit.recordBy(event.adminUserId(), "templates.seeded", "templates", event.organizationId(), null,
                Map.of("note_templates", NOTES.size(), "message_templates", MESSAGES.size()));
    }
}

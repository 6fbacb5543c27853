package com.educonsult.crm.activities;

import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts communications on the leads' timelines, in the transaction that sent, received or logged them. A letter or
 * a chat is a note-type activity (the activity types name the channels of contact the timeline filters by).
 */
@Component
class CommunicationActivityRecorder {

    private final Activities activities;

    CommunicationActivityRecorder(Activities activities) {
        this.activities = activities;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(Communicated event) {
        if (event.leadId() == null) {
            return;
        }
        String type = switch (event.type()) {
            case "email", "sms", "whatsapp", "call", "meeting" -> event.type();
            default -> "note";
        };
        String label = switch (event.type()) {
            case "email" -> "Email";
            case "sms" -> "SMS";
            case "whatsapp" -> "WhatsApp message";
            case "call" -> "Call";
            case "meeting" -> "Meeting";
            case "letter" -> "Letter";
            default -> "Chat";
        };
        String direction = "inbound".equals(event.direction()) ? " received" : " sent";
        if (!"email".equals(event.type()) && !"sms".equals(event.type()) && !"whatsapp".equals(event.type())) {
            direction = "inbound".equals(event.direction()) ? " (inbound)" : "";
        }
        String description = label + direction
                + (event.description() == null || event.description().isBlank() ? "" : ": " + event.description());
        activities.record(event.organizationId(), new Activities.Draft(event.leadId(), event.userId(), type,
                event.direction(), description.length() > 500 ? description.substring(0, 499) + "…" : description,
                null, null, event.at(), null, null, "completed",
                Map.of("communication_id", event.communicationId(), "communication_type", event.type()), null));
    }
}

package com.educonsult.crm.activities;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Another module's contact with a lead (a message sent or received, a call, meeting, letter or chat logged by a
 * user), published in its transaction; the activities module puts it on the lead's timeline as an activity whose
 * details carry {@code communication_id}.
 *
 * @param type email, sms, whatsapp, call, meeting, letter or chat
 * @param direction inbound or outbound
 * @param description what the timeline shows (a subject or the start of the text)
 */
public record Communicated(UUID organizationId, UUID communicationId, UUID leadId, UUID userId, String type,
        String direction, String description, OffsetDateTime at) {
}

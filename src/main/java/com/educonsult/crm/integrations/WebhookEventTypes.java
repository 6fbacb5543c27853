package com.educonsult.crm.integrations;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The events an outgoing webhook may subscribe to, and the test event sent on request. */
public final class WebhookEventTypes {

    @Schema(name = "WebhookEventType", description = "An event an outgoing webhook may subscribe to")
    public record EventType(String code, String label, String description) {
    }

    /** Sent by POST .../webhooks/{id}/test only; not subscribable. */
    public static final String PING = "webhook.ping";

    public static final List<EventType> ALL = List.of(
            new EventType("lead.created", "Lead created", "A lead was added: by hand, by import of one, or arrived "
                    + "from an ad, a form or a portal"),
            new EventType("lead.updated", "Lead updated", "A lead's details were changed"),
            new EventType("lead.status_changed", "Lead status changed", "A lead moved to another status"),
            new EventType("lead.assigned", "Lead assigned", "A lead was given an owner, moved to another or left "
                    + "with none"),
            new EventType("note.created", "Note created", "A note was written on a lead"),
            new EventType("task.created", "Task created", "A task or follow-up was created"),
            new EventType("task.completed", "Task completed", "A task or follow-up was completed"),
            new EventType("call.synced", "Call synced", "A call from a counselor's phone was synced and matched to "
                    + "a lead"),
            new EventType("recording.uploaded", "Recording uploaded", "A call's recording was uploaded"));

    /** The codes, in the order above. */
    public static final List<String> CODES = ALL.stream().map(EventType::code).toList();

    private static final Set<String> KNOWN = Set.copyOf(CODES);

    /** The pattern the API documents for one event code. */
    public static final String CODE_LIST = String.join(", ", CODES);

    private WebhookEventTypes() {
    }

    public static boolean known(String code) {
        return KNOWN.contains(code);
    }

    /** The codes in the catalogue's order, for storing and showing. */
    public static List<String> ordered(java.util.Collection<String> codes) {
        Set<String> given = codes.stream().collect(Collectors.toSet());
        return CODES.stream().filter(given::contains).toList();
    }
}

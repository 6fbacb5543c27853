package com.educonsult.crm.analytics.events;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code POST /analytics/events}: one event, or {@code {"events": [...]}}. Every problem is
 * named by its field ({@code events[2].event_type} inside a batch), all of them in one answer.
 */
final class EventBatch {

    /** Where an event comes from: the console (a user) or the organization's website (a visitor, by public key). */
    enum Channel {
        CONSOLE, WEBSITE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One event, checked. {@code userId} is the caller's for the console, null for a website. */
    record NewEvent(String clientEventId, String eventType, String eventName, String entityType, String entityId,
            JsonNode properties, String sessionId, UUID userId, String visitorId, OffsetDateTime occurredAt) {
    }

    static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_.:-]{0,63}");
    static final Pattern ENTITY_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,49}");
    private static final Set<String> FIELDS = Set.of("client_event_id", "event_type", "event_name", "entity_type",
            "entity_id", "properties", "session_id", "user_id", "visitor_id", "occurred_at");
    /** An event may be stamped a little ahead of the server's clock (a visitor's clock runs fast). */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private final EventsProperties limits;
    private final Channel channel;
    private final UUID caller;
    private final Instant now;
    private final List<FieldError> errors = new ArrayList<>();

    private EventBatch(EventsProperties limits, Channel channel, UUID caller, Instant now) {
        this.limits = limits;
        this.channel = channel;
        this.caller = caller;
        this.now = now;
    }

    /** The events of the body; a 422 naming every bad field (a 400 for a body that is no JSON object). */
    static List<NewEvent> read(JsonNode body, EventsProperties limits, Channel channel, UUID caller, Instant now) {
        return new EventBatch(limits, channel, caller, now).read(body);
    }

    private List<NewEvent> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object: one event, or {\"events\": [...]}",
                    List.of(new FieldError("body", "must be a JSON object")));
        }
        List<NewEvent> events = new ArrayList<>();
        if (body.has("events")) {
            readBatch(body, events);
        } else {
            events.add(readEvent(body, ""));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    errors.get(0).field() + " " + errors.get(0).message(), List.copyOf(errors));
        }
        return events;
    }

    private void readBatch(JsonNode body, List<NewEvent> events) {
        for (String name : body.propertyNames()) {
            if (!name.equals("events")) {
                errors.add(new FieldError(name, "is not a field of a batch: a batch has only events"));
            }
        }
        JsonNode list = body.get("events");
        if (!list.isArray()) {
            errors.add(new FieldError("events", "must be a list of events"));
            return;
        }
        if (list.isEmpty() || list.size() > limits.maxBatch()) {
            errors.add(new FieldError("events", "must hold between 1 and " + limits.maxBatch() + " events"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String prefix = "events[" + i + "].";
            JsonNode event = list.get(i);
            if (!event.isObject()) {
                errors.add(new FieldError("events[" + i + "]", "must be an event object"));
            } else {
                events.add(readEvent(event, prefix));
            }
        }
    }

    private NewEvent readEvent(JsonNode event, String prefix) {
        for (String name : event.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(prefix + name, "is not a field of an event"));
            }
        }
        String eventType = text(event, prefix, "event_type", 64, true);
        if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
            errors.add(new FieldError(prefix + "event_type",
                    "must start with a lower-case letter, then lower-case letters, digits, _ . : or -"));
        }
        String entityType = text(event, prefix, "entity_type", 50, false);
        if (entityType != null && !ENTITY_TYPE.matcher(entityType).matches()) {
            errors.add(new FieldError(prefix + "entity_type",
                    "must start with a lower-case letter, then lower-case letters, digits or _"));
        }
        String entityId = text(event, prefix, "entity_id", 200, false);
        if (present(event, "entity_type") != present(event, "entity_id")) {
            boolean typeMissing = !present(event, "entity_type");
            errors.add(new FieldError(prefix + (typeMissing ? "entity_type" : "entity_id"),
                    "is required with " + (typeMissing ? "entity_id" : "entity_type")));
        }
        return new NewEvent(text(event, prefix, "client_event_id", 100, false), eventType,
                text(event, prefix, "event_name", 200, false), entityType, entityId,
                properties(event, prefix), text(event, prefix, "session_id", 100, false),
                user(event, prefix), visitor(event, prefix), occurredAt(event, prefix));
    }

    private JsonNode properties(JsonNode event, String prefix) {
        JsonNode properties = event.get("properties");
        if (properties == null || properties.isNull()) {
            return null;
        }
        if (!properties.isObject()) {
            errors.add(new FieldError(prefix + "properties", "must be a JSON object"));
            return null;
        }
        if (properties.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > limits.maxPropertiesBytes()) {
            errors.add(new FieldError(prefix + "properties",
                    "must be at most " + limits.maxPropertiesBytes() + " bytes of JSON"));
            return null;
        }
        return properties;
    }

    private UUID user(JsonNode event, String prefix) {
        String given = text(event, prefix, "user_id", 36, false);
        if (channel == Channel.WEBSITE) {
            if (present(event, "user_id")) {
                errors.add(new FieldError(prefix + "user_id",
                        "is not taken from a website: send the visitor's visitor_id"));
            }
            return null;
        }
        if (given != null) {
            UUID userId;
            try {
                userId = UUID.fromString(given);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "user_id", "must be a UUID"));
                return caller;
            }
            if (!userId.equals(caller)) {
                errors.add(new FieldError(prefix + "user_id", "must be the caller's own id, or be left out"));
            }
        }
        return caller;
    }

    private String visitor(JsonNode event, String prefix) {
        String visitorId = text(event, prefix, "visitor_id", 100, false);
        if (channel == Channel.WEBSITE && visitorId == null && !present(event, "visitor_id")) {
            errors.add(new FieldError(prefix + "visitor_id", "is required for an event from a website"));
        }
        return visitorId;
    }

    private OffsetDateTime occurredAt(JsonNode event, String prefix) {
        String given = text(event, prefix, "occurred_at", 40, false);
        if (given == null) {
            return now.atOffset(java.time.ZoneOffset.UTC);
        }
        OffsetDateTime occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(given);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(prefix + "occurred_at",
                    "must be a time with its offset, such as 2026-01-31T18:30:00+05:30"));
            return null;
        }
        Instant moment = occurredAt.toInstant();
        if (moment.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError(prefix + "occurred_at", "must not be in the future"));
        } else if (moment.isBefore(now.minus(limits.maxAge()))) {
            errors.add(new FieldError(prefix + "occurred_at",
                    "must be within the last " + limits.maxAge().toDays() + " days"));
        }
        return occurredAt;
    }

    /** A string field: null when absent or null; blank, too long or not a string is an error. */
    private String text(JsonNode event, String prefix, String field, int maxLength, boolean required) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required"));
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(new FieldError(prefix + field, "must be a string"));
            return null;
        }
        String text = value.stringValue().strip();
        if (text.isEmpty() || text.length() > maxLength) {
            errors.add(new FieldError(prefix + field, "must be 1 to " + maxLength + " characters"));
            return null;
        }
        return text;
    }

    private static boolean present(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && !value.isNull();
    }
}

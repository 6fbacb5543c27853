package com.educonsult.crm.messaging.sms;

import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Communications;
import com.educonsult.crm.messaging.DeliveryStatus;
import com.educonsult.crm.messaging.callbacks.CallbackHandler;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a stored MSG91 delivery report: each report of a request id moves the message with that provider id to
 * delivered (status 1) or failed (2 failed, 9 NDNC, 16 and 25 rejected, 17 blocked); other statuses are
 * interim and change nothing. Unknown request ids and repeated reports are harmless. Runs in a transaction of the
 * organization.
 */
@Component
class Msg91Reports implements CallbackHandler {

    private static final DateTimeFormatter MSG91_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    /** One report of a message. */
    record Report(String requestId, String status, String description, String time) {
    }

    private final JsonMapper json;
    private final Communications communications;
    private final com.educonsult.crm.messaging.Consents consents;

    Msg91Reports(JsonMapper json, Communications communications, com.educonsult.crm.messaging.Consents consents) {
        this.json = json;
        this.communications = communications;
        this.consents = consents;
    }

    @Override
    public String provider() {
        return "msg91";
    }

    @Override
    public void handle(UUID organizationId, String payload) {
        JsonNode parsed = json.readTree(payload);
        if (parsed.isObject() && parsed.has("inbound")) {
            inbound(organizationId, parsed.path("inbound"));
            return;
        }
        for (Report report : reports(parsed)) {
            DeliveryStatus status = statusOf(report.status(), report.description());
            if (status == null) {
                continue;
            }
            communications.updateStatus(organizationId, Channel.SMS, report.requestId(), status, time(report.time()),
                    status == DeliveryStatus.FAILED ? "MSG91 reported " + (report.description() == null
                            ? "status " + report.status() : report.description()) : null);
        }
    }

    /** A student's SMS: recorded on the lead with that phone (once per MSG91 id); STOP and START change consent. */
    private void inbound(UUID organizationId, JsonNode message) {
        String from = first(message, "number", "mobile", "sender");
        String text = first(message, "message", "content", "keyword");
        if (from == null) {
            return;
        }
        String digits = from.replaceAll("[^0-9+]", "");
        String phone = digits.startsWith("+") ? digits : (digits.length() > 10 ? "+" + digits : digits);
        java.util.Optional<String> e164 = consents.normalize(organizationId, Channel.SMS, phone);
        if (e164.isEmpty()) {
            return;
        }
        String id = first(message, "requestId", "id");
        communications.recordInbound(organizationId, new com.educonsult.crm.messaging.InboundMessage(Channel.SMS,
                null, e164.get(), null, null, text, null, id == null ? null : "in-" + id, null, null, null));
        String word = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        if (java.util.Set.of("STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE").contains(word)) {
            consents.optOut(organizationId, Channel.SMS, e164.get(), "sms_stop");
        } else if (java.util.Set.of("START", "UNSTOP", "SUBSCRIBE").contains(word)) {
            consents.optIn(organizationId, Channel.SMS, e164.get(), "sms_start");
        }
    }

    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The reports of a payload in any of MSG91's webhook formats (v2 list with report lists, v3 flat objects). */
    static List<Report> reports(JsonNode payload) {
        List<Report> reports = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (payload.isArray()) {
            payload.forEach(items::add);
        } else if (payload.isObject()) {
            items.add(payload);
        }
        for (JsonNode item : items) {
            String requestId = text(item, "requestId");
            if (requestId == null) {
                continue;
            }
            if (item.path("report").isArray()) {
                for (JsonNode report : item.path("report")) {
                    reports.add(new Report(requestId, text(report, "status"), text(report, "desc"),
                            text(report, "date")));
                }
            } else {
                reports.add(new Report(requestId, text(item, "status"), text(item, "desc"), text(item, "date")));
            }
        }
        return reports;
    }

    static DeliveryStatus statusOf(String status, String description) {
        if (status == null) {
            return null;
        }
        return switch (status.strip()) {
            case "1" -> DeliveryStatus.DELIVERED;
            case "2", "9", "16", "17", "25" -> DeliveryStatus.FAILED;
            default -> switch (description == null ? "" : description.strip().toUpperCase()) {
                case "DELIVERED" -> DeliveryStatus.DELIVERED;
                case "FAILED", "REJECTED", "NDNC", "BLOCKED" -> DeliveryStatus.FAILED;
                default -> null;
            };
        };
    }

    private static OffsetDateTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), MSG91_TIME).atZone(INDIA).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asString();
        }
        String text = value.asString(null);
        return text == null || text.isBlank() ? null : text.strip();
    }
}

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

    Msg91Reports(JsonMapper json, Communications communications) {
        this.json = json;
        this.communications = communications;
    }

    @Override
    public String provider() {
        return "msg91";
    }

    @Override
    public void handle(UUID organizationId, String payload) {
        for (Report report : reports(json.readTree(payload))) {
            DeliveryStatus status = statusOf(report.status(), report.description());
            if (status == null) {
                continue;
            }
            communications.updateStatus(organizationId, Channel.SMS, report.requestId(), status, time(report.time()),
                    status == DeliveryStatus.FAILED ? "MSG91 reported " + (report.description() == null
                            ? "status " + report.status() : report.description()) : null);
        }
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

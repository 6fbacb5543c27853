package com.educonsult.crm.web.notifications;

import com.educonsult.crm.notifications.NotificationKind;
import org.springframework.stereotype.Component;

/** Words the notification pages show for codes. */
@Component("notificationLabels")
public class NotificationLabels {

    public String kind(String code) {
        return switch (NotificationKind.of(code).orElse(NotificationKind.ANNOUNCEMENT)) {
            case LEAD_ASSIGNED -> "Lead assigned";
            case NEW_INQUIRY -> "New inquiry";
            case FOLLOW_UP_DUE -> "Follow-up due";
            case FOLLOW_UP_OVERDUE -> "Follow-up overdue";
            case DAILY_DIGEST -> "Daily digest";
            case SLA_BREACH -> "Stage deadline passed";
            case RECORDING_FAILED -> "Recording failed";
            case ANNOUNCEMENT -> "Announcement";
        };
    }

    public String status(String status) {
        return switch (status) {
            case "pending" -> "Waiting";
            case "failed" -> "Retrying";
            case "sent" -> "Sent";
            case "recorded" -> "Recorded";
            case "skipped" -> "Not sent";
            case "dead" -> "Failed";
            default -> status;
        };
    }
}

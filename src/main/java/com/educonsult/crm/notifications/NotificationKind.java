package com.educonsult.crm.notifications;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of notification, with the channels each takes when the user has not chosen. */
public enum NotificationKind {
    LEAD_ASSIGNED("lead_assigned", "A lead is assigned to you", true, true, false),
    NEW_INQUIRY("new_inquiry", "A new inquiry arrives", true, true, false),
    FOLLOW_UP_DUE("follow_up_due", "A follow-up is due", true, true, true),
    FOLLOW_UP_OVERDUE("follow_up_overdue", "A follow-up is overdue", true, true, false),
    DAILY_DIGEST("daily_digest", "Your follow-ups of the day, at 08:00", true, true, true),
    SLA_BREACH("sla_breach", "A lead stays in a stage past its deadline", true, true, false),
    RECORDING_FAILED("recording_failed", "A call recording failed to upload", true, true, false),
    ANNOUNCEMENT("announcement", "Messages from your administrators", true, true, false);

    public static final String CODES = "lead_assigned|new_inquiry|follow_up_due|follow_up_overdue|daily_digest|"
            + "sla_breach|recording_failed|announcement";

    private final String code;
    private final String label;
    private final boolean inApp;
    private final boolean push;
    private final boolean email;

    NotificationKind(String code, String label, boolean inApp, boolean push, boolean email) {
        this.code = code;
        this.label = label;
        this.inApp = inApp;
        this.push = push;
        this.email = email;
    }

    public String code() {
        return code;
    }

    /** What the kind is about, for the preferences page. */
    public String label() {
        return label;
    }

    public boolean defaultInApp() {
        return inApp;
    }

    public boolean defaultPush() {
        return push;
    }

    public boolean defaultEmail() {
        return email;
    }

    public static Optional<NotificationKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}

package com.educonsult.crm.notifications;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications.
 *
 * @param fcm push through Firebase Cloud Messaging
 * @param pollInterval how often the sending job looks for due pushes and emails
 * @param batchSize deliveries one organization's pass claims and sends together
 * @param maxAttempts attempts of a delivery before it is dead
 * @param firstRetryDelay the wait after the first failed attempt; three times longer after each further one
 * @param triggerInterval how often the time-driven triggers (tasks due, overdue, stage deadlines, digest) run
 * @param overdueAfter how long after its due time a task still open is overdue
 * @param digestAt the time of day, in the organization's time zone, of the daily digest
 * @param lookBack how far back the time-driven triggers look on their first run in an organization
 * @param readRetention how long a read notification is kept after it was created; unread ones are kept
 * @param purgeInterval how often read notifications past their retention are deleted
 */
@ConfigurationProperties("crm.notifications")
public record NotificationProperties(
        @DefaultValue Fcm fcm,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("30s") Duration firstRetryDelay,
        @DefaultValue("1m") Duration triggerInterval,
        @DefaultValue("1h") Duration overdueAfter,
        @DefaultValue("08:00") LocalTime digestAt,
        @DefaultValue("1h") Duration lookBack,
        @DefaultValue("90d") Duration readRetention,
        @DefaultValue("6h") Duration purgeInterval) {

    /**
     * @param url the FCM HTTP v1 API's base address
     * @param credentials the Google service account (its JSON, or the path of its file: project_id, client_email,
     *                    private_key, token_uri); empty records pushes instead of sending them, unless an
     *                    organization connects its own push integration
     * @param connectTimeout how long connecting to FCM or the token endpoint may take
     * @param readTimeout how long FCM or the token endpoint may take to answer
     */
    public record Fcm(
            @DefaultValue("https://fcm.googleapis.com") String url,
            @DefaultValue("") String credentials,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {
    }
}

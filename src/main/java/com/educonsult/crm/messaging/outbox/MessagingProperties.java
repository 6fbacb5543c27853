package com.educonsult.crm.messaging.outbox;

import com.educonsult.crm.messaging.Channel;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox that hands outbound messages to the providers.
 *
 * @param pollInterval how often the sending job looks for due deliveries
 * @param batchSize deliveries of one channel claimed together by one statement (and recorded by one transaction)
 * @param concurrency messages handed to providers at the same time
 * @param lease how long a claim lasts: a delivery still claimed after it (its sender crashed) is claimed again and
 *              sent with the same reference
 * @param runBudget how long one run of the job may keep sending before it ends (the next run goes on)
 * @param maxAttempts attempts after which a delivery the provider keeps failing is dead-lettered
 * @param firstRetryDelay the delay after the first failed attempt; each further one is three times longer
 * @param longestRetryDelay the longest delay between two attempts
 * @param throttle messages per second per channel, for all servers together
 * @param attachmentLinkTtl how long the signed link a provider fetches an attachment from (WhatsApp) stays valid:
 *                          long enough for the provider to fetch it after a slow or retried send
 */
@ConfigurationProperties("crm.messaging")
public record MessagingProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("32") int concurrency,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("50s") Duration runBudget,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetryDelay,
        @DefaultValue("2h") Duration longestRetryDelay,
        @DefaultValue Throttle throttle,
        @DefaultValue("24h") Duration attachmentLinkTtl) {

    /** Messages per second per channel (0: unlimited). */
    public record Throttle(@DefaultValue("20") int email, @DefaultValue("50") int sms,
            @DefaultValue("80") int whatsapp) {

        public int perSecond(Channel channel) {
            return switch (channel) {
                case EMAIL -> email;
                case SMS -> sms;
                case WHATSAPP -> whatsapp;
            };
        }
    }

    /** The delay after the given number of failed attempts (1 for the first), varied by ±20 % with {@code random}. */
    public Duration retryDelay(int attemptsMade, double random) {
        double base = firstRetryDelay.toMillis() * Math.pow(3.0, Math.max(0, attemptsMade - 1));
        double capped = Math.min(base, longestRetryDelay.toMillis());
        return Duration.ofMillis(Math.round(capped * (0.8 + 0.4 * random)));
    }
}

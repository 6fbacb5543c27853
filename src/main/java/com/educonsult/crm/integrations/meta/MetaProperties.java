package com.educonsult.crm.integrations.meta;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Meta app this server is (Facebook and Instagram lead ads), and how it talks to the Graph API.
 *
 * @param appId the Meta app's id (for the console's "Connect Facebook" dialog)
 * @param appSecret the Meta app's secret: signs every webhook delivery (X-Hub-Signature-256) and exchanges codes
 * @param verifyToken the token typed into the app's webhook settings, echoed by Meta's verification handshake
 * @param graphUrl the Graph API's base address
 * @param graphVersion the Graph API version every call names, e.g. v21.0
 * @param dialogUrl the base address of Meta's OAuth dialog
 * @param connectTimeout how long a Graph call may take to connect
 * @param readTimeout how long a Graph call may take to answer
 * @param maxAttempts how often a lead is tried before it stays failed (an admin can replay it)
 * @param retryBackoff the wait before the second attempt; each further attempt waits twice as long
 * @param batchSize how many leads one processing round of an organization takes
 * @param concurrency how many Graph fetches run at once
 * @param intakeConcurrency how many fetched leads are taken in at once: the intake is work for the processor and
 *        the database, and fewer than the cores leaves one for answering Meta's deliveries at once
 * @param deliveryRetentionDays how long raw deliveries are kept
 */
@ConfigurationProperties("crm.integrations.facebook")
record MetaProperties(
        String appId,
        String appSecret,
        String verifyToken,
        @DefaultValue("https://graph.facebook.com") String graphUrl,
        @DefaultValue("v21.0") String graphVersion,
        @DefaultValue("https://www.facebook.com") String dialogUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1m") Duration retryBackoff,
        @DefaultValue("100") int batchSize,
        @DefaultValue("16") int concurrency,
        @DefaultValue("2") int intakeConcurrency,
        @DefaultValue("30") int deliveryRetentionDays) {

    /** Whether a Meta app is configured: without its secret no delivery can be verified, so none is accepted. */
    boolean webhookConfigured() {
        return appSecret != null && !appSecret.isBlank() && verifyToken != null && !verifyToken.isBlank();
    }

    /** Whether the console can send an admin to Meta's dialog. */
    boolean oauthConfigured() {
        return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
    }

    String graphBase() {
        String base = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
        return base + "/" + graphVersion;
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failed. */
    Duration backoff(int attempt) {
        return retryBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
    }
}

package com.educonsult.crm.integrations.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing webhooks.
 *
 * @param allowedPrivateNetworks CIDR blocks of private, loopback or link-local addresses an endpoint may point at
 *                               anyway (none by default: every such target is refused); plain http is allowed only
 *                               to addresses inside them
 * @param connectTimeout how long connecting to an endpoint may take
 * @param readTimeout how long an endpoint may take to answer
 * @param pollInterval how often the sending job looks for due deliveries
 * @param batchSize deliveries one organization's pass claims and sends together
 * @param retryWindow how long after the event a delivery is still retried; then it is dead-lettered
 * @param disableAfterFailures failed attempts in a row, with no success between them, after which an endpoint that
 *                             has also been failing for {@code disableAfterFailingFor} is disabled
 * @param disableAfterFailingFor how long an endpoint must have been failing without a success to be disabled
 * @param deliveryRetention how long succeeded and dead deliveries stay in the delivery log
 */
@ConfigurationProperties("crm.integrations.webhooks")
public record WebhookProperties(
        @DefaultValue List<String> allowedPrivateNetworks,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("25") int batchSize,
        @DefaultValue("3d") Duration retryWindow,
        @DefaultValue("10") int disableAfterFailures,
        @DefaultValue("24h") Duration disableAfterFailingFor,
        @DefaultValue("30d") Duration deliveryRetention) {
}

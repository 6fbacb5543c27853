package com.educonsult.crm.analytics.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the analytics events endpoint.
 *
 * @param maxBatch the most events one request may carry
 * @param maxPropertiesBytes the largest properties object of one event, as JSON
 * @param maxAge how far in the past an event's occurred_at may be
 * @param websitePerKeyPerMinute events requests one organization's website may send in all (every visitor together);
 *        each visitor address is held to the key's own per-address limit
 * @param keyCacheTtl how long a node keeps what it read of a public key
 */
@ConfigurationProperties("crm.analytics.events")
record EventsProperties(
        @DefaultValue("100") int maxBatch,
        @DefaultValue("8192") int maxPropertiesBytes,
        @DefaultValue("P30D") Duration maxAge,
        @DefaultValue("6000") int websitePerKeyPerMinute,
        @DefaultValue("15s") Duration keyCacheTtl) {
}

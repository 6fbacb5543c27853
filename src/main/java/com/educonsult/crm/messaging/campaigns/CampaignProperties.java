package com.educonsult.crm.messaging.campaigns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How campaigns are sent.
 *
 * @param pollInterval how often the sending job looks for campaigns with work due (scheduled launches, the next
 *                     batch of a running campaign); a campaign's throttle is spread over these runs
 * @param maxBatch the most recipients handed over to the outbox by one transaction
 * @param campaignsPerRun the most campaigns one run of the job works on
 */
@ConfigurationProperties("crm.messaging.campaigns")
public record CampaignProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("50") int campaignsPerRun) {
}

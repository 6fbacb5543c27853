package com.educonsult.crm.messaging.campaigns;

import static com.educonsult.crm.jooq.Tables.CAMPAIGNS;
import static com.educonsult.crm.jooq.Tables.CAMPAIGN_RECIPIENTS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.CampaignRecipientsRecord;
import com.educonsult.crm.jooq.tables.records.CampaignsRecord;
import com.educonsult.crm.messaging.Campaigns;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Communications;
import com.educonsult.crm.messaging.LeadRendering;
import com.educonsult.crm.messaging.NewMessage;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The sending job's work on one campaign with work due: a scheduled campaign whose time came is launched (its
 * recipients snapshotted, as the user who launched it); a running one hands its next batch of pending recipients
 * over to the communications outbox, as many as its throttle allows until the next run. The campaign row is locked
 * (a second server skips it) and each recipient is taken with FOR UPDATE SKIP LOCKED and marked queued with its
 * communication id in the transaction that queues its message: a recipient is handed over exactly once, whatever
 * crashes.
 */
@Component
class CampaignSender {

    private static final Logger log = LoggerFactory.getLogger(CampaignSender.class);
    private static final String SEPARATOR = "\n\u241E\n";

    private final DSLContext db;
    private final Tenancy tenancy;
    private final Snapshots snapshots;
    private final Campaigns campaigns;
    private final Communications communications;
    private final LeadRendering rendering;
    private final Tracking tracking;
    private final UserDirectory users;
    private final CampaignProperties properties;
    private final Clock clock;

    CampaignSender(DSLContext db, Tenancy tenancy, Snapshots snapshots, @Lazy Campaigns campaigns,
            Communications communications, LeadRendering rendering, Tracking tracking, UserDirectory users,
            CampaignProperties properties, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.snapshots = snapshots;
        this.campaigns = campaigns;
        this.communications = communications;
        this.rendering = rendering;
        this.tracking = tracking;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One run over every campaign with work due; answers how many recipients were handed over. A campaign goes on
     * batch after batch while its throttle allows more now (so it keeps its pace however seldom the run comes),
     * for at most one poll interval.
     */
    int runDue() {
        List<Record2<UUID, UUID>> due = db.resultQuery("select organization_id, campaign_id from campaigns_due({0}, {1})",
                        DSL.val(OffsetDateTime.now(clock)), DSL.val(properties.campaignsPerRun()))
                .coerce(DSL.field("organization_id", UUID.class), DSL.field("campaign_id", UUID.class)).fetch();
        int handed = 0;
        long budget = properties.pollInterval().toNanos();
        for (Record2<UUID, UUID> campaign : due) {
            long started = System.nanoTime();
            try {
                int batch;
                do {
                    batch = tenancy.callAs(campaign.value1(), () -> work(campaign.value1(), campaign.value2()));
                    handed += batch;
                } while (batch > 0 && System.nanoTime() - started < budget);
            } catch (RuntimeException e) {
                log.warn("Campaign {} of organization {} failed a sending run", campaign.value2(), campaign.value1(),
                        e);
            }
        }
        return handed;
    }

    /** The campaign's due work, in the caller's transaction of its organization. */
    int work(UUID organizationId, UUID campaignId) {
        CampaignsRecord campaign = db.selectFrom(CAMPAIGNS)
                .where(CAMPAIGNS.ORGANIZATION_ID.eq(organizationId), CAMPAIGNS.ID.eq(campaignId))
                .forUpdate().skipLocked().fetchOne();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (campaign == null) {
            return 0;
        }
        if (campaign.getStatus().equals("scheduled")) {
            if (campaign.getScheduledAt() != null && !campaign.getScheduledAt().isAfter(now)) {
                launch(campaign, now);
            }
            return 0;
        }
        if (!campaign.getStatus().equals("running")
                || campaign.getNextSendAt() != null && campaign.getNextSendAt().isAfter(now)) {
            return 0;
        }
        return handOver(campaign, now);
    }

    private void launch(CampaignsRecord campaign, OffsetDateTime now) {
        UUID launcher = campaign.getLaunchedBy() != null ? campaign.getLaunchedBy() : campaign.getCreatedBy();
        Optional<CurrentUser> user = launcher == null ? Optional.empty()
                : users.actingAs(campaign.getOrganizationId(), launcher);
        if (user.isEmpty()) {
            campaign.setStatus("cancelled");
            campaign.setCancelledAt(now);
            campaign.setLastError("The user who launched it can no longer act: launch it again");
            campaign.setUpdatedAt(now);
            campaign.update();
            return;
        }
        snapshots.take(user.get(), campaign.getId(), campaigns.audience(campaign).toListParams());
    }

    private int handOver(CampaignsRecord campaign, OffsetDateTime now) {
        int throttle = campaign.getThrottlePerMinute();
        double slotNanos = 60_000_000_000.0 / throttle;
        // the pace is kept by slots: each message takes the next one; credit for a late run is a minute at most
        OffsetDateTime base = campaign.getNextSendAt() == null || campaign.getNextSendAt().isBefore(now.minusMinutes(1))
                ? now : campaign.getNextSendAt();
        long ahead = java.time.Duration.between(base, now).toNanos() + properties.pollInterval().toNanos();
        int batch = (int) Math.max(1, Math.min(properties.maxBatch(), Math.floor(ahead / slotNanos)));
        var r = CAMPAIGN_RECIPIENTS;
        List<CampaignRecipientsRecord> recipients = db.selectFrom(r)
                .where(r.ORGANIZATION_ID.eq(campaign.getOrganizationId()), r.CAMPAIGN_ID.eq(campaign.getId()),
                        r.STATUS.eq("pending"))
                .orderBy(r.ID).limit(batch).forUpdate().skipLocked().fetch();
        if (recipients.isEmpty()) {
            campaign.setStatus("completed");
            campaign.setCompletedAt(now);
            campaign.setUpdatedAt(now);
            campaign.update();
            return 0;
        }
        CurrentUser sender = new CurrentUser(campaign.getOrganizationId(),
                campaign.getLaunchedBy() != null ? campaign.getLaunchedBy() : campaign.getCreatedBy(), null, null,
                null, Set.of(), Set.of(), DataScope.ALL, null);
        LeadRendering.Batch leads = rendering.batch(sender, campaign.getProviderTemplate() == null
                ? campaign.getTemplateId() : null, recipients.stream().map(CampaignRecipientsRecord::getLeadId).toList());
        List<NewMessage> messages = new ArrayList<>();
        List<CampaignRecipientsRecord> sent = new ArrayList<>();
        List<UUID> skipped = new ArrayList<>();
        for (CampaignRecipientsRecord recipient : recipients) {
            try {
                messages.add(message(campaign, recipient, leads));
                sent.add(recipient);
            } catch (ApiException | IllegalArgumentException gone) {
                skipped.add(recipient.getId()); // the lead was deleted since the launch, or its template
            }
        }
        List<UUID> ids = communications.enqueue(campaign.getOrganizationId(), messages);
        if (!sent.isEmpty()) {
            db.execute("""
                    update campaign_recipients r set status = 'queued', communication_id = handed.communication_id,
                      queued_at = {2}
                    from unnest({3}::uuid[], {4}::uuid[]) as handed (id, communication_id)
                    where r.organization_id = {0} and r.campaign_id = {1} and r.id = handed.id
                    """, DSL.val(campaign.getOrganizationId()), DSL.val(campaign.getId()), DSL.val(now),
                    DSL.val(sent.stream().map(CampaignRecipientsRecord::getId).toArray(UUID[]::new)),
                    DSL.val(ids.toArray(UUID[]::new)));
        }
        if (!skipped.isEmpty()) {
            db.update(r).set(r.STATUS, "skipped")
                    .where(r.ORGANIZATION_ID.eq(campaign.getOrganizationId()), r.ID.in(skipped)).execute();
        }
        campaign.setQueuedCount(campaign.getQueuedCount() + sent.size());
        campaign.setNextSendAt(base.plusNanos(Math.round(recipients.size() * slotNanos)));
        campaign.setUpdatedAt(now);
        campaign.update();
        return sent.size();
    }

    private NewMessage message(CampaignsRecord campaign, CampaignRecipientsRecord recipient, LeadRendering.Batch leads) {
        Channel channel = Channel.fromWire(campaign.getChannel());
        UUID org = campaign.getOrganizationId();
        String subject = null;
        String text;
        String html = null;
        List<String> parameters = List.of();
        if (campaign.getProviderTemplate() != null) {
            String[] given = campaign.getTemplateParameters();
            if (given.length > 0) {
                String joined = leads.preview(null, String.join(SEPARATOR, given), false, recipient.getLeadId())
                        .text();
                parameters = Arrays.asList(joined.split(SEPARATOR, -1));
            } else {
                leads.preview(null, "", false, recipient.getLeadId()); // the lead still exists
            }
            text = campaign.getProviderTemplate() + (parameters.isEmpty() ? "" : ": " + String.join(", ", parameters));
        } else {
            LeadRendering.RenderedMessage rendered = leads.render(recipient.getLeadId());
            text = rendered.text();
            subject = rendered.subject();
            if (channel == Channel.EMAIL && campaign.getSubject() != null) {
                subject = leads.preview(campaign.getSubject(), "", false, recipient.getLeadId()).subject();
            }
        }
        if (channel == Channel.EMAIL) {
            boolean track = campaign.getTrackLinks();
            html = tracking.html(text, org, recipient.getId(), track);
            if (track) {
                text = tracking.trackLinks(text, org, recipient.getId());
            }
        }
        return new NewMessage(recipient.getLeadId(), channel, recipient.getAddress(), subject, text, html,
                campaign.getTemplateId(), campaign.getProviderTemplate(), campaign.getProviderTemplateLanguage(),
                parameters, campaign.getId(), true, campaign.getLaunchedBy());
    }
}

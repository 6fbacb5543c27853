package com.educonsult.crm.messaging.campaigns;

import com.educonsult.crm.jooq.tables.records.CampaignsRecord;
import com.educonsult.crm.leads.LeadAudiences;
import com.educonsult.crm.messaging.Campaigns;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/**
 * A campaign's figures and recipient list, read by joining each recipient to the communication it was handed over
 * as (the communication holds the delivery state providers report), so nothing is copied and nothing lags.
 */
@Service
public class CampaignStatistics {

    /** A recipient's state as the list shows it: left out, waiting, or its message's furthest state. */
    static final String RECIPIENT_STATUS = """
            case when r.exclusion is not null then 'excluded'
                 when r.status = 'pending' then 'pending'
                 when r.status = 'skipped' then 'cancelled'
                 when c.status = 'failed' then 'failed'
                 when r.clicked_at is not null then 'clicked'
                 when r.opened_at is not null or c.status = 'read' then 'opened'
                 when c.status = 'delivered' then 'delivered'
                 when c.status = 'sent' then 'sent'
                 else 'queued' end""";

    private final DSLContext db;
    private final LeadAudiences audiences;

    CampaignStatistics(DSLContext db, LeadAudiences audiences) {
        this.db = db;
        this.audiences = audiences;
    }

    public Campaigns.Stats of(CampaignsRecord campaign, ZoneId zone) {
        UUID org = campaign.getOrganizationId();
        UUID id = campaign.getId();
        OffsetDateTime launched = campaign.getLaunchedAt() == null ? OffsetDateTime.now().plusYears(100)
                : campaign.getLaunchedAt();
        Record figures = db.fetchSingle("""
                select count(*) filter (where r.status = 'pending') as pending,
                       count(*) filter (where r.status = 'queued') as queued,
                       count(*) filter (where c.status in ('sent', 'delivered', 'read')) as sent,
                       count(*) filter (where c.status in ('delivered', 'read')) as delivered,
                       count(*) filter (where r.opened_at is not null or c.status = 'read') as opened,
                       count(*) filter (where r.clicked_at is not null) as clicked,
                       count(*) filter (where c.status = 'failed') as failed,
                       count(*) filter (where r.status = 'queued' and exists (
                           select 1 from communications reply
                           where reply.organization_id = r.organization_id and reply.lead_id = r.lead_id
                             and reply.direction = 'inbound' and reply.type = {2} and reply.created_at >= r.queued_at))
                         as replied,
                       count(*) filter (where r.status = 'queued' and exists (
                           select 1 from message_consents consent
                           where consent.organization_id = r.organization_id and consent.channel = {2}
                             and consent.address = r.address and consent.opted_out
                             and consent.changed_at >= r.queued_at)) as unsubscribed,
                       count(*) filter (where {3}) as converted
                from campaign_recipients r
                left join communications c on c.organization_id = r.organization_id and c.id = r.communication_id
                where r.organization_id = {0} and r.campaign_id = {1} and r.exclusion is null
                """, DSL.val(org), DSL.val(id), DSL.val(campaign.getChannel()),
                audiences.wonSince(org, DSL.field(DSL.name("r", "lead_id"), UUID.class), launched));
        List<Campaigns.Day> daily = db.fetch("""
                select (e.at at time zone {2})::date as day,
                       count(*) filter (where e.kind = 'sent') as sent,
                       count(*) filter (where e.kind = 'delivered') as delivered,
                       count(*) filter (where e.kind = 'opened') as opened,
                       count(*) filter (where e.kind = 'clicked') as clicked,
                       count(*) filter (where e.kind = 'failed') as failed
                from campaign_recipients r
                left join communications c on c.organization_id = r.organization_id and c.id = r.communication_id
                cross join lateral (values ('sent', c.sent_at), ('delivered', c.delivered_at),
                                           ('opened', coalesce(r.opened_at, c.read_at)), ('clicked', r.clicked_at),
                                           ('failed', c.failed_at)) as e (kind, at)
                where r.organization_id = {0} and r.campaign_id = {1} and r.status = 'queued' and e.at is not null
                group by 1 order by 1
                """, DSL.val(org), DSL.val(id), DSL.val(zone.getId()))
                .map(d -> new Campaigns.Day(d.get("day", LocalDate.class), d.get("sent", Long.class),
                        d.get("delivered", Long.class), d.get("opened", Long.class), d.get("clicked", Long.class),
                        d.get("failed", Long.class)));
        return new Campaigns.Stats(id, campaign.getStatus(), campaign.getRecipientsCount(),
                new Campaigns.Exclusions(campaign.getExcludedNoAddress(), campaign.getExcludedOptedOut(),
                        campaign.getExcludedDuplicate()),
                figures.get("pending", Long.class), figures.get("queued", Long.class),
                figures.get("sent", Long.class), figures.get("delivered", Long.class),
                figures.get("opened", Long.class), figures.get("clicked", Long.class),
                figures.get("replied", Long.class), figures.get("failed", Long.class),
                figures.get("unsubscribed", Long.class), figures.get("converted", Long.class), daily);
    }

    public Page<Campaigns.RecipientView> recipients(CampaignsRecord campaign, String status, PageRequest page) {
        String filter = status == null ? "true" : RECIPIENT_STATUS + " = {2}";
        var rows = db.fetch("""
                select r.id, r.lead_id, r.name, r.address, STATUS as state, r.exclusion, r.communication_id,
                       r.queued_at, c.sent_at, c.delivered_at, coalesce(r.opened_at, c.read_at) as opened_at,
                       r.clicked_at, c.failed_at, c.error
                from campaign_recipients r
                left join communications c on c.organization_id = r.organization_id and c.id = r.communication_id
                where r.organization_id = {0} and r.campaign_id = {1} and FILTER
                order by r.id
                limit {3} offset {4}
                """.replace("STATUS", RECIPIENT_STATUS).replace("FILTER", filter),
                DSL.val(campaign.getOrganizationId()), DSL.val(campaign.getId()), DSL.val(status),
                DSL.inline(page.limit() + 1), DSL.inline(page.offset()));
        List<Campaigns.RecipientView> items = rows.map(r -> new Campaigns.RecipientView(
                r.get("id", UUID.class), r.get("lead_id", UUID.class), r.get("name", String.class),
                r.get("address", String.class), r.get("state", String.class), r.get("exclusion", String.class),
                r.get("communication_id", UUID.class), r.get("queued_at", OffsetDateTime.class),
                r.get("sent_at", OffsetDateTime.class), r.get("delivered_at", OffsetDateTime.class),
                r.get("opened_at", OffsetDateTime.class), r.get("clicked_at", OffsetDateTime.class),
                r.get("failed_at", OffsetDateTime.class), r.get("error", String.class)));
        boolean more = items.size() > page.limit();
        List<Campaigns.RecipientView> shown = more ? items.subList(0, page.limit()) : items;
        return page.page(shown, more ? null : (long) page.offset() + shown.size());
    }
}

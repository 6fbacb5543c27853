package com.educonsult.crm.messaging.campaigns;

import static com.educonsult.crm.jooq.Tables.CAMPAIGNS;
import static com.educonsult.crm.jooq.Tables.CAMPAIGN_RECIPIENTS;

import com.educonsult.crm.leads.LeadAudiences;
import com.educonsult.crm.leads.LeadListParams;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's launch: its audience's leads copied into its recipients by one insert ... select, each with the
 * address for the channel and, for a lead left out, why: no address, an address opted out of the channel (its
 * consent row), or an address a lead before it in the audience already has. Then the counts, and the campaign runs
 * (or completes at once when nobody is left). Runs in the caller's transaction, as the user whose scope chooses the
 * leads.
 */
@Service
public class Snapshots {

    private final DSLContext db;
    private final LeadAudiences audiences;
    private final Clock clock;

    Snapshots(DSLContext db, LeadAudiences audiences, Clock clock) {
        this.db = db;
        this.audiences = audiences;
        this.clock = clock;
    }

    @Transactional
    public void take(CurrentUser user, UUID campaignId, LeadListParams audience) {
        UUID organizationId = user.organizationId();
        String channel = db.select(CAMPAIGNS.CHANNEL).from(CAMPAIGNS)
                .where(CAMPAIGNS.ORGANIZATION_ID.eq(organizationId), CAMPAIGNS.ID.eq(campaignId))
                .fetchSingle(CAMPAIGNS.CHANNEL);
        String address = channel.equals("email") ? "audience.email" : "audience.phone";
        db.execute("""
                insert into campaign_recipients (organization_id, campaign_id, lead_id, name, address, exclusion, status)
                select {0}, {1}, chosen.id, chosen.name, chosen.address, chosen.exclusion,
                       case when chosen.exclusion is null then 'pending' else 'skipped' end
                from (
                  select ranked.id, ranked.name, ranked.address,
                         case when ranked.address is null then 'no_address'
                              when exists (select 1 from message_consents consent
                                           where consent.organization_id = {0} and consent.channel = {2}
                                             and consent.address = ranked.address and consent.opted_out)
                                then 'opted_out'
                              when ranked.place > 1 then 'duplicate' end as exclusion,
                         ranked.created_at
                  from (
                    select audience.id, audience.name, nullif(ADDRESS, '') as address, audience.created_at,
                           row_number() over (partition by nullif(ADDRESS, '') order by audience.created_at, audience.id)
                             as place
                    from ({3}) as audience (id, name, phone, email, created_at)
                  ) ranked
                ) chosen
                order by chosen.created_at, chosen.id
                """.replace("ADDRESS", address),
                DSL.val(organizationId), DSL.val(campaignId), DSL.val(channel),
                audiences.select(user, audience));
        var r = CAMPAIGN_RECIPIENTS;
        var counts = db.select(
                        DSL.count().filterWhere(r.EXCLUSION.isNull()),
                        DSL.count().filterWhere(r.EXCLUSION.eq("no_address")),
                        DSL.count().filterWhere(r.EXCLUSION.eq("opted_out")),
                        DSL.count().filterWhere(r.EXCLUSION.eq("duplicate")))
                .from(r).where(r.ORGANIZATION_ID.eq(organizationId), r.CAMPAIGN_ID.eq(campaignId))
                .fetchSingle();
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean nobody = counts.value1() == 0;
        db.update(CAMPAIGNS)
                .set(CAMPAIGNS.RECIPIENTS_COUNT, counts.value1())
                .set(CAMPAIGNS.EXCLUDED_NO_ADDRESS, counts.value2())
                .set(CAMPAIGNS.EXCLUDED_OPTED_OUT, counts.value3())
                .set(CAMPAIGNS.EXCLUDED_DUPLICATE, counts.value4())
                .set(CAMPAIGNS.STATUS, nobody ? "completed" : "running")
                .set(CAMPAIGNS.LAUNCHED_AT, now)
                .set(CAMPAIGNS.LAUNCHED_BY, user.userId())
                .set(CAMPAIGNS.COMPLETED_AT, nobody ? now : null)
                .set(CAMPAIGNS.NEXT_SEND_AT, now)
                .set(CAMPAIGNS.UPDATED_AT, now)
                .where(CAMPAIGNS.ORGANIZATION_ID.eq(organizationId), CAMPAIGNS.ID.eq(campaignId))
                .execute();
    }
}

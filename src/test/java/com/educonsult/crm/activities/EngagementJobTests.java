package com.educonsult.crm.activities;

import static com.educonsult.crm.jooq.Tables.ACTIVITIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EngagementJobTests extends ActivityFixtures {

    @Autowired
    private EngagementJob job;

    @Test
    void theNightlyRecomputationCoolsLeadsWhoseInteractionsAgedOut() {
        Org org = registerOrganization();
        UUID cooling = lead(org);
        UUID forgotten = lead(org);
        for (int i = 0; i < 3; i++) {
            logActivity(org, org.adminToken(), cooling, Map.of());
        }
        logActivity(org, org.adminToken(), forgotten, Map.of());
        assertThat(engagement(org, cooling)).isEqualTo("hot");
        assertThat(engagement(org, forgotten)).isEqualTo("active");

        age(org, cooling, 10);
        age(org, forgotten, 40);
        assertThat(job.recompute(org.id())).isEqualTo(2);

        assertThat(engagement(org, cooling)).isEqualTo("active");
        assertThat(engagement(org, forgotten)).isEqualTo("inactive");
    }

    @Test
    void aLeadNeverInteractedWithTurnsInactiveOnceOlderThanThirtyDaysAndAYoungOneStaysNew() {
        Org org = registerOrganization();
        UUID old = lead(org);
        UUID young = lead(org);
        tenancy.runAs(org.id(), () -> db.execute(
                "update leads set created_at = now() - interval '31 days' where organization_id = ? and id = ?",
                org.id(), old));

        job.recompute(org.id());

        assertThat(engagement(org, old)).isEqualTo("inactive");
        assertThat(engagement(org, young)).isEqualTo("new");
    }

    @Test
    void anHourlyRunHandlesOnlyTheOrganizationsWhoseLocalTimeIsTwoAtNight() {
        Org org = registerOrganization();
        UUID lead = lead(org);
        logActivity(org, org.adminToken(), lead, Map.of());
        age(org, lead, 40);

        var daytime = job.runDue(OffsetDateTime.of(2025, 6, 15, 6, 0, 0, 0, ZoneOffset.UTC).toInstant());
        assertThat(daytime.leadsByOrganization()).doesNotContainKey(org.id());
        assertThat(engagement(org, lead)).isEqualTo("active");

        // 20:45 UTC is 02:15 in Asia/Kolkata, the default time zone of an organization
        var night = job.runDue(OffsetDateTime.of(2025, 6, 14, 20, 45, 0, 0, ZoneOffset.UTC).toInstant());
        assertThat(night.leadsByOrganization()).containsEntry(org.id(), 1);
        assertThat(night.failures()).doesNotContainKey(org.id());
        assertThat(engagement(org, lead)).isEqualTo("inactive");
    }

    private void age(Org org, UUID leadId, int days) {
        tenancy.runAs(org.id(), () -> db.update(ACTIVITIES)
                .set(ACTIVITIES.OCCURRED_AT, DSL.currentOffsetDateTime().minus(days))
                .where(ACTIVITIES.ORGANIZATION_ID.eq(org.id()), ACTIVITIES.LEAD_ID.eq(leadId))
                .execute());
    }
}

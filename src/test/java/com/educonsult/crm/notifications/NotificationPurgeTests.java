package com.educonsult.crm.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Read notifications past the retention leave the database; unread and recent ones stay. */
class NotificationPurgeTests extends ApiTest {

    @Autowired
    NotificationPurge purge;

    @Autowired
    NotificationProperties properties;

    private UUID sendTo(Org org, UUID userId, String title) {
        return UUID.fromString(api.post("/api/v1/notifications", org.adminToken(), Map.of("user_id",
                userId.toString(), "title", title)).expect(201).data().get("id").asString());
    }

    private void createdDaysAgo(Org org, UUID id, int days) {
        tenancy.runAs(org.id(), () -> db.execute("update notifications set created_at = now() - make_interval(days "
                + "=> ?) where organization_id = ? and id = ?", days, org.id(), id));
    }

    private List<String> titles(Org org, TestUser user) {
        return api.get("/api/v1/notifications?limit=100", user.token()).expect(200).data().findValuesAsString("title");
    }

    @Test
    void readNotificationsOlderThanTheRetentionArePurgedInEveryOrganizationAndUnreadOnesAreKept() {
        long retentionDays = properties.readRetention().toDays();
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID oldRead = sendTo(org, counselor.id(), "Old and read");
        UUID oldUnread = sendTo(org, counselor.id(), "Old and unread");
        UUID recentRead = sendTo(org, counselor.id(), "Recent and read");
        sendTo(org, counselor.id(), "New");
        api.put("/api/v1/notifications/" + oldRead + "/read", counselor.token(), "").expect(200);
        api.put("/api/v1/notifications/" + recentRead + "/read", counselor.token(), "").expect(200);
        createdDaysAgo(org, oldRead, (int) retentionDays + 1);
        createdDaysAgo(org, oldUnread, (int) retentionDays + 30);
        createdDaysAgo(org, recentRead, (int) retentionDays - 1);

        Org other = registerOrganization();
        TestUser elsewhere = userWithRole(other, "counselor");
        UUID otherOldRead = sendTo(other, elsewhere.id(), "Elsewhere, old and read");
        api.put("/api/v1/notifications/" + otherOldRead + "/read", elsewhere.token(), "").expect(200);
        createdDaysAgo(other, otherOldRead, (int) retentionDays + 5);

        assertThat(purge.purgeRead(Instant.now())).isGreaterThanOrEqualTo(2);

        assertThat(titles(org, counselor)).containsExactlyInAnyOrder("Old and unread", "Recent and read", "New");
        assertThat(titles(other, elsewhere)).isEmpty();
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(db.selectOne().from("notifications")
                .where("organization_id = ? and id = ?", org.id(), oldRead)))).isZero();
    }

    @Test
    void theRetentionIsConfigurableAndThePurgeRunsAsAJobOnceAcrossServers() {
        assertThat(properties.readRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(properties.purgeInterval()).isPositive();
        List<String> tasks = db.fetch("select task_name from scheduled_tasks where task_name = 'notification-purge'")
                .getValues(0, String.class);
        assertThat(tasks).containsExactly("notification-purge");
    }
}

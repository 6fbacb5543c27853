package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.CrmApplication;
import com.educonsult.crm.platform.live.LiveEvent;
import com.educonsult.crm.platform.live.LiveEvents;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.EventStreamClient;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Live events reach the streams of every server process on the database, and only users who may see them. */
class LiveEventsTests extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static ConfigurableApplicationContext secondServer;

    @Autowired
    private LiveEvents liveEvents;

    @Autowired
    private HikariDataSource dataSource;

    @AfterAll
    static void stopSecondServer() {
        if (secondServer != null) {
            secondServer.close();
        }
    }

    @Test
    void anEventPublishedOnOneServerArrivesOnAStreamOfAnother() throws Exception {
        Org org = registerOrganization();
        String secondBaseUrl = secondServerUrl();

        try (var stream = new EventStreamClient(secondBaseUrl + "/api/v1/events/stream", org.adminToken())) {
            assertThat(stream.next("ready", WAIT)).isNotNull();
            UUID leadId = UUID.randomUUID();
            publish(org, "lead.created", null, Map.of("id", leadId.toString(), "first_name", "Riya"));

            var event = stream.next("lead.created", WAIT);

            assertThat(event).isNotNull();
            assertThat(event.data()).contains(leadId.toString(), "Riya");
        }
    }

    @Test
    void anAgentReceivesOnlyEventsOfLeadsAssignedToThem() throws Exception {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        try (var stream = new EventStreamClient(api.baseUrl() + "/api/v1/events/stream", agent.token())) {
            assertThat(stream.next("ready", WAIT)).isNotNull();
            publish(org, "lead.assigned", UUID.randomUUID(), Map.of("id", "someone-elses"));
            publish(org, "lead.assigned", agent.id(), Map.of("id", "mine"));

            var event = stream.next("lead.assigned", WAIT);

            assertThat(event.data()).contains("mine");
        }
    }

    @Test
    void aLeadCreatedThroughOneServerIsAnnouncedOnTheStreamOfAnother() throws Exception {
        Org org = registerOrganization();
        String secondBaseUrl = secondServerUrl();

        try (var stream = new EventStreamClient(secondBaseUrl + "/api/v1/events/stream", org.adminToken())) {
            assertThat(stream.next("ready", WAIT)).isNotNull();
            String leadId = api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Across", "last_name", "Nodes"))
                    .expect(201).data().get("id").asString();

            var event = stream.next("lead.created", WAIT);

            assertThat(event).isNotNull();
            assertThat(event.data()).contains(leadId, "Across Nodes");
        }
    }

    @Test
    void anotherOrganizationsEventsNeverArrive() throws Exception {
        Org org = registerOrganization();
        Org other = registerOrganization();

        try (var stream = new EventStreamClient(api.baseUrl() + "/api/v1/events/stream", org.adminToken())) {
            assertThat(stream.next("ready", WAIT)).isNotNull();
            publish(other, "lead.created", null, Map.of("id", "theirs"));
            publish(org, "lead.created", null, Map.of("id", "ours"));

            assertThat(stream.next("lead.created", WAIT).data()).contains("ours");
        }
    }

    @Test
    void anEventOfARolledBackChangeIsNeverSent() throws Exception {
        Org org = registerOrganization();

        try (var stream = new EventStreamClient(api.baseUrl() + "/api/v1/events/stream", org.adminToken())) {
            assertThat(stream.next("ready", WAIT)).isNotNull();
            try {
                tenancy.runAs(org.id(), () -> {
                    liveEvents.publish(event(org, "lead.created", null, Map.of("id", "rolled-back")));
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // the change and its event are gone together
            }
            publish(org, "lead.created", null, Map.of("id", "committed"));

            assertThat(stream.next("lead.created", WAIT).data()).contains("committed");
        }
    }

    @Test
    void theStreamNeedsCredentials() {
        api.get("/api/v1/events/stream", null).expect(401);
    }

    private void publish(Org org, String type, UUID assignedTo, Map<String, Object> data) {
        tenancy.runAs(org.id(), () -> liveEvents.publish(event(org, type, assignedTo, data)));
    }

    private static LiveEvent event(Org org, String type, UUID assignedTo, Map<String, Object> data) {
        return new LiveEvent(org.id(), type, "leads:read", new LiveEvent.Audience(assignedTo, null), data);
    }

    private String secondServerUrl() {
        if (secondServer == null) {
            secondServer = new SpringApplicationBuilder(CrmApplication.class).run(
                    "--server.port=0",
                    "--logging.level.root=WARN",
                    "--crm.demo-data=false",
                    "--crm.database.url=" + dataSource.getJdbcUrl(),
                    "--crm.database.username=" + dataSource.getUsername(),
                    "--crm.database.migration-username=postgres",
                    "--crm.identity.jwt-secret=dGVzdC1zaWduaW5nLWtleS10ZXN0LXNpZ25pbmcta2V5LXRlc3Qtc2lnbmluZy1rZXk=");
        }
        return "http://localhost:" + secondServer.getEnvironment().getProperty("local.server.port");
    }
}

package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.cache.TableCache;
import com.educonsult.crm.platform.db.NotificationListener;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each server keeps the organizations' pipelines; a change made through one server is read afresh by the next
 * request on every other. The other server here is what a second process would have: its own caches and its own
 * listening connection to the same database.
 */
class PipelineCacheTests extends LeadApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private HikariDataSource dataSource;

    private SharedCaches otherServer;
    private NotificationListener otherServersListener;
    private TableCache<String, List<LeadStatus>> otherServersPipelines;

    @BeforeEach
    void startOtherServersCaches() {
        otherServer = new SharedCaches();
        otherServersPipelines = LeadStatuses.pipelineCache(otherServer);
        otherServersListener = new NotificationListener(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword(), List.of(otherServer));
        otherServersListener.start();
        assertThat(within(WAIT, otherServer::isListening)).as("the other server listens").isTrue();
    }

    @AfterEach
    void stopOtherServersListener() {
        otherServersListener.close();
    }

    @Test
    void aPipelineChangedThroughOneServerIsReadAfreshByAnother() {
        Org org = registerOrganization();
        List<LeadStatus> cached = otherServersPipelines.get(org.id(), "pipeline", List::of);
        assertThat(otherServersPipelines.get(org.id(), "pipeline", () -> null)).as("kept").isSameAs(cached);

        api.patch("/api/v1/lead-statuses/" + statusId(org, "new"), org.adminToken(), Map.of("name", "Fresh"))
                .expect(200);

        assertThat(within(WAIT, () -> otherServersPipelines.get(org.id(), "pipeline", () -> null) == null))
                .as("the other server dropped the pipeline it kept").isTrue();
    }

    @Test
    void aChangeOfAnotherOrganizationKeepsThePipeline() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        List<LeadStatus> cached = otherServersPipelines.get(org.id(), "pipeline", List::of);
        otherServersPipelines.get(other.id(), "pipeline", List::of);

        api.patch("/api/v1/lead-statuses/" + statusId(other, "new"), other.adminToken(), Map.of("name", "Fresh"))
                .expect(200);
        assertThat(within(WAIT, () -> otherServersPipelines.get(other.id(), "pipeline", () -> null) == null)).isTrue();

        assertThat(otherServersPipelines.get(org.id(), "pipeline", () -> null)).isSameAs(cached);
    }

    @Test
    void theServerThatMadeTheChangeAnswersWithItAtOnce() {
        Org org = registerOrganization();
        api.get("/api/v1/lead-statuses", org.adminToken()).expect(200);

        api.patch("/api/v1/lead-statuses/" + statusId(org, "new"), org.adminToken(), Map.of("name", "Fresh"))
                .expect(200);

        assertThat(api.get("/api/v1/lead-statuses", org.adminToken()).expect(200).data().toString()).contains("Fresh");
    }

    private static boolean within(Duration wait, BooleanSupplier condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}

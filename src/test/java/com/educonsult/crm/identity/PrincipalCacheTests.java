package com.educonsult.crm.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.db.NotificationListener;
import com.educonsult.crm.support.ApiTest;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A server keeps the principal of a session it has seen; a revoked session, a deactivated user or a changed role
 * is read afresh at the next request on every server. The other server here is what a second process would have:
 * its own caches and its own listening connection to the same database.
 */
class PrincipalCacheTests extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    private HikariDataSource dataSource;

    private SharedCaches otherServer;
    private NotificationListener otherServersListener;
    private Principals otherServersPrincipals;
    private final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void startOtherServersCaches() {
        otherServer = new SharedCaches();
        otherServersPrincipals = new Principals(db, otherServer);
        otherServersListener = new NotificationListener(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword(), List.of(otherServer));
        otherServersListener.start();
        assertThat(within(otherServer::isListening)).as("the other server listens").isTrue();
    }

    @AfterEach
    void stopOtherServersListener() {
        otherServersListener.close();
    }

    @Test
    void aSessionRevokedThroughOneServerIsRefusedByAnother() {
        Org org = registerOrganization();
        Session session = logIn(org, org.adminEmail(), org.adminId());
        assertThat(session.principalOnOtherServer()).isPresent();
        assertThat(session.principalOnOtherServer()).isPresent();
        assertThat(reads).as("read once, then kept").hasValue(1);

        api.delete("/api/v1/users/sessions/" + session.id() + "/revoke", org.adminToken()).expect(200);

        assertThat(within(() -> session.principalOnOtherServer().isEmpty())).isTrue();
    }

    @Test
    void aDeactivatedUserIsRefusedByAnotherServer() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        Session session = logIn(org, agent.email(), agent.id());
        assertThat(session.principalOnOtherServer()).isPresent();

        api.patch("/api/v1/admin/users/" + agent.id(), org.adminToken(), Map.of("active", false)).expect(200);

        assertThat(within(() -> session.principalOnOtherServer().isEmpty())).isTrue();
    }

    @Test
    void aPermissionTakenFromARoleIsGoneOnAnotherServer() {
        Org org = registerOrganization();
        JsonNode role = api.post("/api/v1/admin/roles", org.adminToken(), Map.of("code", "reader", "name", "Reader",
                "data_scope", "all", "permissions", List.of("leads:read", "leads:write"))).expect(201).data();
        TestUser reader = userWithRole(org, "reader");
        Session session = logIn(org, reader.email(), reader.id());
        assertThat(session.principalOnOtherServer().orElseThrow().can("leads:write")).isTrue();

        api.patch("/api/v1/admin/roles/" + role.get("id").asString(), org.adminToken(),
                Map.of("permissions", List.of("leads:read"))).expect(200);

        assertThat(within(() -> !session.principalOnOtherServer().orElseThrow().can("leads:write"))).isTrue();
    }

    @Test
    void aChangeOfAnotherOrganizationsRolesKeepsThePrincipal() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        Session session = logIn(org, org.adminEmail(), org.adminId());
        Session othersSession = logIn(other, other.adminEmail(), other.adminId());
        session.principalOnOtherServer();
        othersSession.principalOnOtherServer();

        api.delete("/api/v1/users/sessions/" + othersSession.id() + "/revoke", other.adminToken()).expect(200);
        assertThat(within(() -> othersSession.principalOnOtherServer().isEmpty())).isTrue();
        int readsBefore = reads.get();

        assertThat(session.principalOnOtherServer()).isPresent();
        assertThat(reads).hasValue(readsBefore);
    }

    /** A session of the user, and its principal as the other server's credential check finds it. */
    private record Session(UUID id, Supplier<Optional<com.educonsult.crm.platform.security.CurrentUser>> check) {
        Optional<com.educonsult.crm.platform.security.CurrentUser> principalOnOtherServer() {
            return check.get();
        }
    }

    private Session logIn(Org org, String email, UUID userId) {
        UUID sessionId = UUID.fromString(login(org.slug(), email, PASSWORD).expect(200).data().get("session_id").asString());
        return new Session(sessionId, () -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return otherServersPrincipals.forSession(org.id(), userId, sessionId, null, now, () -> {
                reads.incrementAndGet();
                return tenancy.callAs(org.id(),
                        () -> otherServersPrincipals.loadForSession(org.id(), userId, sessionId, null, now));
            });
        });
    }

    private static boolean within(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
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

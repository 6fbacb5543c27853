package com.educonsult.crm.integrations;

import static com.educonsult.crm.jooq.Tables.INTEGRATION_CONNECTIONS;

import com.educonsult.crm.jooq.tables.records.IntegrationConnectionsRecord;
import com.educonsult.crm.platform.TenantContext;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.secrets.SecretBox;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's integrations: for each type whether it is connected, failing or disconnected, its
 * credentials (sealed; handed only to the code that calls the provider, never to a client or a log), its
 * settings, and when it last worked or failed. Callers run inside a transaction of the organization, except
 * where a method says otherwise.
 */
@Service
public class IntegrationRegistry {

    /** Activity is written at most this often per integration, so a stream of leads does not write it each time. */
    static final Duration ACTIVITY_RESOLUTION = Duration.ofMinutes(1);
    private static final TypeReference<Map<String, String>> CREDENTIALS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
    };

    @Schema(name = "Integration", description = "One integration type of the organization; credentials are never "
            + "returned, only the names of those stored")
    public record IntegrationStatus(
            @Schema(allowableValues = {"facebook", "instagram", "website_forms", "google_ads", "email", "sms",
                    "whatsapp", "push", "payments"}) String type,
            String label,
            @Schema(allowableValues = {"connected", "error", "disconnected"}) String status,
            OffsetDateTime connectedAt, UUID connectedBy, OffsetDateTime lastActivityAt, String lastError,
            OffsetDateTime lastErrorAt, @Schema(description = "Names of the credentials stored") List<String>
            credentialNames, Map<String, Object> settings, @Schema(description = "Whether POST .../test can try "
                    + "this type's connection") boolean testable) {
    }

    private final DSLContext db;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Map<IntegrationType, IntegrationTester> testers;
    private final Clock clock;
    private final OwnTransaction ownTransaction;

    IntegrationRegistry(DSLContext db, SecretBox secrets, JsonMapper json, AuditTrail audit,
            ApplicationEventPublisher events, List<IntegrationTester> testers, Clock clock,
            OwnTransaction ownTransaction) {
        this.db = db;
        this.secrets = secrets;
        this.json = json;
        this.audit = audit;
        this.events = events;
        this.testers = testers.stream().collect(Collectors.toMap(IntegrationTester::type, Function.identity()));
        this.clock = clock;
        this.ownTransaction = ownTransaction;
    }

    /** Every type, connected or not, in the order of {@link IntegrationType}. */
    @Transactional(readOnly = true)
    public List<IntegrationStatus> list() {
        Map<String, IntegrationConnectionsRecord> stored = db.selectFrom(INTEGRATION_CONNECTIONS)
                .fetchMap(INTEGRATION_CONNECTIONS.TYPE);
        return Arrays.stream(IntegrationType.values()).map(type -> view(type, stored.get(type.code()))).toList();
    }

    @Transactional(readOnly = true)
    public IntegrationStatus get(IntegrationType type) {
        return view(type, row(type).orElse(null));
    }

    /**
     * Stores the type's credentials (sealed) and settings and marks it connected; an earlier connection's
     * credentials are replaced. The audit entry names the credentials, never their values.
     */
    @Transactional
    public IntegrationStatus connect(CurrentUser user, IntegrationType type, Map<String, String> credentials,
            Map<String, Object> settings) {
        IntegrationStatus before = get(type);
        OffsetDateTime now = now();
        String sealed = secrets.seal(json.writeValueAsString(new TreeMap<>(credentials)));
        JSONB settingsJson = JSONB.valueOf(json.writeValueAsString(settings == null ? Map.of() : settings));
        db.insertInto(INTEGRATION_CONNECTIONS)
                .set(INTEGRATION_CONNECTIONS.ORGANIZATION_ID, user.organizationId())
                .set(INTEGRATION_CONNECTIONS.TYPE, type.code())
                .set(INTEGRATION_CONNECTIONS.STATUS, "connected")
                .set(INTEGRATION_CONNECTIONS.CREDENTIALS, sealed)
                .set(INTEGRATION_CONNECTIONS.SETTINGS, settingsJson)
                .set(INTEGRATION_CONNECTIONS.CONNECTED_BY, user.userId())
                .set(INTEGRATION_CONNECTIONS.CONNECTED_AT, now)
                .set(INTEGRATION_CONNECTIONS.UPDATED_AT, now)
                .onConflict(INTEGRATION_CONNECTIONS.ORGANIZATION_ID, INTEGRATION_CONNECTIONS.TYPE).doUpdate()
                .set(INTEGRATION_CONNECTIONS.STATUS, "connected")
                .set(INTEGRATION_CONNECTIONS.CREDENTIALS, sealed)
                .set(INTEGRATION_CONNECTIONS.SETTINGS, settingsJson)
                .set(INTEGRATION_CONNECTIONS.CONNECTED_BY, user.userId())
                .set(INTEGRATION_CONNECTIONS.CONNECTED_AT, now)
                .setNull(INTEGRATION_CONNECTIONS.LAST_ERROR)
                .setNull(INTEGRATION_CONNECTIONS.LAST_ERROR_AT)
                .set(INTEGRATION_CONNECTIONS.UPDATED_AT, now)
                .execute();
        events.publishEvent(new IntegrationEvents.IntegrationConnected(user.organizationId(), type, user.userId()));
        IntegrationStatus after = get(type);
        audit.record("integration.connected", "integration", type.code(), before, after);
        return after;
    }

    /** Forgets the type's credentials and marks it disconnected; those who hang on it hear of it by an event. */
    @Transactional
    public IntegrationStatus disconnect(CurrentUser user, IntegrationType type) {
        IntegrationStatus before = get(type);
        db.update(INTEGRATION_CONNECTIONS)
                .set(INTEGRATION_CONNECTIONS.STATUS, "disconnected")
                .setNull(INTEGRATION_CONNECTIONS.CREDENTIALS)
                .setNull(INTEGRATION_CONNECTIONS.CONNECTED_AT)
                .setNull(INTEGRATION_CONNECTIONS.CONNECTED_BY)
                .set(INTEGRATION_CONNECTIONS.UPDATED_AT, now())
                .where(INTEGRATION_CONNECTIONS.TYPE.eq(type.code()))
                .execute();
        events.publishEvent(new IntegrationEvents.IntegrationDisconnected(user.organizationId(), type, user.userId()));
        IntegrationStatus after = get(type);
        audit.record("integration.disconnected", "integration", type.code(), before, after);
        return after;
    }

    /**
     * Tries the connection by the type's tester and records the outcome as activity or as the last error:
     * 422 naming {@code type} when the type has no test, or is not connected.
     */
    public IntegrationTester.Outcome test(CurrentUser user, IntegrationType type) {
        IntegrationTester tester = testers.get(type);
        if (tester == null) {
            throw ApiException.invalid("type", type.label() + " has no connection test");
        }
        IntegrationConnectionsRecord row = ownTransaction.callAs(user.organizationId(), () -> row(type).orElse(null));
        if (row == null || row.getCredentials() == null) {
            throw ApiException.invalid("type", type.label() + " is not connected: connect it first");
        }
        IntegrationTester.Outcome outcome = tester.test(user.organizationId(), open(row.getCredentials()),
                settingsOf(row));
        if (outcome.ok()) {
            ownTransaction.runAs(user.organizationId(), () -> markActive(type, now()));
        } else {
            failed(user.organizationId(), type, outcome.message());
        }
        return outcome;
    }

    /** The type's credentials, opened, when it is connected. */
    @Transactional(readOnly = true)
    public Optional<Map<String, String>> credentials(IntegrationType type) {
        return row(type).filter(r -> r.getCredentials() != null).map(r -> open(r.getCredentials()));
    }

    @Transactional(readOnly = true)
    public Map<String, Object> settings(IntegrationType type) {
        return row(type).map(this::settingsOf).orElse(Map.of());
    }

    /**
     * Notes that the type worked just now (a delivery processed, a call answered): an error state clears. The
     * row is registered as connected if there was none, for types connected by their own flow (forms).
     */
    @Transactional
    public void active(IntegrationType type) {
        markActive(type, now());
    }

    /** Notes the type's failure, in a transaction of its own so that it stays when the failed work rolls back. */
    public void failed(UUID organizationId, IntegrationType type, String error) {
        ownTransaction.runAs(organizationId, () -> {
            OffsetDateTime now = now();
            String reason = Redaction.redact(error == null ? "failed" : error);
            db.insertInto(INTEGRATION_CONNECTIONS)
                    .set(INTEGRATION_CONNECTIONS.ORGANIZATION_ID, organizationId)
                    .set(INTEGRATION_CONNECTIONS.TYPE, type.code())
                    .set(INTEGRATION_CONNECTIONS.STATUS, "error")
                    .set(INTEGRATION_CONNECTIONS.LAST_ERROR, reason)
                    .set(INTEGRATION_CONNECTIONS.LAST_ERROR_AT, now)
                    .set(INTEGRATION_CONNECTIONS.UPDATED_AT, now)
                    .onConflict(INTEGRATION_CONNECTIONS.ORGANIZATION_ID, INTEGRATION_CONNECTIONS.TYPE).doUpdate()
                    .set(INTEGRATION_CONNECTIONS.STATUS, "error")
                    .set(INTEGRATION_CONNECTIONS.LAST_ERROR, reason)
                    .set(INTEGRATION_CONNECTIONS.LAST_ERROR_AT, now)
                    .set(INTEGRATION_CONNECTIONS.UPDATED_AT, now)
                    .execute();
        });
    }

    /** Seals again, with the current key, the organization's credentials sealed with an older one; answers how many. */
    @Transactional
    public int resealWithCurrentKey() {
        int resealed = 0;
        for (IntegrationConnectionsRecord row : db.selectFrom(INTEGRATION_CONNECTIONS)
                .where(INTEGRATION_CONNECTIONS.CREDENTIALS.isNotNull()).forUpdate().fetch()) {
            if (secrets.sealedWithOlderKey(row.getCredentials())) {
                db.update(INTEGRATION_CONNECTIONS)
                        .set(INTEGRATION_CONNECTIONS.CREDENTIALS, secrets.reseal(row.getCredentials()))
                        .where(INTEGRATION_CONNECTIONS.TYPE.eq(row.getType()))
                        .execute();
                resealed++;
            }
        }
        return resealed;
    }

    private void markActive(IntegrationType type, OffsetDateTime now) {
        db.insertInto(INTEGRATION_CONNECTIONS)
                .set(INTEGRATION_CONNECTIONS.ORGANIZATION_ID, TenantContext.require())
                .set(INTEGRATION_CONNECTIONS.TYPE, type.code())
                .set(INTEGRATION_CONNECTIONS.STATUS, "connected")
                .set(INTEGRATION_CONNECTIONS.LAST_ACTIVITY_AT, now)
                .set(INTEGRATION_CONNECTIONS.UPDATED_AT, now)
                .onConflict(INTEGRATION_CONNECTIONS.ORGANIZATION_ID, INTEGRATION_CONNECTIONS.TYPE).doUpdate()
                .set(INTEGRATION_CONNECTIONS.STATUS, "connected")
                .set(INTEGRATION_CONNECTIONS.LAST_ACTIVITY_AT, now)
                .set(INTEGRATION_CONNECTIONS.UPDATED_AT, now)
                .where(INTEGRATION_CONNECTIONS.LAST_ACTIVITY_AT.isNull()
                        .or(INTEGRATION_CONNECTIONS.LAST_ACTIVITY_AT.lt(now.minus(ACTIVITY_RESOLUTION)))
                        .or(INTEGRATION_CONNECTIONS.STATUS.ne("connected")))
                .execute();
    }

    private Optional<IntegrationConnectionsRecord> row(IntegrationType type) {
        return db.selectFrom(INTEGRATION_CONNECTIONS).where(INTEGRATION_CONNECTIONS.TYPE.eq(type.code()))
                .fetchOptional();
    }

    private Map<String, String> open(String sealed) {
        return json.readValue(secrets.open(sealed), CREDENTIALS);
    }

    private Map<String, Object> settingsOf(IntegrationConnectionsRecord row) {
        return row.getSettings() == null ? Map.of() : json.readValue(row.getSettings().data(), SETTINGS);
    }

    private IntegrationStatus view(IntegrationType type, IntegrationConnectionsRecord row) {
        if (row == null) {
            return new IntegrationStatus(type.code(), type.label(), "disconnected", null, null, null, null, null,
                    List.of(), Map.of(), testers.containsKey(type));
        }
        List<String> names = row.getCredentials() == null ? List.of() : List.copyOf(open(row.getCredentials()).keySet());
        return new IntegrationStatus(type.code(), type.label(), row.getStatus(), row.getConnectedAt(),
                row.getConnectedBy(), row.getLastActivityAt(), row.getLastError(), row.getLastErrorAt(), names,
                new LinkedHashMap<>(settingsOf(row)), testers.containsKey(type));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

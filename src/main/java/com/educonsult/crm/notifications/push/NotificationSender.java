package com.educonsult.crm.notifications.push;

import static com.educonsult.crm.jooq.Tables.NOTIFICATIONS;
import static com.educonsult.crm.jooq.Tables.NOTIFICATION_DELIVERIES;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserReach;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.notifications.NotificationProperties;
import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.messages.MessageGateway;
import com.educonsult.crm.platform.web.ProviderHttp;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the due pushes and emails of notifications, organization by organization. Pushes go through FCM with the
 * organization's own push integration, else the server's service account; with neither, what would be sent is
 * recorded on the delivery for administrators to see. Emails go through the message gateway. A failed attempt is
 * tried again later (30 s, then three times longer each time, or when the provider asks), until the last one:
 * then the delivery is dead.
 */
@Component
class NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    /** Passes of one organization in one run, so that one organization cannot hold the job. */
    static final int MAX_PASSES_PER_RUN = 20;

    /** A delivery claimed for sending, with its notification. */
    record Claimed(UUID organizationId, UUID id, UUID notificationId, UUID userId, String channel, int attempts,
            String kind, String title, String body, String priority, String actionUrl, String entityType,
            UUID entityId) {
    }

    /** The result of one attempt. */
    record Attempt(String status, String error, String payload, Duration retryAfter) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final UserReach reach;
    private final UserDirectory users;
    private final IntegrationRegistry registry;
    private final IntegrationLog integrationLog;
    private final MessageGateway messages;
    private final FcmAccessTokens accessTokens;
    private final NotificationProperties properties;
    private final PublicUrl publicUrl;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private volatile ServerAccount serverAccount;

    /** The server's own service account, read once from the configuration (or its failure to read). */
    private record ServerAccount(ServiceAccount account, String problem) {
    }

    NotificationSender(DSLContext db, Tenancy tenancy, UserReach reach, UserDirectory users,
            IntegrationRegistry registry, IntegrationLog integrationLog, MessageGateway messages,
            FcmAccessTokens accessTokens, NotificationProperties properties, PublicUrl publicUrl, JsonMapper json,
            Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.reach = reach;
        this.users = users;
        this.registry = registry;
        this.integrationLog = integrationLog;
        this.messages = messages;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
        this.http = ProviderHttp.client(properties.fcm().connectTimeout());
    }

    /** Organizations with deliveries due now, the longest waiting first. */
    List<UUID> dueOrganizations(int cap) {
        return db.fetch("select notification_due_organizations(cast(? as timestamptz), ?)", now(), cap)
                .getValues(0, UUID.class);
    }

    /** Sends the organization's due deliveries, batch by batch; answers how many were attempted. */
    int sendDue(UUID organizationId) {
        int attempted = 0;
        try {
            for (int pass = 0; pass < MAX_PASSES_PER_RUN; pass++) {
                List<Claimed> batch = tenancy.callAs(organizationId, () -> claim(organizationId, null));
                for (Claimed delivery : batch) {
                    record(delivery, attempt(delivery));
                }
                attempted += batch.size();
                if (batch.size() < properties.batchSize()) {
                    break;
                }
            }
        } finally {
            tenancy.runAs(organizationId, () -> db.execute("select notification_delivery_reschedule()"));
        }
        return attempted;
    }

    /**
     * Sends one delivery now, whatever its state (an administrator's retry of a dead one); answers false when it
     * does not exist or another server is sending it at this moment.
     */
    boolean sendNow(UUID organizationId, UUID deliveryId) {
        List<Claimed> claimed = tenancy.callAs(organizationId, () -> claim(organizationId, deliveryId));
        if (claimed.isEmpty()) {
            return false;
        }
        record(claimed.getFirst(), attempt(claimed.getFirst()));
        tenancy.runAs(organizationId, () -> db.execute("select notification_delivery_reschedule()"));
        return true;
    }

    /** Claims the due deliveries (or the one given) and leases them for the time of a send. */
    private List<Claimed> claim(UUID organizationId, UUID deliveryId) {
        OffsetDateTime now = now();
        var d = NOTIFICATION_DELIVERIES;
        var n = NOTIFICATIONS;
        var which = deliveryId != null ? d.ID.eq(deliveryId)
                : d.STATUS.in("pending", "failed").and(d.NEXT_ATTEMPT_AT.le(now));
        List<Claimed> claimed = db.select(d.ID, d.NOTIFICATION_ID, d.USER_ID, d.CHANNEL, d.ATTEMPTS, n.KIND, n.TITLE,
                        n.BODY, n.PRIORITY, n.ACTION_URL, n.ENTITY_TYPE, n.ENTITY_ID)
                .from(d).join(n).on(n.ORGANIZATION_ID.eq(d.ORGANIZATION_ID), n.ID.eq(d.NOTIFICATION_ID))
                .where(d.ORGANIZATION_ID.eq(organizationId), which)
                .orderBy(d.NEXT_ATTEMPT_AT)
                .limit(deliveryId != null ? 1 : properties.batchSize())
                .forUpdate().of(d).skipLocked()
                .fetch(r -> new Claimed(organizationId, r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12()));
        if (!claimed.isEmpty()) {
            db.update(d).set(d.NEXT_ATTEMPT_AT, now.plus(lease())).set(d.UPDATED_AT, now)
                    .where(d.ORGANIZATION_ID.eq(organizationId), d.ID.in(claimed.stream().map(Claimed::id).toList()))
                    .execute();
        }
        return claimed;
    }

    private Duration lease() {
        return properties.fcm().connectTimeout().plus(properties.fcm().readTimeout()).multipliedBy(3).plusSeconds(30);
    }

    private Attempt attempt(Claimed delivery) {
        try {
            return "push".equals(delivery.channel()) ? push(delivery) : email(delivery);
        } catch (RuntimeException e) {
            log.warn("Sending notification delivery {} failed", delivery.id(), e);
            return new Attempt("failed", e.getClass().getSimpleName() + ": " + e.getMessage(), null, null);
        }
    }

    private Attempt push(Claimed delivery) {
        UUID org = delivery.organizationId();
        String token = tenancy.callAs(org, () -> reach.pushTokens(org, List.of(delivery.userId()))
                .get(delivery.userId()));
        if (token == null) {
            return new Attempt("skipped", "The user has no phone registered for push notifications", null, null);
        }
        PushMessage message = message(delivery);
        Optional<ServiceAccount> account;
        try {
            account = account(org);
        } catch (IllegalArgumentException e) {
            return new Attempt("failed", "The push credentials cannot be used: " + e.getMessage(), null, null);
        }
        if (account.isEmpty()) {
            return new Attempt("recorded", null, json.writeValueAsString(Map.of("to", masked(token),
                    "title", message.title(), "body", message.body() == null ? "" : message.body(),
                    "data", message.data())), null);
        }
        FcmClient client = new FcmClient(account.get(), properties.fcm().url(), http, properties.fcm().readTimeout(),
                accessTokens, integrationLog, json, clock);
        String payload = client.body(masked(token), message);
        PushOutcome outcome = client.send(org, token, message);
        return switch (outcome.result()) {
            case SENT -> new Attempt("sent", null, payload, null);
            case TOKEN_GONE -> {
                tenancy.runAs(org, () -> reach.forgetPushToken(org, delivery.userId(), token));
                yield new Attempt("skipped", outcome.error() + " (the phone's token was removed)", payload, null);
            }
            case RETRY -> new Attempt("failed", outcome.error(), payload, outcome.retryAfter());
            case REJECTED -> new Attempt("dead", outcome.error(), payload, null);
        };
    }

    private Attempt email(Claimed delivery) {
        UUID org = delivery.organizationId();
        UserSummary user = tenancy.callAs(org, () -> users.find(org, delivery.userId()).orElse(null));
        if (user == null || user.email() == null || !user.active()) {
            return new Attempt("skipped", "The user has no email address or is no longer active", null, null);
        }
        StringBuilder text = new StringBuilder();
        if (delivery.body() != null) {
            text.append(delivery.body()).append("\n\n");
        }
        if (delivery.actionUrl() != null) {
            text.append("Open: ").append(delivery.actionUrl().startsWith("/") ? publicUrl.of(delivery.actionUrl())
                    : delivery.actionUrl()).append("\n\n");
        }
        text.append("Choose which notifications reach you by email: ")
                .append(publicUrl.of("/notifications/preferences"));
        messages.send(org, MessageGateway.Channel.EMAIL, user.email(), delivery.title(), text.toString());
        return new Attempt("sent", null, "Subject: " + delivery.title() + "\n\n" + text, null);
    }

    /** Writes an attempt's result; a failed one is planned again, or dead after the last attempt. */
    private void record(Claimed delivery, Attempt attempt) {
        tenancy.runAs(delivery.organizationId(), () -> {
            OffsetDateTime now = now();
            int attempts = delivery.attempts() + 1;
            String status = attempt.status();
            OffsetDateTime next = null;
            if ("failed".equals(status)) {
                if (attempts >= properties.maxAttempts()) {
                    status = "dead";
                } else {
                    Duration backoff = backoff(attempts);
                    if (attempt.retryAfter() != null && attempt.retryAfter().compareTo(backoff) > 0) {
                        backoff = attempt.retryAfter();
                    }
                    next = now.plus(backoff);
                }
            }
            var d = NOTIFICATION_DELIVERIES;
            db.update(d).set(d.STATUS, status).set(d.ATTEMPTS, attempts).set(d.LAST_ATTEMPT_AT, now)
                    .set(d.LAST_ERROR, attempt.error()).set(d.NEXT_ATTEMPT_AT, next)
                    .set(d.PAYLOAD, attempt.payload() == null ? d.PAYLOAD : org.jooq.impl.DSL.val(attempt.payload()))
                    .set(d.UPDATED_AT, now)
                    .where(d.ORGANIZATION_ID.eq(delivery.organizationId()), d.ID.eq(delivery.id()))
                    .execute();
        });
    }

    /** The wait after the given number of failed attempts: the first delay, three times longer each time. */
    Duration backoff(int attemptsMade) {
        long millis = properties.firstRetryDelay().toMillis() * (long) Math.pow(3, Math.max(0, attemptsMade - 1));
        return Duration.ofMillis(Math.min(millis, Duration.ofHours(6).toMillis()));
    }

    /** The organization's own service account when it connected push, else the server's; empty: record only. */
    private Optional<ServiceAccount> account(UUID organizationId) {
        Optional<Map<String, String>> own = tenancy.callAs(organizationId,
                () -> registry.credentials(IntegrationType.PUSH));
        if (own.isPresent() && own.get().get("service_account") != null) {
            return Optional.of(ServiceAccount.parse(own.get().get("service_account"), json));
        }
        ServerAccount server = serverAccount;
        if (server == null) {
            String configured = properties.fcm().credentials();
            if (configured == null || configured.isBlank()) {
                server = new ServerAccount(null, null);
            } else {
                try {
                    server = new ServerAccount(ServiceAccount.parse(configured, json), null);
                } catch (IllegalArgumentException e) {
                    server = new ServerAccount(null, e.getMessage());
                }
            }
            serverAccount = server;
        }
        if (server.problem() != null) {
            throw new IllegalArgumentException(server.problem());
        }
        return Optional.ofNullable(server.account());
    }

    /** What the phone shows and the data the app reads; every data value is a string. */
    static PushMessage message(Claimed delivery) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("notification_id", delivery.notificationId().toString());
        data.put("kind", delivery.kind());
        data.put("priority", delivery.priority());
        if (delivery.actionUrl() != null) {
            data.put("action_url", delivery.actionUrl());
        }
        if (delivery.entityType() != null) {
            data.put("entity_type", delivery.entityType());
        }
        if (delivery.entityId() != null) {
            data.put("entity_id", delivery.entityId().toString());
        }
        String body = delivery.body();
        if (body != null && body.length() > 1000) {
            body = body.substring(0, 997) + "...";
        }
        return new PushMessage(delivery.title(), body, delivery.priority(), data);
    }

    /** A token shown to administrators: its last characters only. */
    static String masked(String token) {
        return token.length() <= 8 ? "…" : "…" + token.substring(token.length() - 6);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

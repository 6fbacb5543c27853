package com.educonsult.crm.integrations.webhooks;

import static com.educonsult.crm.jooq.Tables.WEBHOOK_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.WEBHOOK_ENDPOINTS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.messages.MessageGateway;
import com.educonsult.crm.platform.secrets.SecretBox;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends deliveries. A pass claims an organization's due deliveries ({@code for update skip locked}, so two servers
 * or a replay never send the same one at once) by moving their next attempt past a lease, commits, then posts each
 * to its endpoint with the Standard Webhooks headers (no redirect followed: a 3xx is a failure), logs the call in
 * the integration log, and records the outcome: succeeded; failed with the next attempt planned by
 * {@link RetrySchedule}; or dead once the retry window has passed. A server that stops mid-pass leaves the claimed
 * deliveries to be tried again when the lease ends. An endpoint failing for long enough is disabled and the
 * organization's admins are told by email.
 */
@Service
public class DeliverySender {

    /** The integration log's type code of outgoing webhooks. */
    public static final String LOG_TYPE = "webhooks";
    static final int RESPONSE_SNIPPET_BYTES = 2048;
    private static final int MAX_PASSES_PER_RUN = 20;
    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    /** A delivery claimed for sending, with its endpoint. */
    record Claimed(UUID organizationId, UUID id, UUID endpointId, String eventType, String payload, int attempts,
            OffsetDateTime createdAt, String url, String sealedSecret, boolean active) {
    }

    /** What one attempt came to. */
    record Attempt(boolean success, Integer statusCode, String error, String response, boolean skipped) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final TargetGuard guard;
    private final SecretBox secrets;
    private final IntegrationLog integrationLog;
    private final UserDirectory users;
    private final MessageGateway messages;
    private final AuditTrail audit;
    private final Subscriptions subscriptions;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient client;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    DeliverySender(DSLContext db, Tenancy tenancy, TargetGuard guard, SecretBox secrets, IntegrationLog integrationLog,
            UserDirectory users, MessageGateway messages, AuditTrail audit, Subscriptions subscriptions,
            WebhookProperties properties, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.guard = guard;
        this.secrets = secrets;
        this.integrationLog = integrationLog;
        this.users = users;
        this.messages = messages;
        this.audit = audit;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    /** Organizations with deliveries due now, the longest waiting first. */
    List<UUID> dueOrganizations(int cap) {
        return db.fetch("select webhook_due_organizations(cast(? as timestamptz), ?)", now(), cap).getValues(0, UUID.class);
    }

    /** Sends the organization's due deliveries, batch by batch; answers how many were attempted. */
    public int sendDue(UUID organizationId) {
        int attempted = 0;
        try {
            for (int pass = 0; pass < MAX_PASSES_PER_RUN; pass++) {
                List<Claimed> batch = tenancy.callAs(organizationId, () -> claim(organizationId, null));
                if (batch.isEmpty()) {
                    break;
                }
                sendAll(batch);
                attempted += batch.size();
                if (batch.size() < properties.batchSize()) {
                    break;
                }
            }
        } finally {
            tenancy.runAs(organizationId, () -> db.execute("select webhook_delivery_reschedule()"));
        }
        return attempted;
    }

    /**
     * Sends one delivery now, whatever its state (a replay, a test); answers false when it does not exist or
     * another server is sending it at this moment.
     */
    public boolean sendNow(UUID organizationId, UUID deliveryId) {
        List<Claimed> claimed = tenancy.callAs(organizationId, () -> claim(organizationId, deliveryId));
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed delivery = claimed.getFirst();
        record(delivery, attempt(delivery, true));
        tenancy.runAs(organizationId, () -> db.execute("select webhook_delivery_reschedule()"));
        return true;
    }

    private void sendAll(List<Claimed> batch) {
        if (batch.size() == 1) {
            send(batch.getFirst());
            return;
        }
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (Claimed delivery : batch) {
                sent.add(senders.submit(() -> send(delivery)));
            }
            for (Future<?> future : sent) {
                try {
                    future.get();
                } catch (Exception e) {
                    log.warn("Sending a webhook delivery failed", e);
                }
            }
        }
    }

    private void send(Claimed delivery) {
        record(delivery, attempt(delivery, false));
    }

    /** Claims the due deliveries (or the one given, due or not) and leases them for the time of a send. */
    private List<Claimed> claim(UUID organizationId, UUID deliveryId) {
        OffsetDateTime now = now();
        var d = WEBHOOK_DELIVERIES;
        var e = WEBHOOK_ENDPOINTS;
        var which = deliveryId != null ? d.ID.eq(deliveryId)
                : d.STATUS.in("pending", "failed").and(d.NEXT_ATTEMPT_AT.le(now));
        List<Claimed> claimed = db.select(d.ID, d.ENDPOINT_ID, d.EVENT_TYPE, d.PAYLOAD, d.ATTEMPTS, d.CREATED_AT,
                        e.URL, e.SECRET, e.ACTIVE)
                .from(d).join(e).on(e.ORGANIZATION_ID.eq(d.ORGANIZATION_ID), e.ID.eq(d.ENDPOINT_ID))
                .where(d.ORGANIZATION_ID.eq(organizationId), which)
                .orderBy(d.NEXT_ATTEMPT_AT)
                .limit(deliveryId != null ? 1 : properties.batchSize())
                .forUpdate().of(d).skipLocked()
                .fetch(r -> new Claimed(organizationId, r.get(d.ID), r.get(d.ENDPOINT_ID), r.get(d.EVENT_TYPE),
                        r.get(d.PAYLOAD), r.get(d.ATTEMPTS), r.get(d.CREATED_AT), r.get(e.URL), r.get(e.SECRET),
                        r.get(e.ACTIVE)));
        if (!claimed.isEmpty()) {
            db.update(d).set(d.NEXT_ATTEMPT_AT, now.plus(lease())).set(d.UPDATED_AT, now)
                    .where(d.ORGANIZATION_ID.eq(organizationId), d.ID.in(claimed.stream().map(Claimed::id).toList()))
                    .execute();
        }
        return claimed;
    }

    /** Long enough for any one send: connecting, waiting for the answer, reading its start. */
    private Duration lease() {
        return properties.connectTimeout().plus(properties.readTimeout()).multipliedBy(2).plusSeconds(30);
    }

    /** Posts the delivery to its endpoint; an inactive endpoint's deliveries are not sent unless forced. */
    Attempt attempt(Claimed delivery, boolean evenIfInactive) {
        if (!delivery.active() && !evenIfInactive) {
            return new Attempt(false, null, "Not sent: the webhook is deactivated", null, true);
        }
        IntegrationLog.Entry entry = new IntegrationLog.Entry(LOG_TYPE, IntegrationLog.Direction.OUTBOUND, true,
                delivery.url(), "POST", null, null, delivery.payload(), null, null, null, 0);
        long started = System.nanoTime();
        Attempt attempt;
        try {
            TargetGuard.Checked target = guard.check(delivery.url());
            attempt = post(target.uri(), delivery);
            entry = entry.answered(attempt.statusCode(), attempt.response(), millisSince(started));
            if (!attempt.success()) {
                entry = entry.failed(attempt.error());
            }
        } catch (TargetGuard.Refused refused) {
            attempt = new Attempt(false, null, "Refused: the URL " + refused.getMessage(), null, false);
            entry = entry.took(millisSince(started)).failed(attempt.error());
        } catch (HttpConnectTimeoutException timeout) {
            attempt = new Attempt(false, null, "Could not connect within "
                    + properties.connectTimeout().toSeconds() + " s", null, false);
            entry = entry.took(millisSince(started)).failed(attempt.error());
        } catch (HttpTimeoutException timeout) {
            attempt = new Attempt(false, null, "No answer within " + properties.readTimeout().toSeconds() + " s",
                    null, false);
            entry = entry.took(millisSince(started)).failed(attempt.error());
        } catch (ConnectException refused) {
            attempt = new Attempt(false, null, "Could not connect: the connection was refused", null, false);
            entry = entry.took(millisSince(started)).failed(attempt.error());
        } catch (IOException failed) {
            attempt = new Attempt(false, null, "The request failed: " + describe(failed), null, false);
            entry = entry.took(millisSince(started)).failed(attempt.error());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            attempt = new Attempt(false, null, "Interrupted while sending", null, false);
            entry = entry.took(millisSince(started)).failed(attempt.error());
        }
        try {
            integrationLog.record(delivery.organizationId(), entry);
        } catch (RuntimeException e) {
            log.warn("Could not log webhook delivery {}", delivery.id(), e);
        }
        return attempt;
    }

    private Attempt post(URI uri, Claimed delivery) throws IOException, InterruptedException {
        String id = delivery.id().toString();
        long timestamp = clock.instant().getEpochSecond();
        String signature = Signatures.sign(secrets.open(delivery.sealedSecret()), id, timestamp, delivery.payload());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "EduConsult-CRM-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String snippet = snippet(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Attempt(true, status, null, snippet, false);
        }
        String error = status >= 300 && status < 400
                ? "Answered " + status + " (a redirect" + response.headers().firstValue("location")
                        .map(location -> " to " + location).orElse("") + "); redirects are not followed"
                : "Answered " + status;
        return new Attempt(false, status, error, snippet, false);
    }

    /** The start of the answer's body, read for at most the read timeout; the rest is not read. */
    private String snippet(InputStream body) {
        Future<byte[]> read = readers.submit(() -> {
            try (body) {
                return body.readNBytes(RESPONSE_SNIPPET_BYTES);
            }
        });
        try {
            byte[] bytes = read.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            read.cancel(true);
            closeQuietly(body);
            return null;
        } catch (Exception e) {
            closeQuietly(body);
            return null;
        }
    }

    /** Stores the attempt's outcome and the endpoint's health, in a transaction of the delivery's organization. */
    void record(Claimed delivery, Attempt attempt) {
        tenancy.runAs(delivery.organizationId(), () -> {
            OffsetDateTime now = now();
            var d = WEBHOOK_DELIVERIES;
            var update = db.update(d).set(d.UPDATED_AT, now).set(d.LAST_ERROR, attempt.error());
            if (attempt.skipped()) {
                update.set(d.STATUS, "dead").setNull(d.NEXT_ATTEMPT_AT)
                        .where(d.ORGANIZATION_ID.eq(delivery.organizationId()), d.ID.eq(delivery.id())).execute();
                return;
            }
            int attempts = delivery.attempts() + 1;
            Optional<Instant> next = attempt.success() ? Optional.empty()
                    : RetrySchedule.next(delivery.createdAt().toInstant(), attempts, now.toInstant(),
                            properties.retryWindow(), () -> ThreadLocalRandom.current().nextDouble());
            String status = attempt.success() ? "succeeded" : next.isPresent() ? "failed" : "dead";
            update.set(d.STATUS, status)
                    .set(d.ATTEMPTS, attempts)
                    .set(d.NEXT_ATTEMPT_AT, next.map(t -> t.atOffset(ZoneOffset.UTC)).orElse(null))
                    .set(d.LAST_ATTEMPT_AT, now)
                    .set(d.LAST_STATUS_CODE, attempt.statusCode())
                    .set(d.LAST_RESPONSE, attempt.response())
                    .where(d.ORGANIZATION_ID.eq(delivery.organizationId()), d.ID.eq(delivery.id()))
                    .execute();
            health(delivery, attempt.success(), now);
        });
    }

    private void health(Claimed delivery, boolean success, OffsetDateTime now) {
        var e = WEBHOOK_ENDPOINTS;
        var where = e.ORGANIZATION_ID.eq(delivery.organizationId()).and(e.ID.eq(delivery.endpointId()));
        if (success) {
            db.update(e).set(e.CONSECUTIVE_FAILURES, 0).setNull(e.FAILING_SINCE).set(e.LAST_SUCCESS_AT, now)
                    .where(where).execute();
            return;
        }
        Record health = db.update(e)
                .set(e.CONSECUTIVE_FAILURES, e.CONSECUTIVE_FAILURES.plus(1))
                .set(e.FAILING_SINCE, org.jooq.impl.DSL.coalesce(e.FAILING_SINCE, org.jooq.impl.DSL.val(now)))
                .set(e.LAST_FAILURE_AT, now)
                .where(where)
                .returning(e.CONSECUTIVE_FAILURES, e.FAILING_SINCE, e.ACTIVE, e.URL)
                .fetchOne();
        if (health == null || !health.get(e.ACTIVE)) {
            return;
        }
        if (RetrySchedule.disables(health.get(e.CONSECUTIVE_FAILURES), health.get(e.FAILING_SINCE).toInstant(),
                now.toInstant(), properties.disableAfterFailures(), properties.disableAfterFailingFor())) {
            disable(delivery.organizationId(), delivery.endpointId(), health.get(e.URL),
                    health.get(e.CONSECUTIVE_FAILURES), health.get(e.FAILING_SINCE), now);
        }
    }

    private void disable(UUID organizationId, UUID endpointId, String url, int failures, OffsetDateTime since,
            OffsetDateTime now) {
        var e = WEBHOOK_ENDPOINTS;
        String reason = failures + " attempts in a row failed since " + since.withNano(0) + " with no success";
        subscriptions.changed(organizationId);
        int disabled = db.update(e).set(e.ACTIVE, false).set(e.DISABLED_REASON, reason).set(e.DISABLED_AT, now)
                .set(e.UPDATED_AT, now)
                .where(e.ORGANIZATION_ID.eq(organizationId), e.ID.eq(endpointId), e.ACTIVE.isTrue())
                .execute();
        if (disabled == 0) {
            return;
        }
        audit.recordBy(null, "webhook.disabled", "webhook", endpointId, Map.of("active", true),
                Map.of("active", false, "disabled_reason", reason));
        String subject = "A webhook was disabled: " + url;
        String body = "The webhook to " + url + " was disabled because it kept failing: " + reason + ".\n\n"
                + "No further events are sent to it. Check the receiver, then activate the webhook again in "
                + "Settings > Integrations > Webhooks, where its failed deliveries can also be replayed.";
        for (UserSummary admin : users.activeWithRoles(organizationId, List.of("admin"), null)) {
            if (admin.email() != null && !admin.email().isBlank()) {
                messages.send(organizationId, MessageGateway.Channel.EMAIL, admin.email(), subject, body);
            }
        }
        log.info("Disabled webhook {} of organization {}: {}", endpointId, organizationId, reason);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

package com.educonsult.crm.integrations;

import static com.educonsult.crm.jooq.Tables.WEBHOOK_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.WEBHOOK_ENDPOINTS;

import com.educonsult.crm.integrations.webhooks.DeliverySender;
import com.educonsult.crm.integrations.webhooks.Signatures;
import com.educonsult.crm.integrations.webhooks.Subscriptions;
import com.educonsult.crm.integrations.webhooks.TargetGuard;
import com.educonsult.crm.jooq.tables.records.WebhookDeliveriesRecord;
import com.educonsult.crm.jooq.tables.records.WebhookEndpointsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.Text;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.secrets.SecretBox;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's outgoing webhooks: endpoints (URL, events, active flag, a signing secret shown once), their
 * deliveries, and replaying or testing them. Used by the API and the console; callers pass the acting user, whose
 * organization every query is limited to (another organization's id is "not found").
 */
@Service
public class WebhookEndpoints {

    /** An organization keeps at most this many webhooks. */
    public static final int MAX_ENDPOINTS = 50;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Schema(name = "Webhook", description = "An outgoing webhook; its signing secret is never returned after it was "
            + "made or rotated")
    public record WebhookView(
            UUID id,
            String url,
            String description,
            @Schema(description = "The events sent to it") List<String> events,
            @Schema(description = "Whether events are sent to it") boolean active,
            @Schema(description = "active; failing (active, the last attempts failed); inactive (deactivated by "
                    + "an admin); disabled (deactivated because it kept failing)",
                    allowableValues = {"active", "failing", "inactive", "disabled"}) String status,
            @Schema(description = "Why it was disabled, when it was") String disabledReason,
            OffsetDateTime disabledAt,
            @Schema(description = "Attempts in a row that failed since the last success") int consecutiveFailures,
            OffsetDateTime failingSince,
            OffsetDateTime lastSuccessAt,
            OffsetDateTime lastFailureAt,
            UUID createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    @Schema(name = "WebhookWithSecret", description = "A webhook just made, or whose secret was just rotated, with "
            + "its signing secret: shown this once, store it now")
    public record WebhookSecret(WebhookView webhook,
            @Schema(description = "The Standard Webhooks signing secret, whsec_ followed by base64",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
    }

    @Schema(name = "WebhookDelivery", description = "One event's delivery to one webhook")
    public record DeliveryView(
            UUID id,
            UUID webhookId,
            String eventType,
            @Schema(description = "pending (not tried yet, or replayed); failed (the last attempt failed, another "
                    + "is planned at next_attempt_at); succeeded; dead (no attempt left)",
                    allowableValues = {"pending", "failed", "succeeded", "dead"}) String status,
            int attempts,
            @Schema(description = "The HTTP status of the last answer") Integer lastStatusCode,
            String lastError,
            OffsetDateTime lastAttemptAt,
            OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt) {
    }

    @Schema(name = "WebhookDeliveryDetail", description = "One delivery with the payload sent and the start of the "
            + "last answer")
    public record DeliveryDetail(
            UUID id,
            UUID webhookId,
            String eventType,
            @Schema(allowableValues = {"pending", "failed", "succeeded", "dead"}) String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            OffsetDateTime lastAttemptAt,
            OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt,
            @Schema(description = "The body sent: type, timestamp and data") Map<String, Object> payload,
            @Schema(description = "The first 2 KB of the last answer's body") String lastResponse) {
    }

    @Schema(name = "WebhookCreate", description = "A new outgoing webhook")
    public record Create(
            @Schema(description = "Where events are posted: an https URL on a public address",
                    example = "https://example.com/crm-events") @NotBlank @Size(max = 2000) String url,
            @Size(max = 500) String description,
            @ArraySchema(arraySchema = @Schema(description = "The events to send"), schema = @Schema(allowableValues = {
                    "lead.created", "lead.updated", "lead.status_changed", "lead.assigned", "note.created",
                    "task.created", "task.completed", "call.synced", "recording.uploaded"}))
            @NotNull @Size(max = 20) List<String> events,
            @Schema(description = "Whether events are sent to it; true when left out") Boolean active) {
    }

    @Schema(name = "WebhookUpdate", description = "A change of a webhook (JSON Merge Patch): absent fields stay as "
            + "they are; description null clears it; activating a disabled webhook clears its failures")
    public record Update(
            @Size(max = 2000) String url,
            @Size(max = 500) String description,
            @ArraySchema(schema = @Schema(allowableValues = {
                    "lead.created", "lead.updated", "lead.status_changed", "lead.assigned", "note.created",
                    "task.created", "task.completed", "call.synced", "recording.uploaded"}))
            @Size(max = 20) List<String> events,
            Boolean active) {
    }

    /** Filters of a webhook's deliveries; null means any. */
    public record DeliveryFilter(String status, String eventType) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final TargetGuard guard;
    private final SecretBox secrets;
    private final Subscriptions subscriptions;
    private final DeliverySender sender;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    WebhookEndpoints(DSLContext db, Tenancy tenancy, TargetGuard guard, SecretBox secrets,
            Subscriptions subscriptions, DeliverySender sender, AuditTrail audit, JsonMapper json, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.guard = guard;
        this.secrets = secrets;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<WebhookView> list(CurrentUser user) {
        return db.selectFrom(WEBHOOK_ENDPOINTS).where(WEBHOOK_ENDPOINTS.ORGANIZATION_ID.eq(user.organizationId()))
                .orderBy(WEBHOOK_ENDPOINTS.CREATED_AT.desc(), WEBHOOK_ENDPOINTS.ID.desc())
                .fetch(WebhookEndpoints::view);
    }

    @Transactional(readOnly = true)
    public WebhookView get(CurrentUser user, UUID id) {
        return view(find(user, id, false));
    }

    /** Makes a webhook; its secret is in the answer and never again. 422 naming url or events. */
    @Transactional
    public WebhookSecret create(CurrentUser user, Create request) {
        String url = checkedUrl(request.url());
        List<String> events = checkedEvents(request.events());
        if (db.fetchCount(WEBHOOK_ENDPOINTS, WEBHOOK_ENDPOINTS.ORGANIZATION_ID.eq(user.organizationId()))
                >= MAX_ENDPOINTS) {
            throw ApiException.invalid("url", "an organization has at most " + MAX_ENDPOINTS
                    + " webhooks; delete one first");
        }
        subscriptions.changed(user.organizationId());
        String secret = Signatures.newSecret();
        OffsetDateTime now = now();
        WebhookEndpointsRecord row = db.newRecord(WEBHOOK_ENDPOINTS);
        row.setOrganizationId(user.organizationId());
        row.setId(Ids.newId());
        row.setUrl(url);
        row.setDescription(Text.blankToNull(request.description()));
        row.setEvents(events.toArray(String[]::new));
        row.setActive(request.active() == null || request.active());
        row.setSecret(secrets.seal(secret));
        row.setConsecutiveFailures(0);
        row.setCreatedBy(user.userId());
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        db.insertInto(WEBHOOK_ENDPOINTS).set(row).execute();
        WebhookView created = view(row);
        audit.record("webhook.created", "webhook", row.getId(), null, created);
        return new WebhookSecret(created, secret);
    }

    /** Changes a webhook as a merge patch; activating it clears its failures and the reason it was disabled. */
    @Transactional
    public WebhookView update(CurrentUser user, UUID id, Update request, MergePatch patch) {
        WebhookEndpointsRecord row = find(user, id, true);
        WebhookView before = view(row);
        if (request.url() != null) {
            row.setUrl(checkedUrl(request.url()));
        }
        patch.applyText("description", request.description(), row::setDescription);
        if (request.events() != null) {
            row.setEvents(checkedEvents(request.events()).toArray(String[]::new));
        }
        if (request.active() != null && request.active() != row.getActive()) {
            row.setActive(request.active());
            if (request.active()) {
                row.setDisabledReason(null);
                row.setDisabledAt(null);
                row.setConsecutiveFailures(0);
                row.setFailingSince(null);
            }
        }
        subscriptions.changed(user.organizationId());
        row.setUpdatedAt(now());
        row.update();
        WebhookView after = view(row);
        audit.record("webhook.updated", "webhook", id, before, after);
        return after;
    }

    /** Deletes a webhook and its deliveries. */
    @Transactional
    public void delete(CurrentUser user, UUID id) {
        WebhookEndpointsRecord row = find(user, id, true);
        subscriptions.changed(user.organizationId());
        WebhookView before = view(row);
        db.deleteFrom(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ORGANIZATION_ID.eq(user.organizationId()), WEBHOOK_ENDPOINTS.ID.eq(id))
                .execute();
        audit.record("webhook.deleted", "webhook", id, before, null);
    }

    /** Gives the webhook a new secret, answered this once; the old one stops signing at once. */
    @Transactional
    public WebhookSecret rotateSecret(CurrentUser user, UUID id) {
        WebhookEndpointsRecord row = find(user, id, true);
        String secret = Signatures.newSecret();
        row.setSecret(secrets.seal(secret));
        row.setUpdatedAt(now());
        row.update();
        audit.record("webhook.secret_rotated", "webhook", id, null, Map.of("secret", "rotated"));
        return new WebhookSecret(view(row), secret);
    }

    /** The webhook's deliveries, newest first. */
    @Transactional(readOnly = true)
    public Page<DeliveryView> deliveries(CurrentUser user, UUID id, DeliveryFilter filter, PageRequest page) {
        Page<DeliveryDetail> details = deliveryDetails(user, id, filter, page);
        return new Page<>(details.items().stream().map(d -> new DeliveryView(d.id(), d.webhookId(), d.eventType(),
                d.status(), d.attempts(), d.lastStatusCode(), d.lastError(), d.lastAttemptAt(), d.nextAttemptAt(),
                d.createdAt())).toList(), details.total(), details.limit(), details.offset());
    }

    /** The same with each delivery's payload and last answer, for a page that shows them. */
    @Transactional(readOnly = true)
    public Page<DeliveryDetail> deliveryDetails(CurrentUser user, UUID id, DeliveryFilter filter, PageRequest page) {
        find(user, id, false);
        var d = WEBHOOK_DELIVERIES;
        Condition condition = d.ORGANIZATION_ID.eq(user.organizationId()).and(d.ENDPOINT_ID.eq(id))
                .and(filter.status() == null ? DSL.noCondition() : d.STATUS.eq(filter.status()))
                .and(filter.eventType() == null ? DSL.noCondition() : d.EVENT_TYPE.eq(filter.eventType()));
        List<DeliveryDetail> items = db.selectFrom(d).where(condition)
                .orderBy(d.CREATED_AT.desc(), d.ID.desc())
                .limit(page.limit() + 1).offset(page.offset())
                .fetch(this::detail);
        boolean more = items.size() > page.limit();
        List<DeliveryDetail> shown = more ? items.subList(0, page.limit()) : items;
        Long total = more ? null : (long) page.offset() + shown.size();
        return page.page(shown, total);
    }

    @Transactional(readOnly = true)
    public DeliveryDetail delivery(CurrentUser user, UUID id, UUID deliveryId) {
        find(user, id, false);
        return detail(user.organizationId(), id, deliveryId);
    }

    /**
     * Sends one delivery again now, whatever its state, and answers it as it then stands. 422 naming active when
     * the webhook is deactivated (activate it first).
     */
    public DeliveryDetail replay(CurrentUser user, UUID id, UUID deliveryId) {
        WebhookEndpointsRecord endpoint = tenancy.callAs(user.organizationId(), () -> {
            WebhookEndpointsRecord row = find(user, id, false);
            detail(user.organizationId(), id, deliveryId);
            return row;
        });
        if (!endpoint.getActive()) {
            throw ApiException.invalid("active", "The webhook is deactivated: activate it, then replay");
        }
        if (!sender.sendNow(user.organizationId(), deliveryId)) {
            throw ApiException.conflict("delivery_id", "The delivery is being sent right now; look again shortly");
        }
        return tenancy.callAs(user.organizationId(), () -> {
            DeliveryDetail after = detail(user.organizationId(), id, deliveryId);
            audit.record("webhook.delivery_replayed", "webhook_delivery", deliveryId, null,
                    Map.of("status", after.status()));
            return after;
        });
    }

    /**
     * Queues every failed or dead delivery of the webhook to be sent again at once by the sending job; answers how
     * many. 422 naming active when the webhook is deactivated.
     */
    @Transactional
    public int replayFailed(CurrentUser user, UUID id) {
        WebhookEndpointsRecord endpoint = find(user, id, false);
        if (!endpoint.getActive()) {
            throw ApiException.invalid("active", "The webhook is deactivated: activate it, then replay");
        }
        var d = WEBHOOK_DELIVERIES;
        OffsetDateTime now = now();
        int queued = db.update(d).set(d.STATUS, "pending").set(d.NEXT_ATTEMPT_AT, now).set(d.UPDATED_AT, now)
                .where(d.ORGANIZATION_ID.eq(user.organizationId()), d.ENDPOINT_ID.eq(id), d.STATUS.in("failed",
                        "dead"))
                .execute();
        audit.record("webhook.deliveries_replayed", "webhook", id, null, Map.of("count", queued));
        return queued;
    }

    /** Sends a webhook.ping event to the webhook now (active or not) and answers the delivery as it then stands. */
    public DeliveryDetail test(CurrentUser user, UUID id) {
        UUID deliveryId = tenancy.callAs(user.organizationId(), () -> {
            WebhookEndpointsRecord endpoint = find(user, id, false);
            OffsetDateTime now = now();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("webhook_id", endpoint.getId());
            data.put("message", "A test event sent on request from the CRM");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", WebhookEventTypes.PING);
            body.put("timestamp", now);
            body.put("data", data);
            WebhookDeliveriesRecord row = db.newRecord(WEBHOOK_DELIVERIES);
            row.setOrganizationId(user.organizationId());
            row.setId(Ids.newId());
            row.setEndpointId(id);
            row.setEventType(WebhookEventTypes.PING);
            row.setPayload(json.writeValueAsString(body));
            row.setStatus("pending");
            row.setNextAttemptAt(now);
            row.setCreatedAt(now);
            row.setUpdatedAt(now);
            db.insertInto(WEBHOOK_DELIVERIES).set(row).execute();
            return row.getId();
        });
        sender.sendNow(user.organizationId(), deliveryId);
        return tenancy.callAs(user.organizationId(), () -> detail(user.organizationId(), id, deliveryId));
    }

    private DeliveryDetail detail(UUID organizationId, UUID endpointId, UUID deliveryId) {
        var d = WEBHOOK_DELIVERIES;
        return db.selectFrom(d)
                .where(d.ORGANIZATION_ID.eq(organizationId), d.ENDPOINT_ID.eq(endpointId), d.ID.eq(deliveryId))
                .fetchOptional(this::detail).orElseThrow(() -> ApiException.notFound("Delivery"));
    }

    private DeliveryDetail detail(WebhookDeliveriesRecord row) {
        return new DeliveryDetail(row.getId(), row.getEndpointId(), row.getEventType(), row.getStatus(),
                row.getAttempts(), row.getLastStatusCode(), row.getLastError(), row.getLastAttemptAt(),
                row.getNextAttemptAt(), row.getCreatedAt(), json.readValue(row.getPayload(), OBJECT),
                row.getLastResponse());
    }

    private WebhookEndpointsRecord find(CurrentUser user, UUID id, boolean forUpdate) {
        var query = db.selectFrom(WEBHOOK_ENDPOINTS)
                .where(WEBHOOK_ENDPOINTS.ORGANIZATION_ID.eq(user.organizationId()), WEBHOOK_ENDPOINTS.ID.eq(id));
        return (forUpdate ? query.forUpdate().fetchOptional() : query.fetchOptional())
                .orElseThrow(() -> ApiException.notFound("Webhook"));
    }

    private String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.invalid("url", "must not be blank");
        }
        try {
            guard.check(url);
            return url.trim();
        } catch (TargetGuard.Refused refused) {
            throw ApiException.invalid("url", refused.getMessage());
        }
    }

    private static List<String> checkedEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiException.invalid("events", "choose at least one event");
        }
        Set<String> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String event : events) {
            if (event != null && WebhookEventTypes.known(event)) {
                chosen.add(event);
            } else {
                unknown.add(String.valueOf(event));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("events", "unknown event " + String.join(", ", unknown) + "; choose among "
                    + WebhookEventTypes.CODE_LIST);
        }
        return WebhookEventTypes.ordered(chosen);
    }

    private static WebhookView view(WebhookEndpointsRecord row) {
        String status = !row.getActive() ? (row.getDisabledReason() != null ? "disabled" : "inactive")
                : row.getConsecutiveFailures() > 0 ? "failing" : "active";
        return new WebhookView(row.getId(), row.getUrl(), row.getDescription(), List.of(row.getEvents()),
                row.getActive(), status, row.getDisabledReason(), row.getDisabledAt(), row.getConsecutiveFailures(),
                row.getFailingSince(), row.getLastSuccessAt(), row.getLastFailureAt(), row.getCreatedBy(),
                row.getCreatedAt(), row.getUpdatedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

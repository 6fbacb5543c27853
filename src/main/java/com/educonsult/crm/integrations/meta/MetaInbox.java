package com.educonsult.crm.integrations.meta;

import static com.educonsult.crm.jooq.Tables.META_LEAD_CHANGES;
import static com.educonsult.crm.jooq.Tables.META_WEBHOOK_DELIVERIES;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.jooq.tables.records.MetaWebhookDeliveriesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.TenantContext;
import com.educonsult.crm.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's webhook deliveries: verified by their signature and stored raw at once (nothing slower on the webhook's
 * path), then routed by a processing run: each {@code leadgen} change goes to the organization that connected its
 * page, as one lead change per leadgen id however often Meta sends it.
 */
@Component
class MetaInbox {

    private static final Logger log = LoggerFactory.getLogger(MetaInbox.class);
    static final String SIGNATURE_PREFIX = "sha256=";

    /** One lead announced in a delivery. */
    record LeadChange(String pageId, String formId, String leadgenId, String adId, String adgroupId, String platform,
            OffsetDateTime createdAt) {
    }

    private final DSLContext db;
    private final MetaProperties properties;
    private final JsonMapper json;
    private final Tenancy tenancy;
    private final IntegrationLog integrationLog;
    private final TransactionTemplate transaction;

    MetaInbox(DSLContext db, MetaProperties properties, JsonMapper json, Tenancy tenancy, IntegrationLog integrationLog,
            PlatformTransactionManager transactions) {
        this.db = db;
        this.properties = properties;
        this.json = json;
        this.tenancy = tenancy;
        this.integrationLog = integrationLog;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Whether the signature header is the HMAC-SHA256 of the body with the app secret (constant-time compare). */
    static boolean signatureMatches(byte[] body, String header, String appSecret) {
        if (header == null || appSecret == null || appSecret.isBlank()
                || !header.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(SIGNATURE_PREFIX.length()).trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body, appSecret), given);
    }

    static byte[] sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * Verifies and stores a delivery: 401 for a missing or wrong signature (or no app secret configured), 400
     * for a body that is not a Meta delivery; nothing is stored then. Answers the stored delivery's id and its
     * number of lead changes; a delivery without any lead change is acknowledged and not stored.
     */
    MetaWebhook.Accepted accept(byte[] body, String signature) {
        if (!properties.webhookConfigured()) {
            throw ApiException.unauthorized("No Meta app secret is configured on this server: deliveries cannot be "
                    + "verified, so none is accepted");
        }
        if (signature == null || signature.isBlank()) {
            throw ApiException.unauthorized("X-Hub-Signature-256 is missing");
        }
        if (!signatureMatches(body, signature, properties.appSecret())) {
            throw ApiException.unauthorized("X-Hub-Signature-256 does not match the body signed with the app secret");
        }
        JsonNode delivery = parse(body);
        List<LeadChange> changes = changes(delivery);
        if (changes.isEmpty()) {
            return new MetaWebhook.Accepted(null, 0);
        }
        UUID id = Ids.newId();
        db.insertInto(META_WEBHOOK_DELIVERIES)
                .set(META_WEBHOOK_DELIVERIES.ID, id)
                .set(META_WEBHOOK_DELIVERIES.PAYLOAD, new String(body, StandardCharsets.UTF_8))
                .execute();
        return new MetaWebhook.Accepted(id, changes.size());
    }

    private JsonNode parse(byte[] body) {
        JsonNode delivery;
        try {
            delivery = json.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The body is not JSON");
        }
        if (delivery == null || !delivery.isObject() || !delivery.path("entry").isArray()) {
            throw ApiException.badRequest("The body is not a Meta webhook delivery: it needs an entry list",
                    List.of(new com.educonsult.crm.platform.web.FieldError("entry", "must be a list")));
        }
        return delivery;
    }

    /** The delivery's leadgen changes; other fields Meta may send are skipped. */
    static List<LeadChange> changes(JsonNode delivery) {
        List<LeadChange> changes = new ArrayList<>();
        String object = delivery.path("object").asString("page");
        for (JsonNode entry : delivery.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (!"leadgen".equals(change.path("field").asString(""))) {
                    continue;
                }
                JsonNode value = change.path("value");
                String leadgenId = text(value, "leadgen_id");
                String pageId = text(value, "page_id");
                if (pageId == null) {
                    pageId = text(entry, "id");
                }
                if (leadgenId == null || pageId == null || leadgenId.length() > 40 || pageId.length() > 40) {
                    continue;
                }
                String platform = platformOf(text(value, "platform"), object);
                OffsetDateTime created = value.path("created_time").isNumber()
                        ? Instant.ofEpochSecond(value.path("created_time").asLong()).atOffset(ZoneOffset.UTC) : null;
                changes.add(new LeadChange(pageId, text(value, "form_id"), leadgenId, text(value, "ad_id"),
                        text(value, "adgroup_id"), platform, created));
            }
        }
        return changes;
    }

    static String platformOf(String platform, String object) {
        if (platform != null && (platform.equalsIgnoreCase("ig") || platform.equalsIgnoreCase("instagram"))) {
            return "instagram";
        }
        return platform == null && "instagram".equalsIgnoreCase(object) ? "instagram" : "facebook";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asString();
        }
        String text = value.asString(null);
        return text == null || text.isBlank() ? null : text.trim();
    }

    /**
     * Routes up to {@code limit} received deliveries, oldest first: each change becomes a lead change of the
     * organization that connected its page (one per leadgen id), the delivery is logged in that organization's
     * integration log, and the delivery is marked processed, or failed when no page in it is connected. Answers
     * the organizations that got changes.
     */
    List<UUID> route(int limit) {
        List<UUID> ids = db.select(META_WEBHOOK_DELIVERIES.ID).from(META_WEBHOOK_DELIVERIES)
                .where(META_WEBHOOK_DELIVERIES.STATUS.eq("received"))
                .orderBy(META_WEBHOOK_DELIVERIES.RECEIVED_AT).limit(limit).fetch(META_WEBHOOK_DELIVERIES.ID);
        List<UUID> organizations = new ArrayList<>();
        for (UUID id : ids) {
            try {
                List<UUID> routed = transaction.execute(status -> routeOne(id));
                routed.stream().filter(o -> !organizations.contains(o)).forEach(organizations::add);
            } catch (RuntimeException e) {
                log.warn("Meta delivery {} could not be routed; it is tried again", id, e);
            } finally {
                TenantContext.clear();
            }
        }
        return organizations;
    }

    private List<UUID> routeOne(UUID id) {
        MetaWebhookDeliveriesRecord delivery = db.selectFrom(META_WEBHOOK_DELIVERIES)
                .where(META_WEBHOOK_DELIVERIES.ID.eq(id), META_WEBHOOK_DELIVERIES.STATUS.eq("received"))
                .forUpdate().skipLocked().fetchOne();
        if (delivery == null) {
            return List.of();
        }
        List<LeadChange> changes;
        try {
            changes = changes(json.readTree(delivery.getPayload()));
        } catch (JacksonException e) {
            changes = List.of();
        }
        Map<String, UUID> owners = new LinkedHashMap<>();
        Map<UUID, List<LeadChange>> byOrganization = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (LeadChange change : changes) {
            UUID owner = owners.computeIfAbsent(change.pageId(), page -> db.select(
                    DSL.field("meta_page_organization({0})", UUID.class, DSL.val(page))).fetchOne(0, UUID.class));
            if (owner == null) {
                if (!unknown.contains(change.pageId())) {
                    unknown.add(change.pageId());
                }
            } else {
                byOrganization.computeIfAbsent(owner, o -> new ArrayList<>()).add(change);
            }
        }
        for (Map.Entry<UUID, List<LeadChange>> group : byOrganization.entrySet()) {
            tenancy.bind(group.getKey());
            int added = 0;
            for (LeadChange change : group.getValue()) {
                added += db.insertInto(META_LEAD_CHANGES)
                        .set(META_LEAD_CHANGES.ORGANIZATION_ID, group.getKey())
                        .set(META_LEAD_CHANGES.ID, Ids.newId())
                        .set(META_LEAD_CHANGES.DELIVERY_ID, id)
                        .set(META_LEAD_CHANGES.PAGE_ID, change.pageId())
                        .set(META_LEAD_CHANGES.FORM_ID, change.formId())
                        .set(META_LEAD_CHANGES.LEADGEN_ID, change.leadgenId())
                        .set(META_LEAD_CHANGES.AD_ID, change.adId())
                        .set(META_LEAD_CHANGES.ADGROUP_ID, change.adgroupId())
                        .set(META_LEAD_CHANGES.PLATFORM, change.platform())
                        .set(META_LEAD_CHANGES.LEAD_CREATED_AT, change.createdAt())
                        .set(META_LEAD_CHANGES.RECEIVED_AT, delivery.getReceivedAt())
                        .onConflict(META_LEAD_CHANGES.ORGANIZATION_ID, META_LEAD_CHANGES.LEADGEN_ID).doNothing()
                        .execute();
            }
            int duplicates = group.getValue().size() - added;
            IntegrationLog.Entry entry = IntegrationLog.Entry.inbound(IntegrationType.FACEBOOK, "/webhooks/facebook",
                    delivery.getPayload()).answered(200, "{\"delivery_id\":\"" + id + "\",\"lead_changes\":" + added
                            + ",\"duplicates\":" + duplicates + "}", 0);
            integrationLog.record(group.getKey(), entry);
        }
        TenantContext.clear();
        String reason = null;
        if (!unknown.isEmpty()) {
            reason = (unknown.size() == 1 ? "no organization has connected page " : "no organization has connected "
                    + "pages ") + String.join(", ", unknown);
        }
        db.update(META_WEBHOOK_DELIVERIES)
                .set(META_WEBHOOK_DELIVERIES.STATUS, byOrganization.isEmpty() ? "failed" : "processed")
                .set(META_WEBHOOK_DELIVERIES.REASON, byOrganization.isEmpty() && changes.isEmpty()
                        ? "the delivery has no lead changes" : reason)
                .set(META_WEBHOOK_DELIVERIES.PROCESSED_AT, DSL.currentOffsetDateTime())
                .where(META_WEBHOOK_DELIVERIES.ID.eq(id))
                .execute();
        if (reason != null) {
            log.info("Meta delivery {}: {}", id, reason);
        }
        return List.copyOf(byOrganization.keySet());
    }

    /** Deletes the raw deliveries received before the time; answers how many. */
    int purgeBefore(OffsetDateTime before) {
        return db.deleteFrom(META_WEBHOOK_DELIVERIES).where(META_WEBHOOK_DELIVERIES.RECEIVED_AT.lt(before),
                META_WEBHOOK_DELIVERIES.STATUS.ne("received")).execute();
    }
}

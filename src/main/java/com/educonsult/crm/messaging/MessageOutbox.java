package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;
import static com.educonsult.crm.jooq.Tables.MESSAGE_DELIVERIES;
import static com.educonsult.crm.jooq.Tables.MESSAGE_RECORDINGS;

import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.db.Totals;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What an admin sees of the outbox: deliveries by status with their errors, replaying dead ones, recordings. */
@Service
public class MessageOutbox {

    public static final String STATUSES = "pending|sending|sent|failed|dead";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Schema(name = "MessageDelivery", description = "One outbound message's hand-over to its provider")
    public record DeliveryView(UUID id, UUID communicationId, UUID leadId,
            @Schema(allowableValues = {"email", "sms", "whatsapp"}) String channel,
            @Schema(allowableValues = {"pending", "sending", "sent", "failed", "dead"}) String status,
            int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, String lastError,
            @Schema(description = "The adapter that took it: recording for the embedded default (not delivered)")
            String adapter, String providerMessageId, String toAddress, String subject, boolean bulk,
            UUID campaignId, OffsetDateTime createdAt, OffsetDateTime sentAt) {
    }

    @Schema(name = "MessageRecording", description = "A message the recording adapter kept instead of sending it: "
            + "sent in demo mode, not delivered")
    public record RecordingView(UUID id, UUID deliveryId, UUID communicationId,
            @Schema(allowableValues = {"email", "sms", "whatsapp"}) String channel, String toAddress,
            String fromAddress, String subject, String body, String html, Map<String, String> headers,
            String providerTemplate, List<String> templateParameters, String providerMessageId,
            OffsetDateTime createdAt) {
    }

    private final DSLContext db;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    MessageOutbox(DSLContext db, AuditTrail audit, JsonMapper json, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<DeliveryView> deliveries(CurrentUser user, String status, String channel, PageRequest paging) {
        var d = MESSAGE_DELIVERIES;
        Condition where = d.ORGANIZATION_ID.eq(user.organizationId());
        if (status != null) {
            where = where.and(d.STATUS.eq(status));
        }
        if (channel != null) {
            where = where.and(d.CHANNEL.eq(channel));
        }
        var rows = db.select(d.ID).from(d).where(where);
        List<DeliveryView> items = select()
                .where(where)
                .orderBy(d.CREATED_AT.desc(), d.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch(MessageOutbox::delivery);
        return paging.page(items, Totals.of(db, rows));
    }

    @Transactional(readOnly = true)
    public DeliveryView delivery(CurrentUser user, UUID id) {
        return select().where(MESSAGE_DELIVERIES.ORGANIZATION_ID.eq(user.organizationId()),
                        MESSAGE_DELIVERIES.ID.eq(id))
                .fetchOptional(MessageOutbox::delivery)
                .orElseThrow(() -> ApiException.notFound("Delivery"));
    }

    /**
     * Sends a dead or failed delivery again: pending now with its attempts counted afresh, its message queued
     * again. 409 for a delivery that is pending, being sent or sent.
     */
    @Transactional
    public DeliveryView replay(CurrentUser user, UUID id) {
        var d = MESSAGE_DELIVERIES;
        var row = db.selectFrom(d).where(d.ORGANIZATION_ID.eq(user.organizationId()), d.ID.eq(id)).forUpdate()
                .fetchOptional().orElseThrow(() -> ApiException.notFound("Delivery"));
        if (!List.of("dead", "failed").contains(row.getStatus())) {
            throw ApiException.conflict("status", "Only a dead or failed delivery can be replayed; this one is "
                    + row.getStatus());
        }
        DeliveryView before = delivery(user, id);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        db.update(d).set(d.STATUS, "pending").set(d.ATTEMPTS, 0).set(d.NEXT_ATTEMPT_AT, now)
                .setNull(d.CLAIMED_UNTIL).set(d.UPDATED_AT, now)
                .where(d.ORGANIZATION_ID.eq(user.organizationId()), d.ID.eq(id)).execute();
        var c = COMMUNICATIONS;
        db.update(c).set(c.STATUS, "queued").setNull(c.FAILED_AT).setNull(c.ERROR).set(c.UPDATED_AT, now)
                .where(c.ORGANIZATION_ID.eq(user.organizationId()), c.ID.eq(row.getCommunicationId()),
                        c.STATUS.in("failed", "queued"))
                .execute();
        DeliveryView after = delivery(user, id);
        audit.record("message_delivery.replayed", "message_delivery", id, before, after);
        return after;
    }

    @Transactional(readOnly = true)
    public Page<RecordingView> recordings(CurrentUser user, String channel, PageRequest paging) {
        var r = MESSAGE_RECORDINGS;
        Condition where = r.ORGANIZATION_ID.eq(user.organizationId());
        if (channel != null) {
            where = where.and(r.CHANNEL.eq(channel));
        }
        List<RecordingView> items = db.selectFrom(r).where(where).orderBy(r.CREATED_AT.desc(), r.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch(row -> new RecordingView(row.getId(), row.getDeliveryId(), row.getCommunicationId(),
                        row.getChannel(), row.getToAddress(), row.getFromAddress(), row.getSubject(), row.getBody(),
                        row.getHtml(), json.readValue(row.getHeaders().data(), HEADERS), row.getProviderTemplate(),
                        json.readValue(row.getTemplateParameters().data(), STRINGS), row.getProviderMessageId(),
                        row.getCreatedAt()));
        return paging.page(items, Totals.of(db, db.select(r.ID).from(r).where(where)));
    }

    /** How many deliveries the organization has in each status (for the console's tabs). */
    @Transactional(readOnly = true)
    public Map<String, Integer> counts(CurrentUser user) {
        var d = MESSAGE_DELIVERIES;
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String status : STATUSES.split("\\|")) {
            counts.put(status, 0);
        }
        db.select(d.STATUS, DSL.count()).from(d).where(d.ORGANIZATION_ID.eq(user.organizationId()))
                .and(d.STATUS.in("pending", "sending", "failed", "dead"))
                .groupBy(d.STATUS)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        var d = MESSAGE_DELIVERIES;
        var c = COMMUNICATIONS;
        return db.select(d.fields()).select(c.LEAD_ID, c.TO_ADDRESS, c.SUBJECT, c.CAMPAIGN_ID)
                .from(d).join(c).on(c.ORGANIZATION_ID.eq(d.ORGANIZATION_ID), c.ID.eq(d.COMMUNICATION_ID));
    }

    private static DeliveryView delivery(Record r) {
        var d = MESSAGE_DELIVERIES;
        var c = COMMUNICATIONS;
        return new DeliveryView(r.get(d.ID), r.get(d.COMMUNICATION_ID), r.get(c.LEAD_ID), r.get(d.CHANNEL),
                r.get(d.STATUS), r.get(d.ATTEMPTS), r.get(d.NEXT_ATTEMPT_AT), r.get(d.LAST_ATTEMPT_AT),
                r.get(d.LAST_ERROR), r.get(d.ADAPTER), r.get(d.PROVIDER_MESSAGE_ID), r.get(c.TO_ADDRESS),
                r.get(c.SUBJECT), r.get(d.BULK), r.get(c.CAMPAIGN_ID), r.get(d.CREATED_AT), r.get(d.SENT_AT));
    }
}

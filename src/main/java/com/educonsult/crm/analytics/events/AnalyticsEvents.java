package com.educonsult.crm.analytics.events;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_EVENTS;
import static com.educonsult.crm.jooq.Tables.ANALYTICS_EVENT_COUNTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.events.EventBatch.Channel;
import com.educonsult.crm.analytics.events.EventBatch.NewEvent;
import com.educonsult.crm.jooq.tables.records.AnalyticsEventsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.db.Totals;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records analytics events and answers them back: the list walks an index of the organization's events newest first;
 * the counts per type and day come from {@code analytics_event_counts}, which the inserting statement keeps (V45), so
 * a day's or a quarter's counts are a few rows whatever the number of events. Reads go to the read replica when
 * there is one.
 */
@Service
class AnalyticsEvents {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Schema(name = "AnalyticsEventRecorded")
    record Recorded(UUID id, String clientEventId,
            @Schema(description = "true: an event with this client_event_id was recorded before; this one was not")
            boolean duplicate) {
    }

    @Schema(name = "AnalyticsEventsRecorded")
    record RecordResult(int received, int recorded, int duplicates, List<Recorded> events) {
    }

    @Schema(name = "AnalyticsEvent")
    record EventView(UUID id, String clientEventId, String eventType, String eventName, String entityType,
            String entityId, Map<String, Object> properties, String sessionId, UUID userId, String visitorId,
            @Schema(allowableValues = {"console", "website"}) String channel, String userAgent,
            OffsetDateTime occurredAt, OffsetDateTime receivedAt) {
    }

    /** The list's filters; null: not filtered. */
    record Filter(String eventType, String entityType, String entityId, UUID userId, String visitorId,
            String sessionId, AnalyticsRange range) {
    }

    @Schema(name = "AnalyticsEventDayCount")
    record DayCount(LocalDate day, String eventType, long count) {
    }

    @Schema(name = "AnalyticsEventTypeCount")
    record TypeCount(String eventType, long count) {
    }

    @Schema(name = "AnalyticsEventCounts")
    record Counts(String timeZone, LocalDate dateFrom, LocalDate dateTo, long total, List<TypeCount> byType,
            @Schema(description = "Days of the organization's time zone with events, oldest first; a day without "
                    + "events is not listed") List<DayCount> byDay) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final ReadReplica reads;
    private final JsonMapper json;

    AnalyticsEvents(DSLContext db, Tenancy tenancy, ReadReplica reads, JsonMapper json) {
        this.db = db;
        this.tenancy = tenancy;
        this.reads = reads;
        this.json = json;
    }

    /**
     * Records the events as the organization. An event whose client_event_id the organization has already recorded
     * (before, or earlier in the same batch) is answered as a duplicate with the recorded event's id.
     */
    RecordResult record(UUID organizationId, List<NewEvent> events, Channel channel, String userAgent) {
        return tenancy.callAs(organizationId, () -> {
            List<UUID> ids = new ArrayList<>(events.size());
            var insert = db.insertInto(ANALYTICS_EVENTS, ANALYTICS_EVENTS.ORGANIZATION_ID, ANALYTICS_EVENTS.ID,
                    ANALYTICS_EVENTS.CLIENT_EVENT_ID, ANALYTICS_EVENTS.EVENT_TYPE, ANALYTICS_EVENTS.EVENT_NAME,
                    ANALYTICS_EVENTS.ENTITY_TYPE, ANALYTICS_EVENTS.ENTITY_ID, ANALYTICS_EVENTS.PROPERTIES,
                    ANALYTICS_EVENTS.SESSION_ID, ANALYTICS_EVENTS.USER_ID, ANALYTICS_EVENTS.VISITOR_ID,
                    ANALYTICS_EVENTS.CHANNEL, ANALYTICS_EVENTS.USER_AGENT, ANALYTICS_EVENTS.OCCURRED_AT);
            for (NewEvent event : events) {
                UUID id = Ids.newId();
                ids.add(id);
                insert = insert.values(organizationId, id, event.clientEventId(), event.eventType(), event.eventName(),
                        event.entityType(), event.entityId(),
                        JSONB.valueOf(event.properties() == null ? "{}" : event.properties().toString()),
                        event.sessionId(), event.userId(), event.visitorId(), channel.wire(), userAgent,
                        event.occurredAt());
            }
            Set<UUID> inserted = new HashSet<>(insert
                    .onConflict(ANALYTICS_EVENTS.ORGANIZATION_ID, ANALYTICS_EVENTS.CLIENT_EVENT_ID)
                    .where(ANALYTICS_EVENTS.CLIENT_EVENT_ID.isNotNull())
                    .doNothing()
                    .returning(ANALYTICS_EVENTS.ID)
                    .fetch(ANALYTICS_EVENTS.ID));
            Map<String, UUID> earlier = recordedBefore(organizationId, events, ids, inserted);
            List<Recorded> answers = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                String clientId = events.get(i).clientEventId();
                boolean recorded = inserted.contains(ids.get(i));
                answers.add(new Recorded(recorded ? ids.get(i) : earlier.get(clientId), clientId, !recorded));
            }
            return new RecordResult(events.size(), inserted.size(), events.size() - inserted.size(), answers);
        });
    }

    /** The ids of the events already recorded under the client ids of the events that were not inserted now. */
    private Map<String, UUID> recordedBefore(UUID organizationId, List<NewEvent> events, List<UUID> ids,
            Set<UUID> inserted) {
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (!inserted.contains(ids.get(i))) {
                repeated.add(events.get(i).clientEventId());
            }
        }
        Map<String, UUID> earlier = new HashMap<>();
        if (!repeated.isEmpty()) {
            db.select(ANALYTICS_EVENTS.CLIENT_EVENT_ID, ANALYTICS_EVENTS.ID).from(ANALYTICS_EVENTS)
                    .where(ANALYTICS_EVENTS.ORGANIZATION_ID.eq(organizationId),
                            ANALYTICS_EVENTS.CLIENT_EVENT_ID.in(repeated))
                    .forEach(r -> earlier.put(r.value1(), r.value2()));
        }
        return earlier;
    }

    Page<EventView> list(UUID organizationId, Filter filter, PageRequest paging) {
        return reads.readAs(organizationId, replica -> {
            var rows = replica.selectFrom(ANALYTICS_EVENTS)
                    .where(conditions(organizationId, filter))
                    .orderBy(ANALYTICS_EVENTS.OCCURRED_AT.desc(), ANALYTICS_EVENTS.ID.desc());
            List<EventView> items = rows.limit(paging.limit()).offset(paging.offset()).fetch(this::view);
            if (items.size() < paging.limit() && (!items.isEmpty() || paging.offset() == 0)) {
                return paging.page(items, (long) paging.offset() + items.size());
            }
            return paging.page(items, Totals.of(replica, replica.select(ANALYTICS_EVENTS.ID).from(ANALYTICS_EVENTS)
                    .where(conditions(organizationId, filter))));
        });
    }

    Counts counts(UUID organizationId, AnalyticsRange range, String eventType) {
        return reads.readAs(organizationId, replica -> {
            Condition scope = ANALYTICS_EVENT_COUNTS.ORGANIZATION_ID.eq(organizationId)
                    .and(ANALYTICS_EVENT_COUNTS.DAY.between(range.from(), range.to()));
            if (eventType != null) {
                scope = scope.and(ANALYTICS_EVENT_COUNTS.EVENT_TYPE.eq(eventType));
            }
            var count = DSL.sum(ANALYTICS_EVENT_COUNTS.N).cast(Long.class);
            List<DayCount> byDay = replica.select(ANALYTICS_EVENT_COUNTS.DAY, ANALYTICS_EVENT_COUNTS.EVENT_TYPE, count)
                    .from(ANALYTICS_EVENT_COUNTS).where(scope)
                    .groupBy(ANALYTICS_EVENT_COUNTS.DAY, ANALYTICS_EVENT_COUNTS.EVENT_TYPE)
                    .orderBy(ANALYTICS_EVENT_COUNTS.DAY, ANALYTICS_EVENT_COUNTS.EVENT_TYPE)
                    .fetch(r -> new DayCount(r.value1(), r.value2(), r.value3()));
            Map<String, Long> perType = new java.util.TreeMap<>();
            byDay.forEach(d -> perType.merge(d.eventType(), d.count(), Long::sum));
            List<TypeCount> byType = perType.entrySet().stream()
                    .map(e -> new TypeCount(e.getKey(), e.getValue()))
                    .sorted(java.util.Comparator.comparingLong(TypeCount::count).reversed()
                            .thenComparing(TypeCount::eventType))
                    .toList();
            long total = byType.stream().mapToLong(TypeCount::count).sum();
            return new Counts(range.zone().getId(), range.from(), range.to(), total, byType, byDay);
        });
    }

    private static List<Condition> conditions(UUID organizationId, Filter filter) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(ANALYTICS_EVENTS.ORGANIZATION_ID.eq(organizationId));
        if (filter.eventType() != null) {
            conditions.add(ANALYTICS_EVENTS.EVENT_TYPE.eq(filter.eventType()));
        }
        if (filter.entityType() != null) {
            conditions.add(ANALYTICS_EVENTS.ENTITY_TYPE.eq(filter.entityType()));
        }
        if (filter.entityId() != null) {
            conditions.add(ANALYTICS_EVENTS.ENTITY_ID.eq(filter.entityId()));
        }
        if (filter.userId() != null) {
            conditions.add(ANALYTICS_EVENTS.USER_ID.eq(filter.userId()));
        }
        if (filter.visitorId() != null) {
            conditions.add(ANALYTICS_EVENTS.VISITOR_ID.eq(filter.visitorId()));
        }
        if (filter.sessionId() != null) {
            conditions.add(ANALYTICS_EVENTS.SESSION_ID.eq(filter.sessionId()));
        }
        if (filter.range() != null) {
            conditions.add(ANALYTICS_EVENTS.OCCURRED_AT.ge(filter.range().start().atOffset(java.time.ZoneOffset.UTC)));
            conditions.add(ANALYTICS_EVENTS.OCCURRED_AT.lt(filter.range().end().atOffset(java.time.ZoneOffset.UTC)));
        }
        return conditions;
    }

    private EventView view(AnalyticsEventsRecord e) {
        return new EventView(e.getId(), e.getClientEventId(), e.getEventType(), e.getEventName(), e.getEntityType(),
                e.getEntityId(), json.readValue(e.getProperties().data(), OBJECT), e.getSessionId(), e.getUserId(),
                e.getVisitorId(), e.getChannel(), e.getUserAgent(), e.getOccurredAt(), e.getReceivedAt());
    }
}

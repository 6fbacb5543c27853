package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_EXCLUSIONS;
import static com.educonsult.crm.jooq.Tables.CALL_LOGS;

import com.educonsult.crm.calls.CallSyncRequests.ItemResult;
import com.educonsult.crm.calls.CallSyncRules.Checked;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.CallLogsRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.db.BulkInsert;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a batch of a user's phone call log once per device call: new calls are inserted in one statement that
 * skips calls already stored, and only calls stored by this statement count towards the leads' statistics, so
 * re-sent and concurrent batches add up exactly.
 */
@Service
class CallSync {

    private final DSLContext db;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final CallSyncSettings settings;
    private final Semaphore turns;
    private final TransactionTemplate transactions;

    CallSync(DSLContext db, LeadDirectory leads, UserDirectory users, AuditTrail audit,
            ApplicationEventPublisher events, JsonMapper json, CallSyncSettings settings,
            PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.turns = new Semaphore(settings.concurrency(), true);
        this.transactions = new TransactionTemplate(transactionManager);
        this.db = db;
        this.leads = leads;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.json = json;
    }

    /** Stores the batch once a turn is free (see {@link CallSyncSettings}); 503 when none frees up in time. */
    CallSyncRequests.Result sync(CurrentUser user, List<CallSyncRequests.Item> items) {
        try {
            if (!turns.tryAcquire(settings.queueTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.busy();
        }
        try {
            return transactions.execute(status -> store(user, items));
        } finally {
            turns.release();
        }
    }

    private CallSyncRequests.Result store(CurrentUser user, List<CallSyncRequests.Item> items) {
        UUID organizationId = user.organizationId();
        String region = users.phoneRegion(organizationId);
        ItemResult[] results = new ItemResult[items.size()];
        // by device call id, sorted so that concurrent batches insert in the same order and cannot deadlock
        Map<String, Checked> valid = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object checked = CallSyncRules.check(i, items.get(i), region);
            if (checked instanceof Checked call) {
                if (valid.putIfAbsent(call.deviceCallId(), call) != null) {
                    results[i] = new ItemResult(i, call.deviceCallId(), "duplicate", null, null, null);
                }
            } else {
                CallSyncRequests.Item item = items.get(i);
                results[i] = new ItemResult(i, item == null ? null : item.deviceCallId(), "invalid", null, null,
                        (String) checked);
            }
        }
        Set<String> excluded = excluded(organizationId, valid.values());
        List<Checked> toStore = new ArrayList<>();
        for (Checked call : valid.values()) {
            if (excluded.contains(call.phoneE164())) {
                results[call.index()] = new ItemResult(call.index(), call.deviceCallId(), "skipped_excluded", null,
                        null, null);
            } else {
                toStore.add(call);
            }
        }
        Map<String, UUID> leadByPhone = leads.findByPhones(organizationId,
                toStore.stream().map(Checked::phoneE164).collect(Collectors.toSet()));
        Map<String, UUID> created = insert(user, toStore, leadByPhone);
        Map<String, UUID> existing = existing(user, toStore.stream().map(Checked::deviceCallId)
                .filter(id -> !created.containsKey(id)).toList());
        List<Checked> newCalls = new ArrayList<>();
        for (Checked call : toStore) {
            UUID id = created.get(call.deviceCallId());
            if (id != null) {
                newCalls.add(call);
                results[call.index()] = new ItemResult(call.index(), call.deviceCallId(), "created", id,
                        leadByPhone.get(call.phoneE164()), null);
            } else {
                results[call.index()] = new ItemResult(call.index(), call.deviceCallId(), "duplicate",
                        existing.get(call.deviceCallId()), null, null);
            }
        }
        List<CallLogged> logged = new ArrayList<>();
        for (Checked call : newCalls) {
            UUID leadId = leadByPhone.get(call.phoneE164());
            if (leadId != null) {
                logged.add(new CallLogged(organizationId, created.get(call.deviceCallId()), leadId,
                        user.userId(), call.callType(), call.durationSeconds(), call.calledAt()));
            }
        }
        if (!logged.isEmpty()) {
            events.publishEvent(new CallsLogged(organizationId, user.userId(), List.copyOf(logged)));
        }
        CallSyncRequests.Result result = summarize(List.of(results));
        if (result.created() > 0) {
            audit.record("calls.synced", "call_log", null, null, Map.of("total", result.total(),
                    "created", result.created(), "duplicates", result.duplicates(),
                    "skipped_excluded", result.skippedExcluded(), "invalid", result.invalid()));
        }
        // last: the leads' rows stay locked from here until commit
        addToLeads(organizationId, newCalls, leadByPhone);
        return result;
    }

    private Set<String> excluded(UUID organizationId, java.util.Collection<Checked> calls) {
        if (calls.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(db.select(CALL_EXCLUSIONS.PHONE_E164).from(CALL_EXCLUSIONS)
                .where(CALL_EXCLUSIONS.ORGANIZATION_ID.eq(organizationId),
                        CALL_EXCLUSIONS.PHONE_E164.eq(DSL.any(calls.stream().map(Checked::phoneE164).distinct()
                                .toArray(String[]::new))))
                .fetch(CALL_EXCLUSIONS.PHONE_E164));
    }

    /** Inserts the calls in one statement; answers the ids of those stored now, by device call id. */
    private Map<String, UUID> insert(CurrentUser user, List<Checked> calls, Map<String, UUID> leadByPhone) {
        if (calls.isEmpty()) {
            return Map.of();
        }
        List<TableField<CallLogsRecord, ?>> columns = List.of(CALL_LOGS.ORGANIZATION_ID, CALL_LOGS.ID,
                CALL_LOGS.USER_ID, CALL_LOGS.LEAD_ID, CALL_LOGS.DEVICE_CALL_ID, CALL_LOGS.PHONE_NUMBER,
                CALL_LOGS.PHONE_E164, CALL_LOGS.CALL_TYPE, CALL_LOGS.DURATION_SECONDS, CALL_LOGS.CALLED_AT,
                CALL_LOGS.SIM_SLOT, CALL_LOGS.DEVICE_INFO);
        List<Object[]> rows = calls.stream().map(call -> new Object[] {user.organizationId(), Ids.newId(),
                user.userId(), leadByPhone.get(call.phoneE164()), call.deviceCallId(), call.phoneNumber(),
                call.phoneE164(), call.callType(), call.durationSeconds(), call.calledAt(), call.simSlot(),
                JSONB.valueOf(json.writeValueAsString(call.deviceInfo()))}).toList();
        Map<String, UUID> stored = new HashMap<>();
        BulkInsert.rows(db, CALL_LOGS, columns, rows)
                .onConflict(CALL_LOGS.ORGANIZATION_ID, CALL_LOGS.USER_ID, CALL_LOGS.DEVICE_CALL_ID).doNothing()
                .returningResult(CALL_LOGS.DEVICE_CALL_ID, CALL_LOGS.ID)
                .fetch()
                .forEach(r -> stored.put(r.value1(), r.value2()));
        return stored;
    }

    private Map<String, UUID> existing(CurrentUser user, List<String> deviceCallIds) {
        if (deviceCallIds.isEmpty()) {
            return Map.of();
        }
        return db.select(CALL_LOGS.DEVICE_CALL_ID, CALL_LOGS.ID).from(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.USER_ID.eq(user.userId()),
                        CALL_LOGS.DEVICE_CALL_ID.eq(DSL.any(deviceCallIds.toArray(String[]::new))))
                .fetchMap(CALL_LOGS.DEVICE_CALL_ID, CALL_LOGS.ID);
    }

    /** The batch's new calls per lead, added to the leads' statistics in one statement. */
    private void addToLeads(UUID organizationId, List<Checked> newCalls, Map<String, UUID> leadByPhone) {
        Map<UUID, List<Checked>> byLead = new HashMap<>();
        for (Checked call : newCalls) {
            UUID leadId = leadByPhone.get(call.phoneE164());
            if (leadId != null) {
                byLead.computeIfAbsent(leadId, id -> new ArrayList<>()).add(call);
            }
        }
        List<LeadDirectory.CallStatistics> statistics = new ArrayList<>();
        byLead.forEach((leadId, calls) -> {
            Checked last = calls.stream().max(Comparator.comparing(Checked::calledAt)).orElseThrow();
            OffsetDateTime lastContact = calls.stream().filter(Checked::connected).map(Checked::calledAt)
                    .max(Comparator.naturalOrder()).orElse(null);
            int attempts = (int) calls.stream().filter(Checked::attempt).count();
            statistics.add(new LeadDirectory.CallStatistics(leadId, calls.size(), attempts, last.durationSeconds(),
                    last.calledAt(), lastContact));
        });
        leads.addCallStatistics(organizationId, statistics);
    }

    private static CallSyncRequests.Result summarize(List<ItemResult> results) {
        Map<String, Long> counts = new LinkedHashMap<>(results.stream()
                .collect(Collectors.groupingBy(ItemResult::result, Collectors.counting())));
        return new CallSyncRequests.Result(results.size(), count(counts, "created"), count(counts, "duplicate"),
                count(counts, "skipped_excluded"), count(counts, "invalid"), results);
    }

    private static int count(Map<String, Long> counts, String result) {
        return counts.getOrDefault(result, 0L).intValue();
    }
}

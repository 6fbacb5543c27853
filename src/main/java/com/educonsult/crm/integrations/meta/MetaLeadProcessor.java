package com.educonsult.crm.integrations.meta;

import static com.educonsult.crm.jooq.Tables.META_FORMS;
import static com.educonsult.crm.jooq.Tables.META_LEAD_CHANGES;
import static com.educonsult.crm.jooq.Tables.META_PAGES;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.jooq.tables.records.MetaLeadChangesRecord;
import com.educonsult.crm.leads.LeadIntake;
import com.educonsult.crm.leads.LeadRequest;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.secrets.SecretBox;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes an organization's due lead changes: fetches each lead from the Graph API with its page's token
 * (many at once), maps the form's answers, and hands the lead to {@link LeadIntake} in a transaction that also
 * marks the change processed, so a lead is taken in exactly once even when the server dies half-way. A failure
 * is kept with its reason and tried again with a growing wait, then stays failed for an admin to replay.
 */
@Component
class MetaLeadProcessor {

    private static final Logger log = LoggerFactory.getLogger(MetaLeadProcessor.class);
    static final String LEAD_FIELDS = "id,created_time,field_data,ad_id,ad_name,adset_id,campaign_id,campaign_name,"
            + "form_id,platform,is_organic,custom_disclaimer_responses";
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final DSLContext db;
    private final Tenancy tenancy;
    private final GraphClient graph;
    private final LeadIntake intake;
    private final IntegrationRegistry registry;
    private final IntegrationLog integrationLog;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final MetaProperties properties;
    private final Clock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    MetaLeadProcessor(DSLContext db, Tenancy tenancy, GraphClient graph, LeadIntake intake,
            IntegrationRegistry registry, IntegrationLog integrationLog, SecretBox secrets, JsonMapper json,
            MetaProperties properties, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.graph = graph;
        this.intake = intake;
        this.registry = registry;
        this.integrationLog = integrationLog;
        this.secrets = secrets;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    private record PageInfo(String token, String name) {
    }

    private record FormInfo(String name, Map<String, String> mapping) {
    }

    /** A fetched lead or the reason it could not be fetched. */
    private record Fetched(MetaLeadChangesRecord change, JsonNode lead, String failure) {
    }

    /** Processes one batch of the organization's due changes; answers how many it took. */
    int processDue(UUID organizationId) {
        OffsetDateTime now = now();
        List<MetaLeadChangesRecord> due = tenancy.callAs(organizationId, () -> db.selectFrom(META_LEAD_CHANGES)
                .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId),
                        META_LEAD_CHANGES.NEXT_ATTEMPT_AT.le(now))
                .orderBy(META_LEAD_CHANGES.NEXT_ATTEMPT_AT).limit(properties.batchSize()).fetch());
        if (due.isEmpty()) {
            return 0;
        }
        Set<String> pageIds = new java.util.HashSet<>();
        Set<String> formIds = new java.util.HashSet<>();
        due.forEach(c -> {
            pageIds.add(c.getPageId());
            if (c.getFormId() != null) {
                formIds.add(c.getFormId());
            }
        });
        Map<String, PageInfo> pages = new HashMap<>();
        Map<String, FormInfo> forms = new HashMap<>();
        tenancy.runAs(organizationId, () -> {
            db.select(META_PAGES.PAGE_ID, META_PAGES.ACCESS_TOKEN, META_PAGES.NAME).from(META_PAGES)
                    .where(META_PAGES.ORGANIZATION_ID.eq(organizationId), META_PAGES.PAGE_ID.in(pageIds))
                    .forEach(r -> pages.put(r.value1(), new PageInfo(secrets.open(r.value2()), r.value3())));
            db.select(META_FORMS.FORM_ID, META_FORMS.NAME, META_FORMS.MAPPING).from(META_FORMS)
                    .where(META_FORMS.ORGANIZATION_ID.eq(organizationId), META_FORMS.FORM_ID.in(formIds))
                    .forEach(r -> forms.put(r.value1(), new FormInfo(r.value2(), r.value3() == null ? null
                            : json.readValue(r.value3().data(), MAPPING))));
        });
        Semaphore fetchSlots = new Semaphore(Math.max(1, properties.concurrency()));
        Semaphore intakeSlots = new Semaphore(Math.max(1, properties.intakeConcurrency()));
        Map<String, ReentrantLock> persons = new ConcurrentHashMap<>();
        IntegrationLog.Batch graphCalls = integrationLog.batch(organizationId);
        List<Future<Boolean>> leads = new ArrayList<>();
        for (MetaLeadChangesRecord change : due) {
            PageInfo page = pages.get(change.getPageId());
            leads.add(workers.submit(() -> {
                Fetched fetched = limited(fetchSlots, () -> fetch(change, page, graphCalls));
                ReentrantLock person = persons.computeIfAbsent(personKey(fetched), key -> new ReentrantLock());
                person.lock();
                try {
                    return limited(intakeSlots, () -> take(organizationId, fetched, page,
                            forms.get(change.getFormId())));
                } finally {
                    person.unlock();
                }
            }));
        }
        int succeeded = 0;
        try {
            for (Future<Boolean> lead : leads) {
                succeeded += join(lead) ? 1 : 0;
            }
        } finally {
            graphCalls.write();
        }
        if (succeeded > 0) {
            OffsetDateTime at = now();
            tenancy.runAs(organizationId, () -> {
                registry.active(IntegrationType.FACEBOOK);
                db.update(META_PAGES).set(META_PAGES.LAST_ACTIVITY_AT, at).set(META_PAGES.STATUS, "connected")
                        .where(META_PAGES.ORGANIZATION_ID.eq(organizationId), META_PAGES.PAGE_ID.in(pageIds),
                                META_PAGES.LAST_ACTIVITY_AT.isNull()
                                        .or(META_PAGES.LAST_ACTIVITY_AT.lt(at.minusMinutes(1))))
                        .execute();
            });
        }
        return due.size();
    }

    private Fetched fetch(MetaLeadChangesRecord change, PageInfo page, IntegrationLog.Batch graphCalls) {
        if (page == null) {
            return new Fetched(change, null, "page " + change.getPageId() + " is no longer connected");
        }
        try {
            JsonNode lead = graph.get("/" + change.getLeadgenId(), Map.of("fields", LEAD_FIELDS), page.token(),
                    graphCalls);
            return new Fetched(change, lead, null);
        } catch (GraphClient.GraphException e) {
            return new Fetched(change, null, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Meta lead {} could not be fetched", change.getLeadgenId(), e);
            return new Fetched(change, null, "the lead could not be fetched: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Leads of the same person are taken in one after another, so the second finds the first (phone or email);
     * each lead is taken in as soon as it is fetched, while the rest of the batch is still being fetched.
     */
    private static String personKey(Fetched fetched) {
        if (fetched.lead() != null) {
            for (JsonNode answer : fetched.lead().path("field_data")) {
                String name = answer.path("name").asString("");
                String value = answer.path("values").path(0).asString("");
                if (!value.isBlank() && (name.contains("phone"))) {
                    String digits = value.replaceAll("\\D", "");
                    return "phone:" + (digits.length() > 10 ? digits.substring(digits.length() - 10) : digits);
                }
                if (!value.isBlank() && name.equals("email")) {
                    return "email:" + value.trim().toLowerCase();
                }
            }
        }
        return "lead:" + fetched.change().getLeadgenId();
    }

    /** Takes the fetched lead in, or records the failure; answers whether the lead went in. */
    private boolean take(UUID organizationId, Fetched fetched, PageInfo page, FormInfo form) {
        MetaLeadChangesRecord change = fetched.change();
        if (fetched.failure() != null) {
            fail(organizationId, change, fetched.failure());
            return false;
        }
        Map<String, Object> request = request(change, fetched.lead(), page, form);
        Set<String> dropped = new java.util.LinkedHashSet<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Boolean done = tenancy.callAs(organizationId, () -> receive(organizationId, change, request));
                return done;
            } catch (ApiException e) {
                List<String> fields = e.errors().stream().map(FieldError::field).filter(request::containsKey)
                        .filter(f -> !Set.of("first_name", "platform", "source_lead_id").contains(f)).toList();
                if (fields.isEmpty() || attempt == 2) {
                    fail(organizationId, change, "the lead was refused: " + describe(e));
                    return false;
                }
                for (String field : fields) {
                    Object value = request.remove(field);
                    dropped.add(field + ": " + value);
                }
                request.put("source_details", sourceDetails(request, dropped));
            } catch (RuntimeException e) {
                log.warn("Meta lead {} could not be taken in", change.getLeadgenId(), e);
                fail(organizationId, change, "the lead could not be stored: " + e.getClass().getSimpleName());
                return false;
            }
        }
        return false;
    }

    private Boolean receive(UUID organizationId, MetaLeadChangesRecord change, Map<String, Object> request) {
        MetaLeadChangesRecord locked = db.selectFrom(META_LEAD_CHANGES)
                .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId), META_LEAD_CHANGES.ID.eq(change.getId()),
                        META_LEAD_CHANGES.NEXT_ATTEMPT_AT.isNotNull())
                .forUpdate().skipLocked().fetchOne();
        if (locked == null) {
            return false;
        }
        LeadIntake.Arrival arrival = intake.receive(organizationId, json.convertValue(request, LeadRequest.class));
        db.update(META_LEAD_CHANGES)
                .set(META_LEAD_CHANGES.STATUS, "processed")
                .setNull(META_LEAD_CHANGES.REASON)
                .set(META_LEAD_CHANGES.ATTEMPTS, locked.getAttempts() + 1)
                .setNull(META_LEAD_CHANGES.NEXT_ATTEMPT_AT)
                .set(META_LEAD_CHANGES.LEAD_ID, arrival.leadId())
                .set(META_LEAD_CHANGES.LEAD_CREATED, arrival.created())
                .set(META_LEAD_CHANGES.PROCESSED_AT, now())
                .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId), META_LEAD_CHANGES.ID.eq(change.getId()))
                .execute();
        return true;
    }

    private void fail(UUID organizationId, MetaLeadChangesRecord change, String reason) {
        tenancy.runAs(organizationId, () -> {
            MetaLeadChangesRecord locked = db.selectFrom(META_LEAD_CHANGES)
                    .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId),
                            META_LEAD_CHANGES.ID.eq(change.getId()), META_LEAD_CHANGES.NEXT_ATTEMPT_AT.isNotNull())
                    .forUpdate().skipLocked().fetchOne();
            if (locked == null) {
                return;
            }
            int attempts = locked.getAttempts() + 1;
            OffsetDateTime next = attempts < properties.maxAttempts() ? now().plus(properties.backoff(attempts)) : null;
            db.update(META_LEAD_CHANGES)
                    .set(META_LEAD_CHANGES.STATUS, "failed")
                    .set(META_LEAD_CHANGES.REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                    .set(META_LEAD_CHANGES.ATTEMPTS, attempts)
                    .set(META_LEAD_CHANGES.NEXT_ATTEMPT_AT, next)
                    .set(META_LEAD_CHANGES.PROCESSED_AT, now())
                    .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId),
                            META_LEAD_CHANGES.ID.eq(change.getId()))
                    .execute();
            db.update(META_PAGES).set(META_PAGES.LAST_ERROR, reason).set(META_PAGES.LAST_ERROR_AT, now())
                    .where(META_PAGES.ORGANIZATION_ID.eq(organizationId), META_PAGES.PAGE_ID.eq(change.getPageId()))
                    .execute();
        });
        registry.failed(organizationId, IntegrationType.FACEBOOK, "Lead " + change.getLeadgenId() + ": " + reason);
    }

    /** The lead as the intake takes it: wire names of {@link LeadRequest}. */
    Map<String, Object> request(MetaLeadChangesRecord change, JsonNode lead, PageInfo page, FormInfo form) {
        MetaLeadMapping.Mapped mapped = MetaLeadMapping.map(lead.path("field_data"), form == null ? null
                : form.mapping());
        Map<String, Object> request = new LinkedHashMap<>(mapped.fields());
        if (!request.containsKey("first_name")) {
            Object email = request.get("email");
            request.put("first_name", email instanceof String e && e.contains("@") ? e.substring(0, e.indexOf('@'))
                    : "Lead from " + (change.getPlatform().equals("instagram") ? "Instagram" : "Facebook"));
        }
        String platform = change.getPlatform();
        String leadPlatform = lead.path("platform").asString(null);
        if (leadPlatform != null) {
            platform = MetaInbox.platformOf(leadPlatform, null);
        }
        request.put("platform", platform);
        request.put("source", platform.equals("instagram") ? "Instagram lead ads" : "Facebook lead ads");
        request.put("source_lead_id", change.getLeadgenId());
        request.put("page_id", change.getPageId());
        if (page != null) {
            request.put("page_name", cut(page.name(), 200));
        }
        String formId = firstText(lead.path("form_id").asString(null), change.getFormId());
        request.put("form_id", formId);
        request.put("ad_id", firstText(lead.path("ad_id").asString(null), change.getAdId()));
        request.put("campaign_id", lead.path("campaign_id").asString(null));
        request.put("utm_source", platform);
        request.put("utm_medium", "paid_social");
        String campaign = lead.path("campaign_name").asString(null);
        if (campaign != null) {
            request.put("utm_campaign", cut(campaign, 200));
        }
        OffsetDateTime created = time(lead.path("created_time").asString(null));
        if (created == null) {
            created = change.getLeadCreatedAt();
        }
        request.put("consent_at", consent(lead, created));
        if (!mapped.customFields().isEmpty()) {
            request.put("custom_fields", mapped.customFields());
        }
        List<String> notes = new ArrayList<>();
        if (form != null && form.name() != null) {
            notes.add("Form: " + form.name());
        }
        notes.addAll(mapped.unmapped());
        request.put("source_details", sourceDetails(notes));
        request.replaceAll((key, value) -> value instanceof String s ? cut(s, key.equals("source_details") ? 1000
                : key.equals("page_url") ? 2000 : 200) : value);
        for (String small : List.of("first_name", "last_name", "city", "state", "country", "stream",
                "intake_preference", "source")) {
            if (request.get(small) instanceof String s) {
                request.put(small, cut(s, 100));
            }
        }
        request.values().removeIf(java.util.Objects::isNull);
        return request;
    }

    /** The time the person agreed: the lead's time, unless a custom disclaimer of the form was left unticked. */
    private static OffsetDateTime consent(JsonNode lead, OffsetDateTime created) {
        for (JsonNode response : lead.path("custom_disclaimer_responses")) {
            String checked = response.path("is_checked").asString("");
            if (!(checked.equals("1") || checked.equalsIgnoreCase("true"))) {
                return null;
            }
        }
        return created;
    }

    private static String sourceDetails(List<String> notes) {
        return notes.isEmpty() ? null : cut(String.join("\n", notes), 1000);
    }

    private static String sourceDetails(Map<String, Object> request, Set<String> dropped) {
        Object existing = request.get("source_details");
        List<String> notes = new ArrayList<>();
        if (existing instanceof String s && !s.isBlank()) {
            notes.add(s);
        }
        notes.addAll(dropped);
        return sourceDetails(notes);
    }

    private static String describe(ApiException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        return e.errors().stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse("");
    }

    static OffsetDateTime time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, GRAPH_TIME).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String firstText(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static <T> T limited(Semaphore slots, Supplier<T> work) throws InterruptedException {
        slots.acquire();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while processing Meta leads", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Processing a Meta lead failed", e.getCause());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

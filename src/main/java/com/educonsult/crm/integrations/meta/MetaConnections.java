package com.educonsult.crm.integrations.meta;

import static com.educonsult.crm.jooq.Tables.META_FORMS;
import static com.educonsult.crm.jooq.Tables.META_LEAD_CHANGES;
import static com.educonsult.crm.jooq.Tables.META_PAGES;

import com.educonsult.crm.integrations.IntegrationEvents;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.integrations.MetaLeadAds;
import com.educonsult.crm.jooq.tables.records.MetaFormsRecord;
import com.educonsult.crm.jooq.tables.records.MetaLeadChangesRecord;
import com.educonsult.crm.jooq.tables.records.MetaPagesRecord;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.TenantContext;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.secrets.SecretBox;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.context.event.EventListener;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connecting an organization's Facebook pages (OAuth dialog or a user access token, the app subscribed to each
 * page's leadgen field, page tokens sealed), their lead forms and mappings, and the lead changes an admin sees
 * and replays. Graph calls are made outside any transaction; each database step is a short transaction of the
 * organization.
 */
@Service
class MetaConnections implements MetaLeadAds {

    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };
    private static final Duration STATE_TTL = Duration.ofMinutes(15);
    static final String SCOPES = "pages_show_list,pages_manage_metadata,pages_read_engagement,leads_retrieval,"
            + "ads_management";

    private final DSLContext db;
    private final Tenancy tenancy;
    private final GraphClient graph;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final MetaProperties properties;
    private final IntegrationRegistry registry;
    private final LeadForm leadForm;
    private final AuditTrail audit;
    private final PublicUrl publicUrl;
    private final MetaLeadProcessing processing;
    private final Clock clock;

    MetaConnections(DSLContext db, Tenancy tenancy, GraphClient graph, SecretBox secrets, JsonMapper json,
            MetaProperties properties, IntegrationRegistry registry, LeadForm leadForm, AuditTrail audit,
            PublicUrl publicUrl, MetaLeadProcessing processing, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.graph = graph;
        this.secrets = secrets;
        this.json = json;
        this.properties = properties;
        this.registry = registry;
        this.leadForm = leadForm;
        this.audit = audit;
        this.publicUrl = publicUrl;
        this.processing = processing;
        this.clock = clock;
    }

    @Override
    public Setup setup() {
        List<String> missing = new ArrayList<>();
        if (blank(properties.appId())) {
            missing.add("META_APP_ID");
        }
        if (blank(properties.appSecret())) {
            missing.add("META_APP_SECRET");
        }
        if (blank(properties.verifyToken())) {
            missing.add("META_VERIFY_TOKEN");
        }
        return new Setup(properties.webhookConfigured(), properties.oauthConfigured(),
                publicUrl.of("/webhooks/facebook"), properties.graphVersion(), missing);
    }

    // ---- connecting --------------------------------------------------------------------------------------

    @Override
    public String authorizationUrl(CurrentUser user, String redirectUri) {
        requireOauth();
        String state = secrets.seal(user.organizationId() + "|" + user.userId() + "|"
                + clock.instant().plus(STATE_TTL).getEpochSecond());
        String base = properties.dialogUrl().endsWith("/") ? properties.dialogUrl()
                : properties.dialogUrl() + "/";
        return base + properties.graphVersion() + "/dialog/oauth?client_id=" + encode(properties.appId())
                + "&redirect_uri=" + encode(redirectUri) + "&state=" + encode(state) + "&scope=" + encode(SCOPES)
                + "&response_type=code";
    }

    @Override
    public Offer exchangeCode(CurrentUser user, String code, String state, String redirectUri) {
        requireOauth();
        checkState(user, state);
        if (blank(code) || code.length() > 2000) {
            throw ApiException.invalid("code", "Meta's dialog gave no code: start the connection again");
        }
        JsonNode token = graphCall("code", () -> graph.get(user.organizationId(), "/oauth/access_token",
                Map.of("client_id", properties.appId(), "redirect_uri", redirectUri,
                        "client_secret", properties.appSecret(), "code", code), null));
        String userToken = longLived(user.organizationId(), token.path("access_token").asString(""));
        List<AvailablePage> pages = availablePages(user.organizationId(), userToken).stream()
                .map(p -> new AvailablePage(p.path("id").asString(), p.path("name").asString(""),
                        p.path("category").asString(null), connectedHere(user.organizationId(), p.path("id").asString())))
                .toList();
        return new Offer(secrets.seal(userToken), pages);
    }

    @Override
    public List<ConnectedPage> connect(CurrentUser user, String userAccessToken, List<String> pageIds) {
        if (blank(userAccessToken)) {
            throw ApiException.invalid("user_access_token", "must be a Facebook user access token");
        }
        String token = longLived(user.organizationId(), userAccessToken.trim());
        return connectWith(user, token, pageIds);
    }

    @Override
    public List<ConnectedPage> connectOffered(CurrentUser user, String sealedUserToken, List<String> pageIds) {
        String token;
        try {
            token = secrets.open(sealedUserToken);
        } catch (RuntimeException e) {
            throw ApiException.invalid("user_token", "The connection expired: start it again");
        }
        if (pageIds == null || pageIds.isEmpty()) {
            throw ApiException.invalid("page_ids", "Choose at least one page");
        }
        return connectWith(user, token, pageIds);
    }

    private List<ConnectedPage> connectWith(CurrentUser user, String userToken, List<String> pageIds) {
        UUID organizationId = user.organizationId();
        List<JsonNode> managed = availablePages(organizationId, userToken);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        managed.forEach(p -> byId.put(p.path("id").asString(), p));
        List<String> chosen = pageIds == null || pageIds.isEmpty() ? List.copyOf(byId.keySet()) : pageIds;
        if (chosen.isEmpty()) {
            throw ApiException.invalid("user_access_token", "The Facebook user manages no page");
        }
        for (String pageId : chosen) {
            if (!byId.containsKey(pageId)) {
                throw ApiException.invalid("page_ids", "The Facebook user does not manage page " + pageId);
            }
            UUID owner = db.select(DSL.field("meta_page_organization({0})", UUID.class, DSL.val(pageId)))
                    .fetchOne(0, UUID.class);
            if (owner != null && !owner.equals(organizationId)) {
                throw ApiException.conflict("page_ids", "Page " + pageId + " is connected to another organization; "
                        + "it must be disconnected there first");
            }
        }
        for (String pageId : chosen) {
            JsonNode page = byId.get(pageId);
            String pageToken = page.path("access_token").asString("");
            if (pageToken.isBlank()) {
                throw ApiException.invalid("page_ids", "Meta gave no page token for page " + pageId
                        + ": the user must be an admin of it");
            }
            graphCall("page_ids", () -> graph.post(organizationId, "/" + pageId + "/subscribed_apps",
                    Map.of("subscribed_fields", "leadgen"), pageToken));
            List<JsonNode> forms = fetchForms(organizationId, pageId, pageToken, "page_ids");
            tenancy.runAs(organizationId, () -> {
                storePage(user, pageId, page.path("name").asString(pageId), pageToken);
                storeForms(organizationId, pageId, forms);
            });
        }
        tenancy.runAs(organizationId, () -> {
            Map<String, Object> settings = Map.of("pages", pageIdsOf(organizationId));
            registry.connect(user, IntegrationType.FACEBOOK, Map.of("user_access_token", userToken), settings);
            audit.record("meta.pages_connected", "integration", "facebook", null, Map.of("pages", chosen));
        });
        return pages();
    }

    private void storePage(CurrentUser user, String pageId, String name, String pageToken) {
        String sealed = secrets.seal(pageToken);
        OffsetDateTime now = now();
        db.insertInto(META_PAGES)
                .set(META_PAGES.ORGANIZATION_ID, user.organizationId())
                .set(META_PAGES.PAGE_ID, pageId)
                .set(META_PAGES.NAME, cut(name, 200))
                .set(META_PAGES.ACCESS_TOKEN, sealed)
                .set(META_PAGES.SUBSCRIBED, true)
                .set(META_PAGES.STATUS, "connected")
                .set(META_PAGES.CONNECTED_BY, user.userId())
                .set(META_PAGES.CONNECTED_AT, now)
                .onConflict(META_PAGES.ORGANIZATION_ID, META_PAGES.PAGE_ID).doUpdate()
                .set(META_PAGES.NAME, cut(name, 200))
                .set(META_PAGES.ACCESS_TOKEN, sealed)
                .set(META_PAGES.SUBSCRIBED, true)
                .set(META_PAGES.STATUS, "connected")
                .setNull(META_PAGES.LAST_ERROR)
                .setNull(META_PAGES.LAST_ERROR_AT)
                .execute();
    }

    private List<JsonNode> fetchForms(UUID organizationId, String pageId, String pageToken, String field) {
        JsonNode answer = graphCall(field, () -> graph.get(organizationId, "/" + pageId + "/leadgen_forms",
                Map.of("fields", "id,name,status,questions", "limit", "100"), pageToken));
        List<JsonNode> forms = new ArrayList<>();
        answer.path("data").forEach(forms::add);
        return forms;
    }

    private void storeForms(UUID organizationId, String pageId, List<JsonNode> forms) {
        for (JsonNode form : forms) {
            String formId = form.path("id").asString("");
            if (!formId.matches("[0-9]{1,40}")) {
                continue;
            }
            List<Map<String, String>> questions = new ArrayList<>();
            for (JsonNode q : form.path("questions")) {
                String key = q.path("key").asString("");
                if (key.isBlank()) {
                    continue;
                }
                Map<String, String> question = new LinkedHashMap<>();
                question.put("key", cut(key, 200));
                question.put("label", cut(q.path("label").asString(key), 500));
                question.put("type", cut(q.path("type").asString("CUSTOM"), 50));
                questions.add(question);
            }
            JSONB questionsJson = JSONB.valueOf(json.writeValueAsString(questions));
            db.insertInto(META_FORMS)
                    .set(META_FORMS.ORGANIZATION_ID, organizationId)
                    .set(META_FORMS.FORM_ID, formId)
                    .set(META_FORMS.PAGE_ID, pageId)
                    .set(META_FORMS.NAME, cut(form.path("name").asString(formId), 300))
                    .set(META_FORMS.STATUS, cut(form.path("status").asString(null), 50))
                    .set(META_FORMS.QUESTIONS, questionsJson)
                    .onConflict(META_FORMS.ORGANIZATION_ID, META_FORMS.FORM_ID).doUpdate()
                    .set(META_FORMS.PAGE_ID, pageId)
                    .set(META_FORMS.NAME, cut(form.path("name").asString(formId), 300))
                    .set(META_FORMS.STATUS, cut(form.path("status").asString(null), 50))
                    .set(META_FORMS.QUESTIONS, questionsJson)
                    .set(META_FORMS.UPDATED_AT, now())
                    .execute();
        }
    }

    private List<JsonNode> availablePages(UUID organizationId, String userToken) {
        JsonNode answer = graphCall("user_access_token", () -> graph.get(organizationId, "/me/accounts",
                Map.of("fields", "id,name,access_token,category", "limit", "100"), userToken));
        List<JsonNode> pages = new ArrayList<>();
        answer.path("data").forEach(p -> {
            if (p.path("id").asString("").matches("[0-9]{1,40}")) {
                pages.add(p);
            }
        });
        return pages;
    }

    /** A long-lived user token (about 60 days; its page tokens do not expire) when the app is configured. */
    private String longLived(UUID organizationId, String userToken) {
        if (!properties.oauthConfigured() || userToken.isBlank()) {
            return userToken;
        }
        JsonNode answer = graphCall("user_access_token", () -> graph.get(organizationId, "/oauth/access_token",
                Map.of("grant_type", "fb_exchange_token", "client_id", properties.appId(),
                        "client_secret", properties.appSecret(), "fb_exchange_token", userToken), null));
        String token = answer.path("access_token").asString("");
        return token.isBlank() ? userToken : token;
    }

    private void checkState(CurrentUser user, String state) {
        String[] parts;
        try {
            parts = secrets.open(state).split("\\|");
        } catch (RuntimeException e) {
            throw ApiException.invalid("state", "The connection did not start here: start it again");
        }
        if (parts.length != 3 || !parts[0].equals(String.valueOf(user.organizationId()))
                || !parts[1].equals(String.valueOf(user.userId()))
                || Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(clock.instant())) {
            throw ApiException.invalid("state", "The connection expired or was started by someone else: start it again");
        }
    }

    private void requireOauth() {
        if (!properties.oauthConfigured()) {
            throw ApiException.invalid("facebook", "No Meta app is configured on this server: set META_APP_ID and "
                    + "META_APP_SECRET");
        }
    }

    private static <T> T graphCall(String field, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (GraphClient.GraphException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw ApiException.invalid(field, e.getMessage());
            }
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    // ---- pages and forms ----------------------------------------------------------------------------------

    @Override
    public List<ConnectedPage> pages() {
        UUID organizationId = TenantContext.require();
        return tenancy.callAs(organizationId, () -> {
            Map<String, Integer> forms = db.select(META_FORMS.PAGE_ID, DSL.count()).from(META_FORMS)
                    .where(META_FORMS.ORGANIZATION_ID.eq(organizationId)).groupBy(META_FORMS.PAGE_ID)
                    .fetchMap(r -> r.value1(), r -> r.value2());
            return db.selectFrom(META_PAGES).where(META_PAGES.ORGANIZATION_ID.eq(organizationId))
                    .orderBy(META_PAGES.NAME, META_PAGES.PAGE_ID)
                    .fetch(r -> view(r, forms.getOrDefault(r.getPageId(), 0)));
        });
    }

    @Override
    public ConnectedPage page(String pageId) {
        return pages().stream().filter(p -> p.pageId().equals(pageId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Page"));
    }

    @Override
    public void disconnect(CurrentUser user, String pageId) {
        UUID organizationId = user.organizationId();
        boolean last = tenancy.callAs(organizationId, () -> {
            ConnectedPage before = page(pageId);
            db.deleteFrom(META_PAGES).where(META_PAGES.ORGANIZATION_ID.eq(organizationId),
                    META_PAGES.PAGE_ID.eq(pageId)).execute();
            audit.record("meta.page_disconnected", "integration", "facebook", before, null);
            return pageIdsOf(organizationId).isEmpty();
        });
        if (last) {
            tenancy.runAs(organizationId, () -> registry.disconnect(user, IntegrationType.FACEBOOK));
        }
    }

    /** An admin disconnected Facebook: the pages, their tokens and forms are forgotten. */
    @EventListener
    void on(IntegrationEvents.IntegrationDisconnected event) {
        if (event.type() != IntegrationType.FACEBOOK) {
            return;
        }
        tenancy.runAs(event.organizationId(), () -> db.deleteFrom(META_PAGES)
                .where(META_PAGES.ORGANIZATION_ID.eq(event.organizationId())).execute());
    }

    @Override
    public List<Form> forms(String pageId) {
        page(pageId);
        UUID organizationId = TenantContext.require();
        return tenancy.callAs(organizationId, () -> db.selectFrom(META_FORMS)
                .where(META_FORMS.ORGANIZATION_ID.eq(organizationId), META_FORMS.PAGE_ID.eq(pageId))
                .orderBy(META_FORMS.NAME, META_FORMS.FORM_ID).fetch(this::view));
    }

    @Override
    public List<Form> refreshForms(String pageId) {
        UUID organizationId = TenantContext.require();
        page(pageId);
        String token = tenancy.callAs(organizationId, () -> secrets.open(db.select(META_PAGES.ACCESS_TOKEN)
                .from(META_PAGES).where(META_PAGES.ORGANIZATION_ID.eq(organizationId), META_PAGES.PAGE_ID.eq(pageId))
                .fetchOne(META_PAGES.ACCESS_TOKEN)));
        List<JsonNode> forms = fetchForms(organizationId, pageId, token, "page_id");
        tenancy.runAs(organizationId, () -> storeForms(organizationId, pageId, forms));
        return forms(pageId);
    }

    @Override
    public Form form(String formId) {
        UUID organizationId = TenantContext.require();
        return tenancy.callAs(organizationId, () -> db.selectFrom(META_FORMS)
                .where(META_FORMS.ORGANIZATION_ID.eq(organizationId), META_FORMS.FORM_ID.eq(formId))
                .fetchOptional(this::view).orElseThrow(() -> ApiException.notFound("Form")));
    }

    @Override
    public Form saveMapping(CurrentUser user, String formId, Map<String, String> mapping) {
        UUID organizationId = user.organizationId();
        return tenancy.callAs(organizationId, () -> {
            Form before = form(formId);
            Set<String> questions = before.questions().stream().map(Question::key).collect(Collectors.toSet());
            Set<String> customKeys = customFieldKeys(organizationId);
            List<FieldError> errors = new ArrayList<>();
            Map<String, String> saved = new TreeMap<>();
            (mapping == null ? Map.<String, String>of() : mapping).forEach((question, target) -> {
                if (!questions.contains(question)) {
                    errors.add(new FieldError("mapping." + question, "is not a question of this form"));
                } else if (target == null || target.isBlank()) {
                    return;
                } else if (!MetaLeadMapping.validTarget(target, customKeys)) {
                    errors.add(new FieldError("mapping." + question, "must be a lead field, custom_fields.<key> "
                            + "of a custom field, or ignore"));
                } else {
                    saved.put(question, target);
                }
            });
            if (!errors.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The mapping names unknown questions or fields", errors);
            }
            db.update(META_FORMS).set(META_FORMS.MAPPING, JSONB.valueOf(json.writeValueAsString(saved)))
                    .set(META_FORMS.UPDATED_AT, now())
                    .where(META_FORMS.ORGANIZATION_ID.eq(organizationId), META_FORMS.FORM_ID.eq(formId)).execute();
            Form after = form(formId);
            audit.record("meta.form_mapped", "meta_form", formId, before, after);
            return after;
        });
    }

    @Override
    public List<Target> targets() {
        UUID organizationId = TenantContext.require();
        List<Target> targets = new ArrayList<>();
        for (String field : MetaLeadMapping.LEAD_FIELDS) {
            targets.add(new Target(field, label(field)));
        }
        for (LeadForm.FormField field : leadForm.definition(organizationId)) {
            targets.add(new Target(MetaLeadMapping.CUSTOM + field.key(), field.label() + " (custom field)"));
        }
        targets.add(new Target(MetaLeadMapping.IGNORE, "Ignore this answer"));
        return targets;
    }

    private Set<String> customFieldKeys(UUID organizationId) {
        return leadForm.definition(organizationId).stream().map(LeadForm.FormField::key).collect(Collectors.toSet());
    }

    // ---- deliveries ----------------------------------------------------------------------------------------

    @Override
    public Page<Delivery> deliveries(String status, PageRequest page) {
        UUID organizationId = TenantContext.require();
        if (status != null && !Set.of("received", "processed", "failed").contains(status)) {
            throw ApiException.invalid("status", "must be received, processed or failed");
        }
        return tenancy.callAs(organizationId, () -> {
            Condition where = META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId);
            if (status != null) {
                where = where.and(META_LEAD_CHANGES.STATUS.eq(status));
            }
            List<Delivery> items = db.selectFrom(META_LEAD_CHANGES).where(where)
                    .orderBy(META_LEAD_CHANGES.RECEIVED_AT.desc(), META_LEAD_CHANGES.ID.desc())
                    .limit(page.limit()).offset(page.offset()).fetch(MetaConnections::view);
            long total = db.fetchCount(META_LEAD_CHANGES, where);
            return page.page(items, total);
        });
    }

    @Override
    public Delivery delivery(UUID id) {
        UUID organizationId = TenantContext.require();
        return tenancy.callAs(organizationId, () -> db.selectFrom(META_LEAD_CHANGES)
                .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId), META_LEAD_CHANGES.ID.eq(id))
                .fetchOptional(MetaConnections::view).orElseThrow(() -> ApiException.notFound("Delivery")));
    }

    @Override
    public Delivery replay(CurrentUser user, UUID id) {
        UUID organizationId = user.organizationId();
        Delivery replayed = tenancy.callAs(organizationId, () -> {
            Delivery before = delivery(id);
            if ("processed".equals(before.status())) {
                throw ApiException.conflict("id", "The lead was already taken in; there is nothing to replay");
            }
            db.update(META_LEAD_CHANGES).set(META_LEAD_CHANGES.STATUS, "received")
                    .set(META_LEAD_CHANGES.ATTEMPTS, 0)
                    .set(META_LEAD_CHANGES.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime())
                    .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId), META_LEAD_CHANGES.ID.eq(id))
                    .execute();
            audit.record("meta.delivery_replayed", "meta_lead_change", id, before, null);
            return delivery(id);
        });
        processing.wake();
        return replayed;
    }

    @Override
    public int replayFailed(CurrentUser user) {
        UUID organizationId = user.organizationId();
        int replayed = tenancy.callAs(organizationId, () -> {
            int n = db.update(META_LEAD_CHANGES).set(META_LEAD_CHANGES.STATUS, "received")
                    .set(META_LEAD_CHANGES.ATTEMPTS, 0)
                    .set(META_LEAD_CHANGES.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime())
                    .where(META_LEAD_CHANGES.ORGANIZATION_ID.eq(organizationId),
                            META_LEAD_CHANGES.STATUS.eq("failed"))
                    .execute();
            audit.record("meta.deliveries_replayed", "integration", "facebook", null, Map.of("replayed", n));
            return n;
        });
        processing.wake();
        return replayed;
    }

    // ---- views ---------------------------------------------------------------------------------------------

    private List<String> pageIdsOf(UUID organizationId) {
        return db.select(META_PAGES.PAGE_ID).from(META_PAGES).where(META_PAGES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(META_PAGES.PAGE_ID).fetch(META_PAGES.PAGE_ID);
    }

    private boolean connectedHere(UUID organizationId, String pageId) {
        UUID owner = db.select(DSL.field("meta_page_organization({0})", UUID.class, DSL.val(pageId)))
                .fetchOne(0, UUID.class);
        return organizationId.equals(owner);
    }

    private static ConnectedPage view(MetaPagesRecord r, int forms) {
        return new ConnectedPage(r.getPageId(), r.getName(), r.getSubscribed(), r.getStatus(), r.getConnectedAt(),
                r.getLastActivityAt(), r.getLastError(), r.getLastErrorAt(), forms);
    }

    private Form view(MetaFormsRecord r) {
        Map<String, String> mapping = r.getMapping() == null ? null : json.readValue(r.getMapping().data(), MAPPING);
        List<Question> questions = new ArrayList<>();
        for (JsonNode q : json.readTree(r.getQuestions().data())) {
            String key = q.path("key").asString();
            questions.add(new Question(key, q.path("label").asString(key), q.path("type").asString(null),
                    MetaLeadMapping.targetOf(key, mapping)));
        }
        return new Form(r.getFormId(), r.getPageId(), r.getName(), r.getStatus(), questions, mapping != null,
                r.getUpdatedAt());
    }

    private static Delivery view(MetaLeadChangesRecord r) {
        return new Delivery(r.getId(), r.getDeliveryId(), r.getPageId(), r.getFormId(), r.getLeadgenId(),
                r.getAdId(), r.getPlatform(), r.getStatus(), r.getReason(), r.getAttempts(), r.getNextAttemptAt(),
                r.getLeadId(), r.getLeadCreated(), r.getLeadCreatedAt(), r.getReceivedAt(), r.getProcessedAt());
    }

    private static String label(String field) {
        String words = field.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

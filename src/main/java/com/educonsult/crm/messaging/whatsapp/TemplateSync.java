package com.educonsult.crm.messaging.whatsapp;

import static com.educonsult.crm.jooq.Tables.WHATSAPP_TEMPLATES;

import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.messaging.WhatsAppTemplates;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.web.ApiException;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies the WhatsApp Business account's message templates, with their approval status, into the organization's
 * template list: on an admin's request and every day for every connected organization. Templates deleted at
 * WhatsApp are deleted here.
 */
@Configuration(proxyBeanMethods = false)
class TemplateSync {

    private static final Logger log = LoggerFactory.getLogger(TemplateSync.class);
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{\\s*([0-9]+|[a-z_][a-z0-9_]*)\\s*}}");

    private final DSLContext db;
    private final Tenancy tenancy;
    private final WhatsAppAccounts accounts;
    private final CloudApiClient client;
    private final WhatsAppTemplates templates;
    private final IntegrationRegistry registry;
    private final JsonMapper json;
    private final Clock clock;

    TemplateSync(DSLContext db, Tenancy tenancy, WhatsAppAccounts accounts, CloudApiClient client,
            WhatsAppTemplates templates, IntegrationRegistry registry, JsonMapper json, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.accounts = accounts;
        this.client = client;
        this.templates = templates;
        this.registry = registry;
        this.json = json;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> whatsAppTemplateSyncTask() {
        return Tasks.recurring("whatsapp-template-sync", Schedules.cron("0 30 1 * * *", ZoneOffset.UTC))
                .execute((instance, context) -> syncAll());
    }

    void syncAll() {
        List<UUID> organizations = db.select(DSL.field("provider_callback_organizations()", UUID.class))
                .fetch(0, UUID.class);
        for (UUID organization : organizations) {
            try {
                if (accounts.of(organization).filter(a -> a.wabaId() != null).isPresent()) {
                    sync(organization);
                }
            } catch (RuntimeException e) {
                log.warn("Syncing the WhatsApp templates of organization {} failed: {}", organization, e.getMessage());
            }
        }
    }

    /**
     * Fetches the account's templates and stores them: 422 naming {@code type} when WhatsApp is not connected or
     * has no business account id, 502 when the Cloud API does not answer as it should.
     */
    List<WhatsAppTemplates.Template> sync(UUID organizationId) {
        WhatsAppAccounts.Account account = accounts.require(organizationId);
        if (account.wabaId() == null) {
            throw ApiException.invalid("type", "the WhatsApp connection has no waba_id (WhatsApp Business account "
                    + "id): connect WhatsApp again with it");
        }
        List<JsonNode> fetched;
        try {
            fetched = client.templates(organizationId, account.wabaId(), account.accessToken());
        } catch (CloudApiClient.CloudException e) {
            registry.failed(organizationId, IntegrationType.WHATSAPP, e.getMessage());
            throw new ApiException(org.springframework.http.HttpStatus.BAD_GATEWAY, "The WhatsApp templates could "
                    + "not be fetched: " + e.getMessage());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return tenancy.callAs(organizationId, () -> {
            Set<String> seen = new HashSet<>();
            for (JsonNode template : fetched) {
                String name = template.path("name").asString(null);
                String language = template.path("language").asString(null);
                if (name == null || language == null || !seen.add(name + "\u0000" + language)) {
                    continue;
                }
                String body = null;
                for (JsonNode component : template.path("components")) {
                    if ("BODY".equalsIgnoreCase(component.path("type").asString(""))) {
                        body = component.path("text").asString(null);
                    }
                }
                int parameters = parameterCount(body);
                String status = template.path("status").asString("PENDING").toUpperCase(java.util.Locale.ROOT);
                JSONB components = JSONB.valueOf(json.writeValueAsString(template.path("components").isArray()
                        ? template.path("components") : json.createArrayNode()));
                db.insertInto(WHATSAPP_TEMPLATES)
                        .set(WHATSAPP_TEMPLATES.ORGANIZATION_ID, organizationId)
                        .set(WHATSAPP_TEMPLATES.PROVIDER_ID, template.path("id").asString(null))
                        .set(WHATSAPP_TEMPLATES.NAME, name)
                        .set(WHATSAPP_TEMPLATES.LANGUAGE, language)
                        .set(WHATSAPP_TEMPLATES.CATEGORY, template.path("category").asString(null))
                        .set(WHATSAPP_TEMPLATES.STATUS, status)
                        .set(WHATSAPP_TEMPLATES.COMPONENTS, components)
                        .set(WHATSAPP_TEMPLATES.BODY, body)
                        .set(WHATSAPP_TEMPLATES.PARAMETER_COUNT, parameters)
                        .set(WHATSAPP_TEMPLATES.SYNCED_AT, now)
                        .onConflict(WHATSAPP_TEMPLATES.ORGANIZATION_ID, WHATSAPP_TEMPLATES.NAME,
                                WHATSAPP_TEMPLATES.LANGUAGE).doUpdate()
                        .set(WHATSAPP_TEMPLATES.PROVIDER_ID, template.path("id").asString(null))
                        .set(WHATSAPP_TEMPLATES.CATEGORY, template.path("category").asString(null))
                        .set(WHATSAPP_TEMPLATES.STATUS, status)
                        .set(WHATSAPP_TEMPLATES.COMPONENTS, components)
                        .set(WHATSAPP_TEMPLATES.BODY, body)
                        .set(WHATSAPP_TEMPLATES.PARAMETER_COUNT, parameters)
                        .set(WHATSAPP_TEMPLATES.SYNCED_AT, now)
                        .execute();
            }
            db.deleteFrom(WHATSAPP_TEMPLATES).where(WHATSAPP_TEMPLATES.ORGANIZATION_ID.eq(organizationId),
                    WHATSAPP_TEMPLATES.SYNCED_AT.lt(now)).execute();
            registry.active(IntegrationType.WHATSAPP);
            return templates.list(organizationId, false);
        });
    }

    /** How many distinct parameters the body takes ({{1}}, {{2}}... or named ones). */
    static int parameterCount(String body) {
        if (body == null) {
            return 0;
        }
        Set<String> names = new HashSet<>();
        Matcher matcher = PARAMETER.matcher(body);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names.size();
    }
}

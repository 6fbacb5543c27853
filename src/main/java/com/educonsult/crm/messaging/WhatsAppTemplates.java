package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.WHATSAPP_TEMPLATES;

import com.educonsult.crm.jooq.tables.records.WhatsappTemplatesRecord;
import com.educonsult.crm.platform.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization's WhatsApp message templates as last synced from its WhatsApp Business account, with their
 * approval status: outside the 24-hour window only an approved template may be sent. Callers run inside a
 * transaction of the organization.
 */
@Service
public class WhatsAppTemplates {

    @Schema(name = "WhatsAppTemplate", description = "A message template of the WhatsApp Business account")
    public record Template(UUID id, String name, String language,
            @Schema(example = "UTILITY") String category,
            @Schema(description = "Approval status at the provider", example = "APPROVED") String status,
            @Schema(description = "The body text with {{1}}, {{2}}... where parameters go") String body,
            @Schema(description = "How many body parameters the template takes") int parameterCount,
            OffsetDateTime syncedAt) {

        public boolean approved() {
            return "APPROVED".equals(status);
        }
    }

    private final DSLContext db;

    WhatsAppTemplates(DSLContext db) {
        this.db = db;
    }

    /** The organization's templates by name and language; only approved ones when asked. */
    @Transactional(readOnly = true)
    public List<Template> list(UUID organizationId, boolean approvedOnly) {
        return db.selectFrom(WHATSAPP_TEMPLATES)
                .where(WHATSAPP_TEMPLATES.ORGANIZATION_ID.eq(organizationId))
                .and(approvedOnly ? WHATSAPP_TEMPLATES.STATUS.eq("APPROVED") : org.jooq.impl.DSL.noCondition())
                .orderBy(WHATSAPP_TEMPLATES.NAME, WHATSAPP_TEMPLATES.LANGUAGE)
                .fetch(WhatsAppTemplates::view);
    }

    /** Whether the organization's templates were ever synced (then only approved ones are sent). */
    @Transactional(readOnly = true)
    public boolean anySynced(UUID organizationId) {
        return db.fetchExists(WHATSAPP_TEMPLATES, WHATSAPP_TEMPLATES.ORGANIZATION_ID.eq(organizationId));
    }

    @Transactional(readOnly = true)
    public Optional<Template> find(UUID organizationId, String name, String language) {
        return db.selectFrom(WHATSAPP_TEMPLATES)
                .where(WHATSAPP_TEMPLATES.ORGANIZATION_ID.eq(organizationId), WHATSAPP_TEMPLATES.NAME.eq(name),
                        WHATSAPP_TEMPLATES.LANGUAGE.eq(language))
                .fetchOptional(WhatsAppTemplates::view);
    }

    /**
     * The approved template, or a 422 naming the field: unknown (sync the templates first), not approved, or
     * given the wrong number of parameters (when {@code parameters} is not null).
     */
    @Transactional(readOnly = true)
    public Template requireApproved(UUID organizationId, String name, String language, List<String> parameters,
            String field) {
        return requireApproved(organizationId, name, language, parameters, field, "parameters");
    }

    /** The same, naming {@code parametersField} for a wrong number of parameters. */
    @Transactional(readOnly = true)
    public Template requireApproved(UUID organizationId, String name, String language, List<String> parameters,
            String field, String parametersField) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalid(field, "must name an approved WhatsApp template");
        }
        String lang = language == null || language.isBlank() ? "en" : language;
        Template template = find(organizationId, name, lang).orElseThrow(() -> ApiException.invalid(field,
                "no WhatsApp template " + name + " in language " + lang + ": sync the templates from WhatsApp or "
                        + "choose one of those listed"));
        if (!template.approved()) {
            throw ApiException.invalid(field, "the WhatsApp template " + name + " is " + template.status()
                    + ", not APPROVED: only approved templates can be sent");
        }
        if (parameters != null && parameters.size() != template.parameterCount()) {
            throw ApiException.invalid(parametersField, "the template " + name + " takes " + template.parameterCount()
                    + " parameter(s), " + parameters.size() + " given");
        }
        return template;
    }

    static Template view(WhatsappTemplatesRecord row) {
        return new Template(row.getId(), row.getName(), row.getLanguage(), row.getCategory(), row.getStatus(),
                row.getBody(), row.getParameterCount(), row.getSyncedAt());
    }
}

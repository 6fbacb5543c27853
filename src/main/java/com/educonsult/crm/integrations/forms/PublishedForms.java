package com.educonsult.crm.integrations.forms;

import static com.educonsult.crm.jooq.Tables.WEB_FORMS;

import com.educonsult.crm.integrations.WebForms;
import com.educonsult.crm.jooq.tables.records.WebFormsRecord;
import com.educonsult.crm.platform.Tenancy;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;
import org.springframework.stereotype.Component;

/**
 * Finds a form from its public key alone: the key's organization comes from {@code web_form_route()} (the request
 * has no tenant yet), the form is then read as that organization. What was read is kept briefly, since every
 * preflight, script load and submission asks; a change on this node drops it at once.
 */
@Component
class PublishedForms {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{20,64}");

    private final DSLContext db;
    private final Tenancy tenancy;
    private final WebForms forms;
    private final Cache<String, Optional<PublishedForm>> cache;

    PublishedForms(DSLContext db, Tenancy tenancy, WebForms forms, FormsProperties properties) {
        this.db = db;
        this.tenancy = tenancy;
        this.forms = forms;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.cacheTtl()).build();
        forms.onChange(cache::invalidate);
    }

    /** The form with this key, active or not; empty for a key that is no form's. */
    Optional<PublishedForm> find(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        return cache.get(key, this::load);
    }

    private Optional<PublishedForm> load(String key) {
        Result<Record2<UUID, UUID>> route = db.resultQuery(
                "select organization_id, form_id from web_form_route({0})", key)
                .coerce(org.jooq.impl.DSL.field("organization_id", UUID.class),
                        org.jooq.impl.DSL.field("form_id", UUID.class))
                .fetch();
        if (route.size() != 1) {
            return Optional.empty();
        }
        UUID organizationId = route.get(0).value1();
        UUID formId = route.get(0).value2();
        return tenancy.callAs(organizationId, () -> db.selectFrom(WEB_FORMS)
                .where(WEB_FORMS.ORGANIZATION_ID.eq(organizationId), WEB_FORMS.ID.eq(formId))
                .fetchOptional().map(this::published));
    }

    private PublishedForm published(WebFormsRecord f) {
        return new PublishedForm(f.getOrganizationId(), f.getId(), f.getFormKey(), f.getName(), f.getKind(),
                List.copyOf(forms.fieldsOf(f)), forms.mappingOf(f),
                new LinkedHashSet<>(Arrays.asList(f.getAllowedOrigins())), f.getHoneypotField(),
                f.getCaptchaProvider(), f.getCaptchaSiteKey(), forms.open(f.getCaptchaSecret()),
                forms.open(f.getGoogleKey()), f.getRateLimitPerIp(), f.getRateLimitPerForm(), f.getThankYouUrl(),
                f.getThankYouMessage(), f.getActive(), f.getDefaultSource(), f.getDefaultBranchId(),
                Arrays.asList(f.getDefaultTags()));
    }
}

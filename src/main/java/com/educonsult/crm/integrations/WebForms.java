package com.educonsult.crm.integrations;

import static com.educonsult.crm.jooq.Tables.WEB_FORMS;
import static com.educonsult.crm.jooq.Tables.WEB_FORM_SUBMISSIONS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.WebFormSubmissionsRecord;
import com.educonsult.crm.jooq.tables.records.WebFormsRecord;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.Text;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.secrets.SecretBox;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.MergePatch;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organization's website and portal forms: what each shows, how what arrives maps to a lead, who may post it
 * (origins, captcha, rate limits, a Google Ads key) and what the visitor sees after. A form is found from the public
 * web by its key alone; its captcha secret and Google key are sealed at rest and never returned. Callers run inside
 * a transaction of the organization.
 */
@Service
public class WebForms {

    public static final String KINDS = "website|google_ads|portal";
    public static final String FIELD_TYPES = "text|email|tel|textarea|select|checkbox|number|date|hidden";
    public static final String CAPTCHA_PROVIDERS = "turnstile|hcaptcha";
    static final String NAME = "[A-Za-z][A-Za-z0-9_.\\-]{0,63}";

    /** The lead fields a form's field or mapping may fill; {@code custom_fields.<key>} fills a custom field. */
    public static final List<String> LEAD_TARGETS = List.of("full_name", "first_name", "last_name", "phone",
            "secondary_phone", "email", "gender", "city", "state", "country", "student_name", "parent_name",
            "parent_phone", "date_of_birth", "current_education", "current_institution", "stream", "graduation_year",
            "interested_courses", "preferred_countries", "preferred_institutions", "intake_preference", "budget_min",
            "budget_max", "message", "consent", "source_lead_id", "utm_source", "utm_medium", "utm_campaign",
            "utm_term", "utm_content", "page_url", "referrer");
    public static final String CUSTOM_FIELD_PREFIX = "custom_fields.";

    @Schema(name = "WebFormField", description = "One field the embedded form shows")
    public record Field(
            @NotBlank @Pattern(regexp = NAME, message = "must start with a letter and hold letters, digits, _ . -")
            @Schema(description = "The input's name, as the submission carries it") String name,
            @NotBlank @Size(max = 200) String label,
            @NotNull @Pattern(regexp = FIELD_TYPES, message = "must be one of " + FIELD_TYPES) String type,
            Boolean required,
            @Size(max = 100) @Schema(description = "The lead field it fills (see maps_to targets), or "
                    + "custom_fields.<key>; none keeps the answer in the lead's source details") String mapsTo,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> options,
            @Size(max = 200) String placeholder) {
    }

    @Schema(name = "WebFormRequest", description = "A form as an admin writes it. On change (JSON Merge Patch) an "
            + "absent field stays and null clears it; fields, field_mapping, allowed_origins and default_tags are "
            + "replaced whole. Secrets (captcha_secret_key, google_key) are write-only.")
    public record FormRequest(
            @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
            @Pattern(regexp = KINDS, message = "must be one of " + KINDS) String kind,
            @Size(max = 50) List<@NotNull @Valid Field> fields,
            @Size(max = 100) @Schema(description = "Incoming name (website), Google column id (google_ads) or "
                    + "dotted JSON path such as lead.contact.phone or answers[0].value (portal) to the lead field it "
                    + "fills") Map<@NotBlank @Size(max = 200) String, @NotBlank @Size(max = 100) String> fieldMapping,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> allowedOrigins,
            @Pattern(regexp = NAME, message = "must start with a letter and hold letters, digits, _ . -")
            String honeypotField,
            @Pattern(regexp = CAPTCHA_PROVIDERS, message = "must be turnstile or hcaptcha") String captchaProvider,
            @Size(max = 200) String captchaSiteKey,
            @Size(max = 500) @Schema(description = "Write-only; sealed at rest") String captchaSecretKey,
            @Size(min = 8, max = 200) @Schema(description = "Write-only; the key Google Ads sends with each lead. "
                    + "Generated when a google_ads form is created without one, and shown in that answer only")
            String googleKey,
            @Min(1) @Max(10_000) Integer rateLimitPerIp,
            @Min(1) @Max(100_000) Integer rateLimitPerForm,
            @Size(max = 2000) String thankYouUrl,
            @Size(max = 1000) String thankYouMessage,
            Boolean active,
            @Size(max = 100) String defaultSource,
            UUID defaultBranchId,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> defaultTags) {
    }

    @Schema(name = "WebForm", description = "A website, Google Ads or portal form; secrets are never returned")
    public record FormView(UUID id, String name, String formKey,
            @Schema(allowableValues = {"website", "google_ads", "portal"}) String kind,
            @Schema(description = "Where submissions are posted") String endpointUrl,
            @Schema(description = "The embeddable script") String scriptUrl,
            List<Field> fields, Map<String, String> fieldMapping, List<String> allowedOrigins, String honeypotField,
            @Schema(allowableValues = {"turnstile", "hcaptcha"}) String captchaProvider, String captchaSiteKey,
            boolean captchaSecretSet, boolean googleKeySet,
            @Schema(description = "Only in the answer that generated it") String googleKey,
            int rateLimitPerIp, int rateLimitPerForm, String thankYouUrl, String thankYouMessage, boolean active,
            String defaultSource, UUID defaultBranchId, List<String> defaultTags, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        FormView withGoogleKey(String key) {
            return new FormView(id, name, formKey, kind, endpointUrl, scriptUrl, fields, fieldMapping, allowedOrigins,
                    honeypotField, captchaProvider, captchaSiteKey, captchaSecretSet, googleKeySet, key,
                    rateLimitPerIp, rateLimitPerForm, thankYouUrl, thankYouMessage, active, defaultSource,
                    defaultBranchId, defaultTags, createdAt, updatedAt);
        }
    }

    @Schema(name = "WebFormSubmission", description = "One submission of a form and what became of it")
    public record SubmissionView(UUID id, UUID formId, OffsetDateTime receivedAt,
            @Schema(allowableValues = {"accepted", "refused", "test"}) String status, UUID leadId,
            boolean leadCreated, String matchedBy, String error, Map<String, Object> fields, String pageUrl,
            String origin) {
    }

    /** Hears of a form changed or deleted, so that what was read of it for the public web is read again. */
    public interface Changes {
        void changed(String formKey);
    }

    private static final TypeReference<List<Field>> FIELDS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern PATH =
            java.util.regex.Pattern.compile("[A-Za-z0-9_\\-$@]+(\\[\\d{1,4}])*(\\.[A-Za-z0-9_\\-$@]+(\\[\\d{1,4}])*)*");
    private static final java.util.regex.Pattern ORIGIN =
            java.util.regex.Pattern.compile("https?://[a-z0-9.\\-]+(:\\d{1,5})?|https?://\\[[0-9a-f:]+](:\\d{1,5})?");

    private final DSLContext db;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final IntegrationRegistry registry;
    private final UserDirectory users;
    private final LeadForm leadForm;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final List<Changes> listeners = new CopyOnWriteArrayList<>();
    private final jakarta.validation.Validator validator;

    WebForms(DSLContext db, SecretBox secrets, JsonMapper json, AuditTrail audit, IntegrationRegistry registry,
            UserDirectory users, LeadForm leadForm, PublicUrl publicUrl, Clock clock,
            jakarta.validation.Validator validator) {
        this.validator = validator;
        this.db = db;
        this.secrets = secrets;
        this.json = json;
        this.audit = audit;
        this.registry = registry;
        this.users = users;
        this.leadForm = leadForm;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Registers who must hear of changed forms (the public side's cache of forms). */
    public void onChange(Changes listener) {
        listeners.add(listener);
    }

    @Transactional(readOnly = true)
    public List<FormView> list(UUID organizationId) {
        return db.selectFrom(WEB_FORMS).where(WEB_FORMS.ORGANIZATION_ID.eq(organizationId))
                .orderBy(DSL.lower(WEB_FORMS.NAME), WEB_FORMS.ID).fetch(this::view);
    }

    @Transactional(readOnly = true)
    public FormView get(UUID organizationId, UUID id) {
        return view(row(organizationId, id));
    }

    /**
     * Creates a form with a new key; 422 naming the field for what breaks a rule. The organization's website forms
     * (or Google Ads) integration is marked active.
     */
    @Transactional
    public FormView create(CurrentUser user, FormRequest request) {
        UUID organizationId = user.organizationId();
        List<FieldError> errors = checked(request);
        if (request.name() == null) {
            errors.add(new FieldError("name", "is required"));
        }
        if (request.kind() == null) {
            errors.add(new FieldError("kind", "is required: one of " + KINDS));
        }
        throwIfAny(errors);
        WebFormsRecord form = db.newRecord(WEB_FORMS);
        form.setOrganizationId(organizationId);
        form.setId(Ids.newId());
        form.setFormKey(newKey());
        form.setKind(request.kind());
        form.setFields(JSONB.valueOf("[]"));
        form.setFieldMapping(JSONB.valueOf("{}"));
        form.setAllowedOrigins(new String[0]);
        form.setDefaultTags(new String[0]);
        form.setRateLimitPerIp(10);
        form.setRateLimitPerForm(300);
        form.setActive(true);
        form.setCreatedBy(user.userId());
        if ("website".equals(request.kind())) {
            form.setHoneypotField("company_website");
        }
        String generatedKey = null;
        FormRequest effective = request;
        if ("google_ads".equals(request.kind()) && Text.blankToNull(request.googleKey()) == null) {
            generatedKey = newKey();
            effective = withGoogleKey(request, generatedKey);
        }
        if ("website".equals(request.kind()) && request.fields() == null) {
            effective = withFields(effective, DEFAULT_FIELDS);
        }
        apply(organizationId, form, effective, MergePatch.nullKeeps(), true);
        OffsetDateTime now = now();
        form.setCreatedAt(now);
        form.setUpdatedAt(now);
        db.insertInto(WEB_FORMS).set(form).execute();
        registry.active(integrationOf(form.getKind()));
        FormView created = view(row(organizationId, form.getId()));
        audit.record("web_form.created", "web_form", form.getId(), null, created);
        return generatedKey == null ? created : created.withGoogleKey(generatedKey);
    }

    @Transactional
    public FormView update(UUID organizationId, UUID id, FormRequest request, MergePatch patch) {
        WebFormsRecord form = db.selectFrom(WEB_FORMS)
                .where(WEB_FORMS.ORGANIZATION_ID.eq(organizationId), WEB_FORMS.ID.eq(id)).forUpdate()
                .fetchOptional().orElseThrow(() -> ApiException.notFound("Form"));
        FormView before = view(form);
        throwIfAny(checked(request));
        if (request.kind() != null && !request.kind().equals(form.getKind())) {
            throw ApiException.invalid("kind", "cannot be changed: create a new form of the other kind");
        }
        for (String required : List.of("name", "kind", "fields", "field_mapping", "allowed_origins", "active",
                "rate_limit_per_ip", "rate_limit_per_form", "default_tags")) {
            if (patch.clears(required)) {
                throw ApiException.invalid(required, "cannot be null");
            }
        }
        apply(organizationId, form, request, patch, false);
        form.setUpdatedAt(now());
        db.update(WEB_FORMS).set(form)
                .where(WEB_FORMS.ORGANIZATION_ID.eq(organizationId), WEB_FORMS.ID.eq(id)).execute();
        FormView after = view(row(organizationId, id));
        audit.record("web_form.updated", "web_form", id, before, after);
        changed(before.formKey());
        return after;
    }

    /** Gives the form a new key: the old snippet and endpoint stop working at once. */
    @Transactional
    public FormView rotateKey(UUID organizationId, UUID id) {
        WebFormsRecord form = row(organizationId, id);
        String oldKey = form.getFormKey();
        db.update(WEB_FORMS).set(WEB_FORMS.FORM_KEY, newKey()).set(WEB_FORMS.UPDATED_AT, now())
                .where(WEB_FORMS.ORGANIZATION_ID.eq(organizationId), WEB_FORMS.ID.eq(id)).execute();
        FormView after = view(row(organizationId, id));
        audit.record("web_form.key_rotated", "web_form", id, null, null);
        changed(oldKey);
        return after;
    }

    @Transactional
    public void delete(UUID organizationId, UUID id) {
        FormView before = get(organizationId, id);
        db.deleteFrom(WEB_FORMS).where(WEB_FORMS.ORGANIZATION_ID.eq(organizationId), WEB_FORMS.ID.eq(id)).execute();
        audit.record("web_form.deleted", "web_form", id, before, null);
        changed(before.formKey());
    }

    /**
     * Disconnecting website forms (or Google Ads) pauses the organization's forms of that kind, in the same
     * transaction: they refuse submissions until an admin sets them taking leads again.
     */
    @org.springframework.context.event.EventListener
    void pauseOnDisconnect(IntegrationEvents.IntegrationDisconnected disconnected) {
        List<String> kinds = switch (disconnected.type()) {
            case WEBSITE_FORMS -> List.of("website", "portal");
            case GOOGLE_ADS -> List.of("google_ads");
            default -> List.of();
        };
        if (kinds.isEmpty()) {
            return;
        }
        List<String> keys = db.update(WEB_FORMS).set(WEB_FORMS.ACTIVE, false).set(WEB_FORMS.UPDATED_AT, now())
                .where(WEB_FORMS.ORGANIZATION_ID.eq(disconnected.organizationId()), WEB_FORMS.KIND.in(kinds),
                        WEB_FORMS.ACTIVE.isTrue())
                .returning(WEB_FORMS.FORM_KEY).fetch(WEB_FORMS.FORM_KEY);
        keys.forEach(this::changed);
    }

    /** The form's newest submissions, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<SubmissionView> submissions(UUID organizationId, UUID formId, int limit) {
        row(organizationId, formId);
        return db.selectFrom(WEB_FORM_SUBMISSIONS)
                .where(WEB_FORM_SUBMISSIONS.ORGANIZATION_ID.eq(organizationId), WEB_FORM_SUBMISSIONS.FORM_ID.eq(formId))
                .orderBy(WEB_FORM_SUBMISSIONS.RECEIVED_AT.desc(), WEB_FORM_SUBMISSIONS.ID.desc())
                .limit(Math.max(1, Math.min(limit, 200)))
                .fetch(this::submission);
    }

    /** The HTML an admin pastes into a page to embed the form. */
    public String snippet(FormView form) {
        return "<div data-educonsult-form=\"" + form.formKey() + "\"></div>\n<script src=\"" + form.scriptUrl()
                + "\" async></script>";
    }

    // --- rules

    private void apply(UUID organizationId, WebFormsRecord form, FormRequest r, MergePatch patch, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (r.name() != null) {
            form.setName(r.name().trim());
        }
        List<Field> fields = r.fields() == null ? null : normalizedFields(r.fields(), errors);
        Map<String, String> mapping = r.fieldMapping();
        Set<String> customKeys = new HashSet<>();
        if (fields != null || mapping != null) {
            for (LeadForm.FormField custom : leadForm.definition(organizationId)) {
                customKeys.add(custom.key());
            }
        }
        if (fields != null) {
            for (int i = 0; i < fields.size(); i++) {
                String target = fields.get(i).mapsTo();
                if (target != null && !isTarget(target, customKeys)) {
                    errors.add(new FieldError("fields[" + i + "].maps_to", targetMessage(target)));
                }
            }
            form.setFields(JSONB.valueOf(json.writeValueAsString(fields)));
        }
        if (mapping != null) {
            Map<String, String> cleaned = new LinkedHashMap<>();
            mapping.forEach((source, target) -> {
                String key = source.trim();
                if ("portal".equals(form.getKind()) && !PATH.matcher(key).matches()) {
                    errors.add(new FieldError("field_mapping." + key,
                            "must be a dotted path such as lead.contact.phone or answers[0].value"));
                }
                if (!isTarget(target.trim(), customKeys)) {
                    errors.add(new FieldError("field_mapping." + key, targetMessage(target.trim())));
                }
                cleaned.put(key, target.trim());
            });
            form.setFieldMapping(JSONB.valueOf(json.writeValueAsString(cleaned)));
        }
        if (r.allowedOrigins() != null) {
            Set<String> origins = new LinkedHashSet<>();
            for (int i = 0; i < r.allowedOrigins().size(); i++) {
                String origin = normalizedOrigin(r.allowedOrigins().get(i));
                if (origin == null) {
                    errors.add(new FieldError("allowed_origins[" + i + "]",
                            "must be an origin such as https://www.example.com (scheme, host and port only)"));
                } else {
                    origins.add(origin);
                }
            }
            form.setAllowedOrigins(origins.toArray(String[]::new));
        }
        patch.applyText("honeypot_field", r.honeypotField(), form::setHoneypotField);
        patch.applyText("captcha_provider", r.captchaProvider(), form::setCaptchaProvider);
        patch.applyText("captcha_site_key", r.captchaSiteKey(), form::setCaptchaSiteKey);
        if (Text.blankToNull(r.captchaSecretKey()) != null) {
            form.setCaptchaSecret(secrets.seal(r.captchaSecretKey().trim()));
        } else if (patch.clears("captcha_secret_key")) {
            form.setCaptchaSecret(null);
        }
        if (form.getCaptchaProvider() == null) {
            form.setCaptchaSiteKey(null);
            form.setCaptchaSecret(null);
        } else {
            if (form.getCaptchaSiteKey() == null) {
                errors.add(new FieldError("captcha_site_key", "is required with a captcha provider"));
            }
            if (form.getCaptchaSecret() == null) {
                errors.add(new FieldError("captcha_secret_key", "is required with a captcha provider"));
            }
        }
        if (Text.blankToNull(r.googleKey()) != null) {
            if (!"google_ads".equals(form.getKind())) {
                errors.add(new FieldError("google_key", "is only for google_ads forms"));
            } else {
                form.setGoogleKey(secrets.seal(r.googleKey().trim()));
            }
        } else if (patch.clears("google_key")) {
            errors.add(new FieldError("google_key", "cannot be cleared: Google Ads sends it with every lead"));
        }
        if (r.rateLimitPerIp() != null) {
            form.setRateLimitPerIp(r.rateLimitPerIp());
        }
        if (r.rateLimitPerForm() != null) {
            form.setRateLimitPerForm(r.rateLimitPerForm());
        }
        patch.applyText("thank_you_url", r.thankYouUrl(), form::setThankYouUrl);
        if (form.getThankYouUrl() != null && !isWebUrl(form.getThankYouUrl())) {
            errors.add(new FieldError("thank_you_url", "must be an http or https address"));
        }
        patch.applyText("thank_you_message", r.thankYouMessage(), form::setThankYouMessage);
        if (r.active() != null) {
            form.setActive(r.active());
        }
        patch.applyText("default_source", r.defaultSource(), form::setDefaultSource);
        patch.apply("default_branch_id", r.defaultBranchId(), form::setDefaultBranchId);
        if (r.defaultBranchId() != null && !users.branchExists(organizationId, r.defaultBranchId())) {
            errors.add(new FieldError("default_branch_id", "is not a branch of the organization"));
        }
        if (r.defaultTags() != null) {
            form.setDefaultTags(r.defaultTags().stream().map(String::trim).distinct().toArray(String[]::new));
        }
        String honeypot = form.getHoneypotField();
        if (honeypot != null && fieldsOf(form).stream().anyMatch(f -> f.name().equals(honeypot))) {
            errors.add(new FieldError("honeypot_field", "must not be the name of one of the form's fields"));
        }
        throwIfAny(errors);
    }

    /** The request's own rules (sizes, patterns), each naming the field as the API does. */
    private List<FieldError> checked(FormRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (var violation : validator.validate(request)) {
            StringBuilder path = new StringBuilder();
            for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    path.append('.').append(node.getKey());
                }
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    path.append(path.isEmpty() ? "" : ".")
                            .append(node.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
                }
            }
            errors.add(new FieldError(path.toString(), violation.getMessage()));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field));
        return errors;
    }

    private List<Field> normalizedFields(List<Field> given, List<FieldError> errors) {
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Field f = given.get(i);
            if (!names.add(f.name())) {
                errors.add(new FieldError("fields[" + i + "].name", "appears more than once"));
            }
            List<String> options = f.options() == null ? List.of() : f.options().stream().map(String::trim).toList();
            if (f.type().equals("select") && options.isEmpty()) {
                errors.add(new FieldError("fields[" + i + "].options", "are required for a select field"));
            }
            fields.add(new Field(f.name(), f.label().trim(), f.type(), Boolean.TRUE.equals(f.required()),
                    Text.blankToNull(f.mapsTo()), options.isEmpty() ? null : options, Text.blankToNull(f.placeholder())));
        }
        return fields;
    }

    /** Whether the target names a lead field a form may fill, or one of the organization's custom fields. */
    static boolean isTarget(String target, Set<String> customKeys) {
        if (target.startsWith(CUSTOM_FIELD_PREFIX)) {
            return customKeys != null && customKeys.contains(target.substring(CUSTOM_FIELD_PREFIX.length()));
        }
        return LEAD_TARGETS.contains(target);
    }

    private static String targetMessage(String target) {
        return target.startsWith(CUSTOM_FIELD_PREFIX)
                ? "is not a custom field of the organization: add it under lead fields first"
                : "must be a lead field (" + String.join(", ", LEAD_TARGETS) + ") or custom_fields.<key>";
    }

    /** The origin as a browser sends it (lower case, no path, no trailing slash), or null when it is none. */
    public static String normalizedOrigin(String given) {
        if (given == null) {
            return null;
        }
        String origin = given.trim().toLowerCase(Locale.ROOT);
        if (origin.endsWith("/")) {
            origin = origin.substring(0, origin.length() - 1);
        }
        return ORIGIN.matcher(origin).matches() ? origin : null;
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                    errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
    }

    /** What a new website form shows unless told otherwise. */
    static final List<Field> DEFAULT_FIELDS = List.of(
            new Field("name", "Full name", "text", true, "full_name", null, null),
            new Field("phone", "Phone", "tel", true, "phone", null, null),
            new Field("email", "Email", "email", false, "email", null, null),
            new Field("message", "What would you like to study?", "textarea", false, "message", null, null),
            new Field("consent", "You may contact me about my enquiry", "checkbox", false, "consent", null, null));

    private static FormRequest withFields(FormRequest r, List<Field> fields) {
        return new FormRequest(r.name(), r.kind(), fields, r.fieldMapping(), r.allowedOrigins(), r.honeypotField(),
                r.captchaProvider(), r.captchaSiteKey(), r.captchaSecretKey(), r.googleKey(), r.rateLimitPerIp(),
                r.rateLimitPerForm(), r.thankYouUrl(), r.thankYouMessage(), r.active(), r.defaultSource(),
                r.defaultBranchId(), r.defaultTags());
    }

    private static FormRequest withGoogleKey(FormRequest r, String key) {
        return new FormRequest(r.name(), r.kind(), r.fields(), r.fieldMapping(), r.allowedOrigins(), r.honeypotField(),
                r.captchaProvider(), r.captchaSiteKey(), r.captchaSecretKey(), key, r.rateLimitPerIp(),
                r.rateLimitPerForm(), r.thankYouUrl(), r.thankYouMessage(), r.active(), r.defaultSource(),
                r.defaultBranchId(), r.defaultTags());
    }

    static IntegrationType integrationOf(String kind) {
        return "google_ads".equals(kind) ? IntegrationType.GOOGLE_ADS : IntegrationType.WEBSITE_FORMS;
    }

    private static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void changed(String formKey) {
        listeners.forEach(listener -> listener.changed(formKey));
    }

    // --- reading

    private WebFormsRecord row(UUID organizationId, UUID id) {
        return db.selectFrom(WEB_FORMS).where(WEB_FORMS.ORGANIZATION_ID.eq(organizationId), WEB_FORMS.ID.eq(id))
                .fetchOptional().orElseThrow(() -> ApiException.notFound("Form"));
    }

    /** The form's fields as stored. */
    public List<Field> fieldsOf(WebFormsRecord form) {
        return form.getFields() == null ? List.of() : json.readValue(form.getFields().data(), FIELDS);
    }

    public Map<String, String> mappingOf(WebFormsRecord form) {
        return form.getFieldMapping() == null ? Map.of() : json.readValue(form.getFieldMapping().data(), MAPPING);
    }

    /** Opens a sealed secret of a form. */
    public String open(String sealed) {
        return sealed == null ? null : secrets.open(sealed);
    }

    private FormView view(WebFormsRecord f) {
        return new FormView(f.getId(), f.getName(), f.getFormKey(), f.getKind(),
                publicUrl.of("/webhooks/forms/" + f.getFormKey()), publicUrl.of("/forms/" + f.getFormKey() + ".js"),
                fieldsOf(f), mappingOf(f), Arrays.asList(f.getAllowedOrigins()), f.getHoneypotField(),
                f.getCaptchaProvider(), f.getCaptchaSiteKey(), f.getCaptchaSecret() != null, f.getGoogleKey() != null,
                null, f.getRateLimitPerIp(), f.getRateLimitPerForm(), f.getThankYouUrl(), f.getThankYouMessage(),
                f.getActive(), f.getDefaultSource(), f.getDefaultBranchId(), Arrays.asList(f.getDefaultTags()),
                f.getCreatedAt(), f.getUpdatedAt());
    }

    private SubmissionView submission(WebFormSubmissionsRecord s) {
        return new SubmissionView(s.getId(), s.getFormId(), s.getReceivedAt(), s.getStatus(), s.getLeadId(),
                s.getLeadCreated(), s.getMatchedBy(), s.getError(),
                s.getFields() == null ? Map.of() : json.readValue(s.getFields().data(), OBJECT), s.getPageUrl(),
                s.getOrigin());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

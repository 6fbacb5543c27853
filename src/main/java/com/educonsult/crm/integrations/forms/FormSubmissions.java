package com.educonsult.crm.integrations.forms;

import static com.educonsult.crm.jooq.Tables.WEB_FORM_SUBMISSIONS;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.leads.LeadForm;
import com.educonsult.crm.leads.LeadIntake;
import com.educonsult.crm.leads.LeadRequest;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.ratelimit.RateLimiter;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes one submission of a form from the public web. The lead is created (or the existing one updated) in the
 * request's own transaction, together with the record of the submission, before the answer is written: a 2xx
 * means the lead is stored. Forms are small and a visitor waits for the answer, so doing the work at once costs
 * little and lets a refusal (a phone that is not a phone) reach the visitor beside the field, where a job could
 * only fail it after the visitor left. Every delivery of a known form is in the integration log.
 */
@Service
class FormSubmissions {

    private static final Logger log = LoggerFactory.getLogger(FormSubmissions.class);

    /** What the endpoint answers: a status, the JSON data, and where a browser's form post is sent. */
    record Outcome(int status, Submitted data, String message, String redirectUrl) {
    }

    record Submitted(UUID leadId, UUID submissionId, String message, String redirectUrl) {
    }

    private final PublishedForms forms;
    private final LeadIntake intake;
    private final LeadForm leadForm;
    private final Tenancy tenancy;
    private final DSLContext db;
    private final IntegrationLog integrationLog;
    private final IntegrationRegistry registry;
    private final CaptchaVerifier captcha;
    private final RateLimiter limiter;
    private final Validator validator;
    private final JsonMapper json;
    private final FormsProperties properties;
    private final Clock clock;

    FormSubmissions(PublishedForms forms, LeadIntake intake, LeadForm leadForm, Tenancy tenancy, DSLContext db,
            IntegrationLog integrationLog, IntegrationRegistry registry, CaptchaVerifier captcha, RateLimiter limiter,
            Validator validator, JsonMapper json, FormsProperties properties, Clock clock) {
        this.forms = forms;
        this.intake = intake;
        this.leadForm = leadForm;
        this.tenancy = tenancy;
        this.db = db;
        this.integrationLog = integrationLog;
        this.registry = registry;
        this.captcha = captcha;
        this.limiter = limiter;
        this.validator = validator;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    Outcome submit(String key, HttpServletRequest request) {
        PublishedForm form = forms.find(key).orElseThrow(() -> ApiException.notFound("Form"));
        long started = System.nanoTime();
        String endpoint = FormCors.PREFIX + key;
        IntegrationType type = form.kind().equals("google_ads") ? IntegrationType.GOOGLE_ADS
                : IntegrationType.WEBSITE_FORMS;
        String origin = request.getHeader("Origin");
        if (!form.active()) {
            record(form, IntegrationLog.Entry.inbound(type, endpoint, null), 404, "form is not active", started);
            throw ApiException.notFound("Form");
        }
        if (origin != null && !sameOrigin(origin, request) && !form.allows(origin)) {
            record(form, IntegrationLog.Entry.inbound(type, endpoint, null), 403,
                    "origin " + origin + " is not allowed", started);
            throw ApiException.forbidden("Submissions to this form are not accepted from " + origin);
        }
        String address = request.getRemoteAddr();
        limit("form:" + form.id() + ":ip:" + address, form.perIp());
        limit("form:" + form.id(), form.perForm());
        SubmissionBody.Read read;
        try {
            read = SubmissionBody.read(request, properties.maxSubmissionBytes(), json);
        } catch (ApiException refused) {
            record(form, IntegrationLog.Entry.inbound(type, endpoint, null), refused.status().value(),
                    refused.getMessage(), started);
            throw refused;
        }
        IntegrationLog.Entry entry = IntegrationLog.Entry.inbound(type, endpoint, read.raw());
        try {
            Outcome outcome = accept(form, read, request, origin);
            IntegrationLog.Entry done = entry.answered(outcome.status(), json.writeValueAsString(outcome.data()),
                    millis(started));
            if (outcome.data().leadId() != null && outcome.message() == null) {
                done = done.created(outcome.data().leadId(), 1);
            }
            integrationLog.record(form.organizationId(), outcome.message() != null ? done.failed(outcome.message())
                    : done);
            return outcome;
        } catch (ApiException refused) {
            integrationLog.record(form.organizationId(), entry.answered(refused.status().value(),
                    refused.getMessage(), millis(started)).failed(refused.getMessage()));
            throw refused;
        }
    }

    private Outcome accept(PublishedForm form, SubmissionBody.Read read, HttpServletRequest request,
            String origin) {
        ObjectNode body = read.body();
        if (form.kind().equals("google_ads")) {
            checkGoogleKey(form, body);
        }
        if (form.honeypotField() != null && !LeadMapping.blank(body.get(form.honeypotField()))) {
            log.info("Form {} of organization {}: honeypot field filled, submission dropped as spam", form.id(),
                    form.organizationId());
            Submitted fake = new Submitted(Ids.newId(), Ids.newId(), thankYou(form), redirect(form, read));
            return new Outcome(200, fake, "honeypot field filled: dropped as spam", fake.redirectUrl());
        }
        if (form.captchaProvider() != null && form.kind().equals("website")) {
            checkCaptcha(form, body, request.getRemoteAddr());
        }
        boolean test = form.kind().equals("google_ads") && LeadMapping.truthy(body.get("is_test"));
        UUID submissionId = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        IntegrationType type = form.kind().equals("google_ads") ? IntegrationType.GOOGLE_ADS
                : IntegrationType.WEBSITE_FORMS;
        final LeadMapping.Mapped[] mapped = new LeadMapping.Mapped[1];
        try {
            LeadIntake.Arrival arrival = tenancy.callAs(form.organizationId(), () -> {
                Map<String, LeadForm.FormField> custom = new LinkedHashMap<>();
                leadForm.definition(form.organizationId()).forEach(f -> custom.put(f.key(), f));
                mapped[0] = LeadMapping.map(form, body, custom, now);
                if (test) {
                    store(form, submissionId, now, "test", null, mapped[0], null, origin, request);
                    registry.active(type);
                    return null;
                }
                LeadRequest lead = leadRequest(mapped[0]);
                LeadIntake.Arrival result = intake.receive(form.organizationId(), lead);
                store(form, submissionId, now, "accepted", result, mapped[0], null, origin, request);
                registry.active(type);
                return result;
            });
            if (arrival == null) {
                return new Outcome(200, new Submitted(null, submissionId, "Test lead received; no lead was made",
                        null), null, null);
            }
            return new Outcome(200, new Submitted(arrival.leadId(), submissionId, thankYou(form),
                    redirect(form, read)), null, redirect(form, read));
        } catch (ApiException refused) {
            ApiException named = renamed(refused, mapped[0]);
            if (named.status() == HttpStatus.UNPROCESSABLE_CONTENT && mapped[0] != null) {
                tenancy.runAs(form.organizationId(), () -> store(form, submissionId, now, "refused", null, mapped[0],
                        named.getMessage(), origin, request));
            }
            throw named;
        }
    }

    private void checkGoogleKey(PublishedForm form, ObjectNode body) {
        JsonNode given = body.get("google_key");
        if (LeadMapping.blank(given)) {
            throw ApiException.unauthorized("google_key is missing");
        }
        byte[] expected = (form.googleKey() == null ? "" : form.googleKey()).getBytes(StandardCharsets.UTF_8);
        byte[] actual = LeadMapping.text(given).getBytes(StandardCharsets.UTF_8);
        if (form.googleKey() == null || !MessageDigest.isEqual(expected, actual)) {
            throw ApiException.forbidden("google_key does not match the form's key");
        }
    }

    private void checkCaptcha(PublishedForm form, ObjectNode body, String address) {
        String field = form.captchaField();
        JsonNode token = body.get(field);
        if (LeadMapping.blank(token)) {
            token = body.get("captcha_token");
        }
        if (LeadMapping.blank(token)) {
            throw ApiException.invalid(field, "Complete the captcha check and send the form again");
        }
        CaptchaVerifier.Verdict verdict = captcha.verify(form.organizationId(), form.captchaProvider(),
                form.captchaSecret(), LeadMapping.text(token), address);
        switch (verdict) {
            case PASSED -> {
            }
            case REFUSED -> throw ApiException.invalid(field, "The captcha check failed: try it again");
            case UNAVAILABLE -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The captcha check could not be made just now; send the form again shortly");
        }
    }

    private LeadRequest leadRequest(LeadMapping.Mapped mapped) {
        LeadRequest lead;
        try {
            lead = json.treeToValue(mapped.lead(), LeadRequest.class);
        } catch (RuntimeException e) {
            String field = badField(e);
            throw ApiException.invalid(field == null ? "body" : mapped.nameFor(field), "has a value of the wrong type");
        }
        Set<ConstraintViolation<LeadRequest>> violations = validator.validate(lead);
        if (!violations.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<LeadRequest> violation : violations) {
                String property = violation.getPropertyPath().iterator().next().getName();
                errors.add(new FieldError(mapped.nameFor(snake(property)), violation.getMessage()));
            }
            errors.sort(java.util.Comparator.comparing(FieldError::field));
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return lead;
    }

    /** A refusal of the lead's checks, naming the fields as the sender named them. */
    private static ApiException renamed(ApiException refused, LeadMapping.Mapped mapped) {
        if (mapped == null || refused.errors().isEmpty()) {
            return refused;
        }
        List<FieldError> errors = refused.errors().stream()
                .map(e -> new FieldError(mapped.nameFor(e.field()), e.message())).toList();
        return new ApiException(refused.status(), errors.get(0).field() + " " + errors.get(0).message(), errors);
    }

    private void store(PublishedForm form, UUID id, OffsetDateTime now, String status, LeadIntake.Arrival arrival,
            LeadMapping.Mapped mapped, String error, String origin, HttpServletRequest request) {
        db.insertInto(WEB_FORM_SUBMISSIONS)
                .set(WEB_FORM_SUBMISSIONS.ORGANIZATION_ID, form.organizationId())
                .set(WEB_FORM_SUBMISSIONS.ID, id)
                .set(WEB_FORM_SUBMISSIONS.FORM_ID, form.id())
                .set(WEB_FORM_SUBMISSIONS.RECEIVED_AT, now)
                .set(WEB_FORM_SUBMISSIONS.STATUS, status)
                .set(WEB_FORM_SUBMISSIONS.LEAD_ID, arrival == null ? null : arrival.leadId())
                .set(WEB_FORM_SUBMISSIONS.LEAD_CREATED, arrival != null && arrival.created())
                .set(WEB_FORM_SUBMISSIONS.MATCHED_BY, arrival == null ? null : arrival.matchedBy())
                .set(WEB_FORM_SUBMISSIONS.ERROR, error)
                .set(WEB_FORM_SUBMISSIONS.FIELDS, JSONB.valueOf(json.writeValueAsString(mapped.received())))
                .set(WEB_FORM_SUBMISSIONS.PAGE_URL, mapped.pageUrl())
                .set(WEB_FORM_SUBMISSIONS.ORIGIN, origin)
                .set(WEB_FORM_SUBMISSIONS.IP_ADDRESS, request.getRemoteAddr())
                .execute();
    }

    private void limit(String key, int perMinute) {
        RateLimiter.Decision decision;
        try {
            decision = limiter.consume(key, perMinute);
        } catch (RuntimeException e) {
            log.warn("Form rate limit not applied: the buckets could not be read", e);
            return;
        }
        if (!decision.allowed()) {
            throw new RetryLater(decision.retryAfterSeconds());
        }
    }

    /** Too many submissions: 429 with the seconds to wait. */
    static final class RetryLater extends ApiException {
        private final long seconds;

        RetryLater(long seconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, "Too many submissions; retry after " + seconds + " seconds");
            this.seconds = seconds;
        }

        long seconds() {
            return seconds;
        }
    }

    private void record(PublishedForm form, IntegrationLog.Entry entry, int status, String reason, long started) {
        integrationLog.record(form.organizationId(), entry.answered(status, null, millis(started)).failed(reason));
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        String own = request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
        return own.equalsIgnoreCase(origin);
    }

    private static String thankYou(PublishedForm form) {
        return form.thankYouMessage() != null ? form.thankYouMessage() : "Thank you! We will be in touch soon.";
    }

    private static String redirect(PublishedForm form, SubmissionBody.Read read) {
        return form.thankYouUrl();
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String badField(RuntimeException e) {
        if (e instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
            return Optional.ofNullable(databind.getPath().get(0).getPropertyName()).orElse(null);
        }
        return null;
    }
}

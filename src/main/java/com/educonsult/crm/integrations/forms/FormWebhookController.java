package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiError;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PublicEndpoint
@Tag(name = "Webhooks")
class FormWebhookController {

    @Schema(name = "WebFormSubmissionBody", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
            description = "A lead from a web form: the form's fields by name (or by its mapping), beside what "
                    + "describes the visit. Seed-style bodies put the answers under answers and the UTM values under "
                    + "utm. A Google Ads lead form sends its own body (google_key, lead_id, user_column_data, ...); "
                    + "a portal form, any JSON its mapping's paths read.")
    record SubmissionBodyDoc(String name, String email, String phone, String pageUrl, String referrer,
            @Schema(description = "true, on, yes or 1: the visitor consented; becomes consent_at")
            tools.jackson.databind.JsonNode consent,
            String utmSource, String utmMedium, String utmCampaign, String utmTerm, String utmContent,
            @Schema(description = "source, medium, campaign, term, content") Map<String, String> utm,
            @Schema(description = "More answers by name, as seed-style website bodies send them")
            tools.jackson.databind.JsonNode answers,
            @Schema(description = "The captcha widget's token (Turnstile's cf-turnstile-response and hCaptcha's "
                    + "h-captcha-response are read too)") String captchaToken,
            @Schema(description = "Google Ads: the form's key") String googleKey,
            @Schema(description = "Google Ads: Google's lead id") String leadId,
            @Schema(description = "Google Ads: the answers by column id") List<Map<String, String>> userColumnData) {
    }

    @Schema(name = "WebFormSubmitted")
    record SubmittedDoc(boolean success, FormSubmissions.Submitted data, String message) {
    }

    private final FormSubmissions submissions;

    FormWebhookController(FormSubmissions submissions) {
        this.submissions = submissions;
    }

    @PostMapping(path = "/webhooks/forms/{form_key}")
    @Operation(summary = "Receive a lead from a website, Google Ads or portal form",
            description = "JSON or application/x-www-form-urlencoded, at most 64 KB by default. The lead is stored "
                    + "(a repeat with the same phone or email updates the existing lead) before the answer. A browser "
                    + "form post (URL-encoded, accepting HTML) is sent on to the form's thank-you address with 303. "
                    + "Cross-origin requests only from the form's allowed origins (others 403, without CORS headers). "
                    + "A filled honeypot field is answered as if accepted and nothing is stored. A captcha token is "
                    + "checked when the form has a captcha (missing or refused: 422 naming the widget's field). "
                    + "Google Ads forms: google_key missing 401, wrong 403; is_test leads are logged, not stored. "
                    + "Over the form's per-address or per-form limit: 429 with Retry-After. Unknown or inactive "
                    + "form: 404.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = SubmissionBodyDoc.class)),
                    @Content(mediaType = "application/x-www-form-urlencoded",
                            schema = @Schema(implementation = SubmissionBodyDoc.class))}))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmittedDoc.class)))
    @AlsoAnswers(status = 303, description = "A browser's form post, stored: on to the thank-you address",
            errorBody = false)
    @AlsoAnswers(status = 403, description = "An origin the form does not allow, or a wrong google_key")
    ResponseEntity<?> submit(@PathVariable("form_key") String formKey, HttpServletRequest request) {
        FormSubmissions.Outcome outcome;
        try {
            outcome = submissions.submit(formKey, request);
        } catch (FormSubmissions.RetryLater later) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(later.seconds()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of(HttpStatus.TOO_MANY_REQUESTS, later.getMessage(), List.of()));
        }
        if (outcome.redirectUrl() != null && isBrowserFormPost(request)) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(outcome.redirectUrl())).build();
        }
        FormSubmissions.Submitted data = outcome.data();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.ok(data, data.message()));
    }

    private static boolean isBrowserFormPost(HttpServletRequest request) {
        String contentType = request.getContentType();
        String accept = request.getHeader("Accept");
        return contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")
                && accept != null && accept.contains("text/html");
    }
}

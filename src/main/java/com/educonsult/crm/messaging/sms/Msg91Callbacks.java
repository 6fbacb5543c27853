package com.educonsult.crm.messaging.sms;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.messaging.callbacks.ProviderCallbacks;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * MSG91's delivery reports, at an address with the organization's secret token in the path: verified by the
 * token, stored raw and answered at once; a job moves the messages' statuses. And the address an admin gives
 * MSG91.
 */
@RestController
@Tag(name = "Webhooks")
class Msg91Callbacks {

    static final int MAX_BODY = 256 * 1024;

    @Schema(name = "SmsCallbackAccepted", description = "The report was stored; a job applies it")
    record Accepted(UUID callbackId) {
    }

    @Schema(name = "SmsCallbackUrl", description = "The address to enter in MSG91's delivery-report webhook "
            + "settings; it carries a secret token, so keep it private")
    record CallbackUrl(String url) {
    }

    private final SmsAccounts accounts;
    private final ProviderCallbacks callbacks;
    private final IntegrationLog integrationLog;
    private final Tenancy tenancy;
    private final tools.jackson.databind.json.JsonMapper json;

    Msg91Callbacks(SmsAccounts accounts, ProviderCallbacks callbacks, IntegrationLog integrationLog, Tenancy tenancy,
            tools.jackson.databind.json.JsonMapper json) {
        this.accounts = accounts;
        this.callbacks = callbacks;
        this.integrationLog = integrationLog;
        this.tenancy = tenancy;
        this.json = json;
    }

    @PostMapping("/webhooks/sms/msg91/{token}")
    @PublicEndpoint
    @Operation(summary = "Receive MSG91 delivery reports",
            description = "The path carries the organization's secret token (see GET /api/v1/admin/sms/callback-url); "
                    + "an unknown token answers 404 and nothing is stored. Takes MSG91's webhook formats: form field "
                    + "data with a JSON list (v2) or a JSON object or list (v3, new webhook). The report is stored "
                    + "and answered at once; a job moves each message (by MSG91's request id) to delivered or "
                    + "failed. Reports for unknown request ids and repeated reports are harmless.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/json", schema = @Schema(type = "object")),
                    @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "object"))}))
    @AlsoAnswers(status = 404, description = "The token is unknown")
    ApiResponse<Accepted> report(@Parameter(description = "The organization's secret token") @PathVariable String token,
            HttpServletRequest request) throws IOException {
        UUID organization = accounts.organizationOfToken(token)
                .orElseThrow(() -> ApiException.notFound("SMS delivery-report address"));
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "The report is larger than " + MAX_BODY + " bytes");
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            body = formField(body, "data");
            if (body == null) {
                body = request.getParameter("data");
            }
        }
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("data", "the delivery report is empty");
        }
        UUID id = callbacks.store(organization, "msg91", body);
        integrationLog.record(organization, IntegrationLog.Entry.inbound(IntegrationType.SMS,
                "/webhooks/sms/msg91/{token}", body).answered(200, null, 0));
        return ApiResponse.ok(new Accepted(id));
    }

    @PostMapping("/webhooks/sms/msg91/{token}/inbound")
    @PublicEndpoint
    @Operation(summary = "Receive an SMS a student sent to the organization's MSG91 inbound number",
            description = "The same secret token as the delivery reports. Form or JSON fields: the sender's number "
                    + "(number, mobile or sender), the text (message, content or keyword) and MSG91's id (requestId "
                    + "or id), on which it is idempotent. The message is recorded on the lead with that phone; STOP, "
                    + "STOP ALL or UNSUBSCRIBE opts the number out of SMS, START in again. Unknown token: 404.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/json", schema = @Schema(type = "object")),
                    @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "object"))}))
    @AlsoAnswers(status = 404, description = "The token is unknown")
    ApiResponse<Accepted> inbound(@Parameter(description = "The organization's secret token") @PathVariable
            String token, HttpServletRequest request) throws IOException {
        UUID organization = accounts.organizationOfToken(token)
                .orElseThrow(() -> ApiException.notFound("SMS inbound address"));
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "The message is larger than " + MAX_BODY + " bytes");
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            for (String name : java.util.List.of("number", "mobile", "sender", "message", "content", "keyword",
                    "requestId", "id")) {
                String value = body.isEmpty() ? request.getParameter(name) : formField(body, name);
                if (value != null) {
                    fields.put(name, value);
                }
            }
            body = json.writeValueAsString(fields);
        }
        String payload = "{\"inbound\":" + (body.isBlank() ? "{}" : body) + "}";
        try {
            json.readTree(payload);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The body is not JSON");
        }
        UUID id = callbacks.store(organization, "msg91", payload);
        integrationLog.record(organization, IntegrationLog.Entry.inbound(IntegrationType.SMS,
                "/webhooks/sms/msg91/{token}/inbound", payload).answered(200, null, 0));
        return ApiResponse.ok(new Accepted(id));
    }

    @GetMapping("/api/v1/admin/sms/callback-url")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The address to give MSG91 for delivery reports",
            description = "Made when asked first (and when SMS is connected). It carries a secret token.")
    ApiResponse<CallbackUrl> callbackUrl() {
        UUID organization = Authenticated.user().organizationId();
        return ApiResponse.ok(new CallbackUrl(tenancy.callAs(organization, () -> accounts.callbackUrl(organization))));
    }

    @PostMapping("/api/v1/admin/sms/callback-url/rotate")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Replace the delivery-report address with a new one",
            description = "The old address stops working at once: enter the new one in MSG91.")
    ApiResponse<CallbackUrl> rotate() {
        UUID organization = Authenticated.user().organizationId();
        return ApiResponse.ok(new CallbackUrl(tenancy.callAs(organization,
                () -> accounts.url(accounts.rotate(organization)))), "Rotated");
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals(key)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}

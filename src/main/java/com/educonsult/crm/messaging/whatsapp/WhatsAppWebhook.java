package com.educonsult.crm.messaging.whatsapp;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.messaging.callbacks.ProviderCallbacks;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.WebhookHandshake;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Cloud API's webhook: the verification handshake Meta makes when the webhook is set up, and the
 * signed deliveries of messages students send and of the statuses of messages sent to them. A delivery is
 * verified with the app secret of the organization that connected the phone number it names, stored raw, and
 * processed by a job.
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
@Tag(name = "Webhooks")
class WhatsAppWebhook {

    static final String SIGNATURE_PREFIX = "sha256=";

    @Schema(name = "WhatsAppWebhookAccepted", description = "The delivery was verified and stored for the "
            + "organizations whose numbers it names; a job processes its messages and statuses")
    record Accepted(@Schema(description = "Organizations it was stored for (0 when it names no connected number)")
            int stored) {
    }

    @Schema(name = "WhatsAppWebhookDelivery", description = "A delivery as the WhatsApp Cloud API sends it (object "
            + "whatsapp_business_account, entries with changes whose value has metadata.phone_number_id, messages "
            + "and statuses); signed with X-Hub-Signature-256")
    record Delivery(@Schema(example = "whatsapp_business_account") String object, java.util.List<Object> entry) {
    }

    private final WhatsAppAccounts accounts;
    private final WhatsAppProperties properties;
    private final ProviderCallbacks callbacks;
    private final IntegrationLog integrationLog;
    private final JsonMapper json;

    WhatsAppWebhook(WhatsAppAccounts accounts, WhatsAppProperties properties, ProviderCallbacks callbacks,
            IntegrationLog integrationLog, JsonMapper json) {
        this.accounts = accounts;
        this.properties = properties;
        this.callbacks = callbacks;
        this.integrationLog = integrationLog;
        this.json = json;
    }

    @GetMapping
    @PublicEndpoint
    @Operation(summary = "WhatsApp's verification handshake",
            description = "Meta calls it when the webhook is set up: with hub.mode subscribe and a verify token an "
                    + "organization entered when it connected WhatsApp (or the server's) it answers hub.challenge "
                    + "as text; any other token answers 403.",
            responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
                    description = "The challenge, echoed", content = @Content(mediaType = "text/plain",
                            schema = @Schema(type = "string"))))
    @AlsoAnswers(status = 403, description = "The verify token is not a configured one")
    ResponseEntity<String> verify(@ParameterObject WebhookHandshake.Request handshake) {
        return handshake.answer(this::tokenKnown, "the verify token entered when WhatsApp was connected");
    }

    private boolean tokenKnown(String token) {
        return token.length() <= 500 && (WebhookHandshake.isConfigured(token, properties.verifyToken())
                || accounts.verifyTokenKnown(token));
    }

    @PostMapping
    @PublicEndpoint
    @Operation(summary = "Receive a signed WhatsApp delivery (inbound messages, message statuses)",
            description = "X-Hub-Signature-256 must be sha256= and the hex HMAC-SHA256 of the raw body with the app "
                    + "secret of the organization that connected the phone number the delivery names: otherwise "
                    + "401 and nothing is stored. A verified delivery is stored and answered at once; a job records "
                    + "its messages in the organization's inbox and its statuses on the messages sent. The same "
                    + "message or status sent again is taken once. A body that is not JSON answers 400.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = Delivery.class))))
    @AlsoAnswers(status = 401, description = "The signature is missing or does not match")
    ApiResponse<Accepted> receive(
            @Parameter(name = "X-Hub-Signature-256", description = "sha256=<hex HMAC-SHA256 of the raw body>")
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (signature == null || signature.isBlank()) {
            throw ApiException.unauthorized("X-Hub-Signature-256 is missing");
        }
        JsonNode delivery;
        try {
            delivery = json.readTree(raw);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The body is not JSON");
        }
        if (delivery == null || !delivery.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "The body is not a WhatsApp webhook delivery");
        }
        Set<UUID> organizations = new LinkedHashSet<>();
        for (String number : phoneNumberIds(delivery)) {
            accounts.organizationOf(number).ifPresent(organizations::add);
        }
        String payload = new String(raw, StandardCharsets.UTF_8);
        int stored = 0;
        boolean verified = false;
        for (UUID organization : organizations) {
            Optional<WhatsAppAccounts.Account> account = accounts.of(organization);
            String secret = account.map(WhatsAppAccounts.Account::appSecret).orElse(null);
            if (signatureMatches(raw, signature, secret) || signatureMatches(raw, signature, properties.appSecret())) {
                verified = true;
                callbacks.store(organization, "whatsapp", payload);
                integrationLog.record(organization, IntegrationLog.Entry.inbound(IntegrationType.WHATSAPP,
                        "/webhooks/whatsapp", payload).answered(200, null, 0));
                stored++;
            }
        }
        if (!verified && organizations.isEmpty() && signatureMatches(raw, signature, properties.appSecret())) {
            verified = true;
        }
        if (!verified) {
            throw ApiException.unauthorized("X-Hub-Signature-256 does not match the body signed with the app secret "
                    + "of the WhatsApp number it names");
        }
        return ApiResponse.ok(new Accepted(stored));
    }

    /** The phone number ids a delivery names. */
    static Set<String> phoneNumberIds(JsonNode delivery) {
        Set<String> numbers = new LinkedHashSet<>();
        for (JsonNode entry : delivery.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode id = change.path("value").path("metadata").path("phone_number_id");
                String number = id.isNumber() ? id.asString() : id.asString(null);
                if (number != null && number.matches("[0-9]{1,40}")) {
                    numbers.add(number);
                }
            }
        }
        return numbers;
    }

    /** Whether the header is the HMAC-SHA256 of the body with the secret (compared in constant time). */
    static boolean signatureMatches(byte[] body, String header, String secret) {
        if (header == null || secret == null || secret.isBlank()
                || !header.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(SIGNATURE_PREFIX.length()).trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(body, secret), given);
    }

    static byte[] sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

}

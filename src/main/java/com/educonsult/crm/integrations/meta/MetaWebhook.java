package com.educonsult.crm.integrations.meta;

import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.WebhookHandshake;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook for lead ads: the verification handshake Meta makes when the webhook is set up, and the signed
 * deliveries announcing new leads, stored at once and processed by a job.
 */
@RestController
@RequestMapping("/webhooks/facebook")
@Tag(name = "Webhooks")
class MetaWebhook {

    @Schema(name = "MetaWebhookAccepted", description = "The delivery was stored; its leads are processed by a job")
    record Accepted(@Schema(description = "The stored delivery; null when it announced no lead") UUID deliveryId,
            @Schema(description = "Lead changes in the delivery") int leadChanges) {
    }

    @Schema(name = "MetaWebhookDelivery", description = "A delivery as Meta sends it (object page, entries with "
            + "leadgen changes); signed with X-Hub-Signature-256")
    record Delivery(@Schema(example = "page") String object, @ArraySchema(schema = @Schema(implementation = Entry.class))
            List<Entry> entry) {
    }

    @Schema(name = "MetaWebhookEntry")
    record Entry(@Schema(description = "The page id") String id, long time,
            @ArraySchema(schema = @Schema(implementation = Change.class)) List<Change> changes) {
    }

    @Schema(name = "MetaWebhookChange")
    record Change(@Schema(example = "leadgen") String field, ChangeValue value) {
    }

    @Schema(name = "MetaWebhookLeadgen", description = "What Meta says of a new lead; the lead itself is read from "
            + "the Graph API")
    record ChangeValue(String leadgenId, String pageId, String formId, String adId, String adgroupId,
            long createdTime, @Schema(description = "Where the lead came from when Meta says it (ig: Instagram)")
            String platform) {
    }

    private final MetaInbox inbox;
    private final MetaProperties properties;
    private final MetaLeadProcessing processing;

    MetaWebhook(MetaInbox inbox, MetaProperties properties, MetaLeadProcessing processing) {
        this.inbox = inbox;
        this.properties = properties;
        this.processing = processing;
    }

    @GetMapping
    @PublicEndpoint
    @Operation(summary = "Meta's verification handshake",
            description = "Meta calls it when the webhook is set up in the app: with hub.mode subscribe and the "
                    + "configured verify token it answers hub.challenge as text; any other token answers 403.",
            responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
                    description = "The challenge, echoed", content = @Content(mediaType = "text/plain",
                            schema = @Schema(type = "string"))))
    @AlsoAnswers(status = 403, description = "The verify token is not the configured one, or none is configured")
    ResponseEntity<String> verify(@ParameterObject WebhookHandshake.Request handshake) {
        return handshake.answer(token -> WebhookHandshake.isConfigured(token, properties.verifyToken()),
                "the configured verify token");
    }

    @PostMapping
    @PublicEndpoint
    @Operation(summary = "Receive a signed delivery of Meta lead ads",
            description = "X-Hub-Signature-256 must be sha256= and the hex HMAC-SHA256 of the raw body with the app "
                    + "secret: otherwise 401 and nothing is stored. A valid delivery is stored and answered at once; "
                    + "its leads are fetched from the Graph API and taken in by a job. The same lead sent again "
                    + "(Meta retries) is one lead. A body that is not JSON answers 400.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = Delivery.class))))
    ApiResponse<Accepted> receive(
            @Parameter(name = "X-Hub-Signature-256", description = "sha256=<hex HMAC-SHA256 of the raw body>")
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        Accepted accepted = inbox.accept(body == null ? new byte[0] : body, signature);
        if (accepted.deliveryId() != null) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        processing.wake();
                    }
                });
            } else {
                processing.wake();
            }
        }
        return ApiResponse.ok(accepted);
    }
}

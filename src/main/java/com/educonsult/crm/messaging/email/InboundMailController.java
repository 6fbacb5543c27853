package com.educonsult.crm.messaging.email;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Webhooks")
class InboundMailController {

    @Schema(name = "InboundEmail", description = "A received email as a mail provider's inbound parse posts it")
    record InboundEmail(
            @NotBlank @Size(max = 1000) @Schema(example = "Riya Sharma <riya@example.com>") String from,
            @Size(max = 2000) String to,
            @Size(max = 1000) String subject,
            @Size(max = 500000) String text,
            @Size(max = 1000000) String html,
            @Size(max = 1000) @Schema(description = "The mail's Message-ID; repeats of one are recorded once")
            String messageId,
            @Size(max = 1000) String inReplyTo,
            @Size(max = 20000) @Schema(description = "The References header: message ids separated by spaces")
            String references) {
    }

    @Schema(name = "InboundEmailAccepted")
    record Accepted(UUID communicationId, @Schema(description = "The lead it was threaded to, if any") UUID leadId) {
    }

    @Schema(name = "InboundEmailWebhook", description = "Where a mail provider posts the organization's replies")
    record Route(@Schema(description = "null until one is made") String url) {
    }

    private final InboundMailRoutes routes;
    private final InboundMail inbound;
    private final Tenancy tenancy;
    private final IntegrationLog integrationLog;
    private final JsonMapper json;
    private final Clock clock;
    private final com.educonsult.crm.messaging.CommunicationLog log;

    InboundMailController(InboundMailRoutes routes, InboundMail inbound, Tenancy tenancy,
            IntegrationLog integrationLog, JsonMapper json, Clock clock,
            com.educonsult.crm.messaging.CommunicationLog log) {
        this.routes = routes;
        this.inbound = inbound;
        this.tenancy = tenancy;
        this.integrationLog = integrationLog;
        this.json = json;
        this.clock = clock;
        this.log = log;
    }

    @PostMapping("/webhooks/email/inbound/{token}")
    @PublicEndpoint
    @Operation(summary = "Receive a reply email posted by a mail provider",
            description = "The token is the organization's (GET /api/v1/admin/email/inbound-webhook): an unknown one "
                    + "answers 404. The mail is recorded as an inbound communication, once per message_id (a repeat "
                    + "answers the same id), threaded to the lead whose message it answers (in_reply_to, then "
                    + "references) or else to the lead last written to at the sender's address. A subject starting "
                    + "with \"unsubscribe\" opts the sender out of email.")
    @AlsoAnswers(status = 404, description = "No organization has this token")
    ApiResponse<Accepted> receive(@PathVariable String token, @Valid @RequestBody InboundEmail mail) {
        UUID organizationId = routes.organization(token).orElseThrow(() -> ApiException.notFound("Inbound address"));
        integrationLog.record(organizationId, IntegrationLog.Entry.inbound(IntegrationType.EMAIL,
                "/webhooks/email/inbound/{token}", json.writeValueAsString(mail)));
        var received = new InboundMail.Mail(mail.from(), mail.to(), mail.subject(), mail.text(), mail.html(),
                mail.messageId(), mail.inReplyTo(), mail.references(), OffsetDateTime.now(clock));
        UUID id = tenancy.callAs(organizationId, () -> inbound.receive(organizationId, received));
        UUID leadId = tenancy.callAs(organizationId, () -> log.leadOf(organizationId, id));
        return ApiResponse.ok(new Accepted(id, leadId), "Received");
    }

    @GetMapping("/api/v1/admin/email/inbound-webhook")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The address where a mail provider posts the organization's replies (null before one is made)")
    ApiResponse<Route> route() {
        return ApiResponse.ok(new Route(routes.url(Authenticated.user().organizationId()).orElse(null)));
    }

    @PostMapping("/api/v1/admin/email/inbound-webhook")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Make a new address for the inbound-mail webhook; the previous one stops working")
    ApiResponse<Route> rotate() {
        return ApiResponse.ok(new Route(routes.rotate(Authenticated.user().organizationId())), "New address made");
    }
}

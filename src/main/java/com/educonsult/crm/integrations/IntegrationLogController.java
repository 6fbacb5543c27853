package com.educonsult.crm.integrations;

import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration-logs")
@Tag(name = "Integrations")
class IntegrationLogController {

    @Schema(name = "ReportIntegrationEvent", description = "An integration event a client reports of its own; "
            + "bodies are redacted of secrets and tokens when stored")
    record ReportRequest(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,49}", message = "must be a lower-case code such as "
                    + "website_forms") String type,
            @NotNull @Pattern(regexp = "inbound|outbound", message = "must be inbound or outbound") String direction,
            @NotNull @Pattern(regexp = "success|failure", message = "must be success or failure") String status,
            @Size(max = 2000) String endpoint,
            @Pattern(regexp = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS", message = "must be an HTTP method")
                    String method,
            @Min(100) @Max(599) Integer httpStatus,
            @Min(0) @Max(86_400_000) Long durationMs,
            @Size(max = 65_536) String requestBody,
            @Size(max = 65_536) String responseBody,
            @Size(max = 2000) String error,
            UUID leadId,
            @Min(0) @Max(100_000) Integer recordsCreated) {
    }

    private final IntegrationLog log;
    private final LeadDirectory leads;
    private final Tenancy tenancy;

    IntegrationLogController(IntegrationLog log, LeadDirectory leads, Tenancy tenancy) {
        this.log = log;
        this.leads = leads;
        this.tenancy = tenancy;
    }

    @GetMapping
    @RequiresPermission("settings:manage")
    @Operation(summary = "The integration log, newest first: every inbound delivery and outbound call",
            description = "from is inclusive, to exclusive. meta.total is given on the last page only.")
    ApiResponse<List<IntegrationLog.LogView>> list(
            @RequestParam(required = false) @Pattern(regexp = "[a-z][a-z0-9_]{0,49}") String type,
            @Parameter(schema = @Schema(allowableValues = {"inbound", "outbound"}))
            @RequestParam(required = false) String direction,
            @Parameter(schema = @Schema(allowableValues = {"success", "failure"}))
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(name = "lead_id", required = false) UUID leadId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("from", "must be before to");
        }
        IntegrationLog.Filter filter = new IntegrationLog.Filter(type, directionOf(direction), successOf(status),
                from, to, leadId);
        return ApiResponse.page(log.search(filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "One entry of the integration log")
    ApiResponse<IntegrationLog.LogView> get(@PathVariable UUID id) {
        return ApiResponse.ok(log.find(id).orElseThrow(() -> ApiException.notFound("Integration log entry")));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("settings:manage")
    @Operation(summary = "Report an integration event of the client's own",
            description = "For systems that deliver leads or call providers on the organization's behalf, so their "
                    + "calls appear in the same log. A lead_id outside the organization is 404.")
    ApiResponse<IntegrationLog.LogView> report(@Valid @RequestBody ReportRequest request) {
        CurrentUser user = Authenticated.user();
        if (request.leadId() != null) {
            refuseUnknownLead(user.organizationId(), request.leadId());
        }
        IntegrationLog.Entry entry = new IntegrationLog.Entry(request.type(), directionOf(request.direction()),
                "success".equals(request.status()), request.endpoint(), request.method(), request.httpStatus(),
                request.durationMs(), request.requestBody(), request.responseBody(), request.error(),
                request.leadId(), request.recordsCreated() == null ? 0 : request.recordsCreated());
        UUID id = log.record(user.organizationId(), entry, user.userId());
        return ApiResponse.ok(log.find(id).orElseThrow(), "Logged");
    }

    private void refuseUnknownLead(UUID organizationId, UUID leadId) {
        if (tenancy.callAs(organizationId, () -> leads.find(organizationId, leadId)).isEmpty()) {
            throw ApiException.notFound("Lead");
        }
    }

    private static IntegrationLog.Direction directionOf(String direction) {
        if (direction == null) {
            return null;
        }
        return switch (direction) {
            case "inbound" -> IntegrationLog.Direction.INBOUND;
            case "outbound" -> IntegrationLog.Direction.OUTBOUND;
            default -> throw ApiException.invalid("direction", "must be inbound or outbound");
        };
    }

    private static Boolean successOf(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "success" -> true;
            case "failure" -> false;
            default -> throw ApiException.invalid("status", "must be success or failure");
        };
    }
}

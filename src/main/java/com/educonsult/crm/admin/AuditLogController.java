package com.educonsult.crm.admin;

import com.educonsult.crm.platform.audit.AuditLogQueries;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/audit-logs")
@Tag(name = "Administration")
class AuditLogController {

    private final AuditLogQueries auditLogs;

    AuditLogController(AuditLogQueries auditLogs) {
        this.auditLogs = auditLogs;
    }

    @GetMapping
    @RequiresPermission("admin:audit")
    @Operation(summary = "The organization's audit log, newest first",
            description = "from/to are ISO-8601 date-times (from inclusive, to exclusive); search looks in the "
                    + "action, resource type and id, and the before/after JSON.")
    ApiResponse<List<AuditLogQueries.AuditLogEntry>> list(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) @Size(max = 100) String action,
            @RequestParam(name = "resource_type", required = false) @Size(max = 100) String resourceType,
            @RequestParam(name = "resource_id", required = false) @Size(max = 200) String resourceId,
            @RequestParam(required = false) @Size(max = 200) String search,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("from", "must be before to");
        }
        var filter = new AuditLogQueries.Filter(from, to, userId, action, resourceType, resourceId, search);
        return ApiResponse.page(auditLogs.search(filter, PageRequest.of(limit, offset)));
    }

    @GetMapping("/{id}")
    @RequiresPermission("admin:audit")
    @Operation(summary = "One audit entry")
    ApiResponse<AuditLogQueries.AuditLogEntry> get(@PathVariable UUID id) {
        return ApiResponse.ok(auditLogs.find(id).orElseThrow(() -> ApiException.notFound("Audit entry")));
    }
}

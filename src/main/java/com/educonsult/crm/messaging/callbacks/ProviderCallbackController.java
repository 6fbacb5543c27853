package com.educonsult.crm.messaging.callbacks;

import static com.educonsult.crm.jooq.Tables.PROVIDER_CALLBACKS;

import com.educonsult.crm.jooq.tables.records.ProviderCallbacksRecord;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What message providers sent (WhatsApp deliveries, SMS reports), with their processing status, and replay. */
@RestController
@RequestMapping("/api/v1/admin/provider-callbacks")
@Tag(name = "Integrations")
class ProviderCallbackController {

    @Schema(name = "ProviderCallback", description = "A provider's callback as stored, and how its processing went")
    record CallbackView(UUID id, @Schema(allowableValues = {"whatsapp", "msg91"}) String provider,
            @Schema(allowableValues = {"received", "processed", "failed"}) String status, int attempts,
            String reason, OffsetDateTime receivedAt, OffsetDateTime processedAt, OffsetDateTime nextAttemptAt,
            @Schema(description = "The body as the provider sent it") String payload) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final ProviderCallbacks callbacks;

    ProviderCallbackController(DSLContext db, Tenancy tenancy, ProviderCallbacks callbacks) {
        this.db = db;
        this.tenancy = tenancy;
        this.callbacks = callbacks;
    }

    @GetMapping
    @RequiresPermission("settings:manage")
    @Operation(summary = "Provider callbacks, newest first", description = "Filter by provider and status (failed: "
            + "those that ran out of attempts, with the reason). meta.total is given on the last page only.")
    ApiResponse<List<CallbackView>> list(
            @Parameter(schema = @Schema(allowableValues = {"whatsapp", "msg91"}))
            @RequestParam(required = false) String provider,
            @Parameter(schema = @Schema(allowableValues = {"received", "processed", "failed"}))
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        if (provider != null && !List.of("whatsapp", "msg91").contains(provider)) {
            throw ApiException.invalid("provider", "must be whatsapp or msg91");
        }
        if (status != null && !List.of("received", "processed", "failed").contains(status)) {
            throw ApiException.invalid("status", "must be received, processed or failed");
        }
        CurrentUser user = Authenticated.user();
        PageRequest page = PageRequest.of(limit, offset);
        Condition condition = PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(user.organizationId())
                .and(provider == null ? DSL.noCondition() : PROVIDER_CALLBACKS.PROVIDER.eq(provider))
                .and(status == null ? DSL.noCondition() : PROVIDER_CALLBACKS.STATUS.eq(status));
        List<CallbackView> rows = tenancy.callAs(user.organizationId(), () -> db.selectFrom(PROVIDER_CALLBACKS)
                .where(condition).orderBy(PROVIDER_CALLBACKS.RECEIVED_AT.desc(), PROVIDER_CALLBACKS.ID.desc())
                .limit(page.limit() + 1).offset(page.offset()).fetch(ProviderCallbackController::view));
        boolean more = rows.size() > page.limit();
        List<CallbackView> shown = more ? rows.subList(0, page.limit()) : rows;
        return ApiResponse.page(page.page(shown, more ? null : (long) page.offset() + shown.size()));
    }

    @PostMapping("/{id}/replay")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Process a callback again now", description = "For a failed one (or to apply one again: "
            + "processing is idempotent on the provider's ids).")
    ApiResponse<CallbackView> replay(@PathVariable UUID id) {
        CurrentUser user = Authenticated.user();
        CallbackView view = tenancy.callAs(user.organizationId(), () -> {
            int changed = db.update(PROVIDER_CALLBACKS)
                    .set(PROVIDER_CALLBACKS.STATUS, "received")
                    .set(PROVIDER_CALLBACKS.ATTEMPTS, 0)
                    .set(PROVIDER_CALLBACKS.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime())
                    .setNull(PROVIDER_CALLBACKS.REASON)
                    .where(PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(user.organizationId()), PROVIDER_CALLBACKS.ID.eq(id))
                    .execute();
            if (changed == 0) {
                throw ApiException.notFound("Provider callback");
            }
            return db.selectFrom(PROVIDER_CALLBACKS).where(PROVIDER_CALLBACKS.ORGANIZATION_ID.eq(user.organizationId()),
                    PROVIDER_CALLBACKS.ID.eq(id)).fetchOne(ProviderCallbackController::view);
        });
        callbacks.wake();
        return ApiResponse.ok(view, "Queued for processing");
    }

    private static CallbackView view(ProviderCallbacksRecord row) {
        return new CallbackView(row.getId(), row.getProvider(), row.getStatus(), row.getAttempts(), row.getReason(),
                row.getReceivedAt(), row.getProcessedAt(), row.getNextAttemptAt(), row.getPayload());
    }
}

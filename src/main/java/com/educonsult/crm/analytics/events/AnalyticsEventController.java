package com.educonsult.crm.analytics.events;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.ApiError;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/analytics/events")
@Tag(name = "Analytics")
class AnalyticsEventController {

    @Schema(name = "AnalyticsEventInput", description = "One event")
    record EventDoc(
            @Schema(description = "The sender's own id of the event: a repeat is recorded once", maxLength = 100)
            String clientEventId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[a-z][a-z0-9_.:-]{0,63}$",
                    description = "What happened, such as page_view, form_opened, lead_conversion") String eventType,
            @Schema(maxLength = 200) String eventName,
            @Schema(pattern = "^[a-z][a-z0-9_]{0,49}$", description = "What it happened to, such as lead or page; "
                    + "with entity_id") String entityType,
            @Schema(maxLength = 200) String entityId,
            @Schema(description = "Anything else, as a JSON object of at most 8 KB")
            Map<String, Object> properties,
            @Schema(maxLength = 100) String sessionId,
            @Schema(description = "The console user; left out: the caller. Not taken from a website") UUID userId,
            @Schema(maxLength = 100, description = "The anonymous visitor; required from a website")
            String visitorId,
            @Schema(description = "When it happened, with its offset; left out: now. At most 30 days ago")
            OffsetDateTime occurredAt) {
    }

    @Schema(name = "AnalyticsEventBatch", description = "Several events, recorded together")
    record BatchDoc(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "1 to 100 events")
            List<EventDoc> events) {
    }

    @Schema(name = "AnalyticsEventsRecordedResponse")
    record RecordedDoc(boolean success, AnalyticsEvents.RecordResult data, String message) {
    }

    private final EventIntake intake;
    private final AnalyticsEvents events;
    private final UserDirectory users;
    private final Clock clock;

    AnalyticsEventController(EventIntake intake, AnalyticsEvents events, UserDirectory users, Clock clock) {
        this.intake = intake;
        this.events = events;
        this.users = users;
        this.clock = clock;
    }

    @PostMapping
    @PublicEndpoint
    @Operation(summary = "Record analytics events: one, or a batch of up to 100",
            description = "From the console or an integration: with credentials and the permission analytics:track; "
                    + "user_id is the caller. From a website: with the organization's public key as ?key= (no "
                    + "credentials), from one of the key's allowed origins (others 403 and, for a preflight, no CORS "
                    + "headers); visitor_id is required and user_id refused. An unknown key is 401. Website events are "
                    + "held to the key's per-address limit and the organization's overall limit (429 with "
                    + "Retry-After). An event with a client_event_id already recorded is answered as a duplicate with "
                    + "the recorded id, and not counted again. Errors name the field (events[2].event_type).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = "application/json",
                            schema = @Schema(oneOf = {EventDoc.class, BatchDoc.class}))))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RecordedDoc.class)))
    @AlsoAnswers(status = 403, description = "An origin the key does not allow, or the permission analytics:track "
            + "is missing")
    ResponseEntity<?> record(
            @Parameter(description = "The organization's public key, for events sent from its website")
            @RequestParam(required = false) String key,
            @RequestBody JsonNode body, HttpServletRequest request) {
        AnalyticsEvents.RecordResult result;
        try {
            result = intake.record(body, key, request);
        } catch (EventIntake.RetryLater later) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(later.seconds()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ApiError.of(HttpStatus.TOO_MANY_REQUESTS, later.getMessage(), List.of()));
        }
        String message = result.duplicates() == 0 ? "Recorded"
                : result.recorded() + " recorded, " + result.duplicates() + " already recorded";
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                .body(ApiResponse.ok(result, message));
    }

    @GetMapping
    @RequiresPermission("analytics:events")
    @Operation(summary = "The organization's analytics events, newest first",
            description = "Every filter is optional. date_from and date_to are days of the organization's time "
                    + "zone (both ends included; one end alone covers 30 days from or to it). Read from the read "
                    + "replica when one is configured, so an event may appear a moment after it was recorded.")
    ApiResponse<List<AnalyticsEvents.EventView>> list(
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(name = "visitor_id", required = false) String visitorId,
            @RequestParam(name = "session_id", required = false) String sessionId,
            @Parameter(description = "First day, such as 2026-01-01") @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = "Last day, included") @RequestParam(name = "date_to", required = false)
            String dateTo,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        CurrentUser user = Authenticated.user();
        PageRequest paging = PageRequest.of(limit, offset);
        checkEventType(eventType);
        if (entityType != null && !EventBatch.ENTITY_TYPE.matcher(entityType).matches()) {
            throw ApiException.invalid("entity_type", "must start with a lower-case letter, then lower-case "
                    + "letters, digits or _");
        }
        AnalyticsRange range = dateFrom == null && dateTo == null ? null
                : AnalyticsRange.of(dateFrom, dateTo, 30, users.timeZone(user.organizationId()), clock);
        var filter = new AnalyticsEvents.Filter(eventType, entityType, entityId, userId, visitorId, sessionId, range);
        return ApiResponse.page(events.list(user.organizationId(), filter, paging));
    }

    @GetMapping("/counts")
    @RequiresPermission("analytics:events")
    @Operation(summary = "Events per type and per day of the organization's time zone",
            description = "From the daily counts the recording keeps, not from the events. date_from and date_to "
                    + "are days of the organization's time zone, both included (default: the last 30 days).")
    ApiResponse<AnalyticsEvents.Counts> counts(
            @RequestParam(name = "event_type", required = false) String eventType,
            @Parameter(description = "First day, such as 2026-01-01") @RequestParam(name = "date_from", required = false)
            String dateFrom,
            @Parameter(description = "Last day, included") @RequestParam(name = "date_to", required = false)
            String dateTo) {
        CurrentUser user = Authenticated.user();
        checkEventType(eventType);
        AnalyticsRange range = AnalyticsRange.of(dateFrom, dateTo, 30, users.timeZone(user.organizationId()), clock);
        return ApiResponse.ok(events.counts(user.organizationId(), range, eventType));
    }

    private static void checkEventType(String eventType) {
        if (eventType != null && !EventBatch.EVENT_TYPE.matcher(eventType).matches()) {
            throw ApiException.invalid("event_type", "must start with a lower-case letter, then lower-case letters, "
                    + "digits, _ . : or -");
        }
    }
}

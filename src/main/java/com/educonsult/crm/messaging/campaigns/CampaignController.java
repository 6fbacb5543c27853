package com.educonsult.crm.messaging.campaigns;

import com.educonsult.crm.messaging.Campaigns;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Campaigns")
class CampaignController {

    private final Campaigns campaigns;

    CampaignController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "The organization's campaigns, newest first, with their progress")
    ApiResponse<List<Campaigns.CampaignView>> list(
            @Parameter(schema = @Schema(allowableValues = {"draft", "scheduled", "running", "paused", "completed",
                    "cancelled"}))
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(campaigns.list(Authenticated.user(), status, PageRequest.of(limit, offset)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "Make a draft campaign",
            description = "422 naming the field: a template not made for the channel (template_id), an email "
                    + "without a subject (subject), a WhatsApp template without its language, a bad audience filter "
                    + "(audience.<filter>).")
    ApiResponse<Campaigns.CampaignView> create(@Valid @RequestBody Campaigns.Request request) {
        return ApiResponse.ok(campaigns.create(Authenticated.user(), request), "Campaign created");
    }

    @PostMapping("/audience/count")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "How many leads an audience holds now",
            description = "The same count the lead list gives for the same filters, within the caller's scope; "
                    + "exact up to 10,000 leads, the database's estimate above (estimated true). Leads without an "
                    + "address, opted out or with a duplicate address are left out at launch, not here.")
    ApiResponse<Campaigns.AudienceCount> countAudience(@Valid @RequestBody Campaigns.Audience audience) {
        return ApiResponse.ok(campaigns.countAudience(Authenticated.user(), audience));
    }

    @GetMapping("/{id}")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "One campaign with its progress")
    ApiResponse<Campaigns.CampaignView> get(@PathVariable UUID id) {
        return ApiResponse.ok(campaigns.get(Authenticated.user(), id));
    }

    @PutMapping("/{id}")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "Replace a draft's or a scheduled campaign's content",
            description = "409 naming status once it runs; 422 naming the field as for creating.")
    ApiResponse<Campaigns.CampaignView> update(@PathVariable UUID id,
            @Valid @RequestBody Campaigns.Request request) {
        return ApiResponse.ok(campaigns.update(Authenticated.user(), id, request), "Campaign updated");
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "Delete a campaign that is not sending, with its recipients",
            description = "409 naming status for a running or paused campaign: cancel it first. The messages it "
                    + "sent stay in the communications log.")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        campaigns.delete(Authenticated.user(), id);
        return ApiResponse.ok(null, "Campaign deleted");
    }

    @PostMapping("/{id}/launch")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "Launch a draft: now, or at its scheduled time",
            description = "Launching now snapshots the recipients (the audience's leads the caller may see), "
                    + "leaving out leads without an address for the channel, opted-out addresses and duplicate "
                    + "addresses, each counted; a job then hands them to the outbox at the throttle. With "
                    + "scheduled_at ahead the campaign waits (scheduled) and the snapshot is taken then. 409 naming "
                    + "status unless a draft; 422 naming template_id or subject when the message is incomplete.")
    ApiResponse<Campaigns.CampaignView> launch(@PathVariable UUID id) {
        return ApiResponse.ok(campaigns.launch(Authenticated.user(), id), "Campaign launched");
    }

    @PostMapping("/{id}/pause")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "Stop handing recipients over (messages already queued may still go out)",
            description = "409 naming status unless running.")
    ApiResponse<Campaigns.CampaignView> pause(@PathVariable UUID id) {
        return ApiResponse.ok(campaigns.pause(Authenticated.user(), id), "Campaign paused");
    }

    @PostMapping("/{id}/resume")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "Go on sending a paused campaign", description = "409 naming status unless paused.")
    ApiResponse<Campaigns.CampaignView> resume(@PathVariable UUID id) {
        return ApiResponse.ok(campaigns.resume(Authenticated.user(), id), "Campaign resumed");
    }

    @PostMapping("/{id}/cancel")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "Stop a campaign for good: recipients not handed over yet are never sent",
            description = "409 naming status for a draft, completed or cancelled campaign.")
    ApiResponse<Campaigns.CampaignView> cancel(@PathVariable UUID id) {
        return ApiResponse.ok(campaigns.cancel(Authenticated.user(), id), "Campaign cancelled");
    }

    @GetMapping("/{id}/stats")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "A campaign's figures: recipients, exclusions, sent, delivered, opened, clicked, replied, "
            + "failed, unsubscribed, converted, and per day")
    ApiResponse<Campaigns.Stats> stats(@PathVariable UUID id) {
        return ApiResponse.ok(campaigns.stats(Authenticated.user(), id));
    }

    @GetMapping("/{id}/recipients")
    @RequiresPermission("campaigns:manage")
    @Operation(summary = "A campaign's recipients and left-out leads, in snapshot order, with each one's state",
            description = "meta.total is given on the last page only.")
    ApiResponse<List<Campaigns.RecipientView>> recipients(@PathVariable UUID id,
            @Parameter(schema = @Schema(allowableValues = {"pending", "queued", "sent", "delivered", "opened",
                    "clicked", "failed", "excluded", "cancelled"}))
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(campaigns.recipients(Authenticated.user(), id, status,
                PageRequest.of(limit, offset)));
    }
}

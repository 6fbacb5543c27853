package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.CAMPAIGNS;
import static com.educonsult.crm.jooq.Tables.CAMPAIGN_RECIPIENTS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.CampaignsRecord;
import com.educonsult.crm.leads.LeadAudiences;
import com.educonsult.crm.leads.LeadListParams;
import com.educonsult.crm.messaging.campaigns.CampaignStatistics;
import com.educonsult.crm.messaging.campaigns.Snapshots;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Text;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaigns: one message on one channel to the leads a lead list's filters choose. A draft is built and changed
 * freely; launching snapshots its recipients (now, or at its scheduled time), leaving out leads with no address for
 * the channel, opted-out addresses and second leads with the same address, each counted; a job then hands the
 * recipients over to the communications outbox at the campaign's throttle, until every one is handed over, or the
 * campaign is paused or cancelled. Every query is limited to the acting user's organization (another organization's
 * id is "not found"); the audience to the leads the user may see.
 */
@Service
public class Campaigns {

    public static final Set<String> STATUSES = Set.of("draft", "scheduled", "running", "paused", "completed",
            "cancelled");
    public static final List<String> RECIPIENT_STATUSES = List.of("pending", "queued", "sent", "delivered", "opened",
            "clicked", "failed", "excluded", "cancelled");

    /**
     * What may be done to a campaign in each status, the one rule both the API's refusals and the console's buttons
     * follow: a draft is edited and launched; a scheduled campaign is still edited, or cancelled before it sends; a
     * running one is paused or cancelled, a paused one resumed or cancelled; one that is not sending may be deleted.
     */
    public static List<String> actionsOf(String status) {
        return switch (status) {
            case "draft" -> List.of("edit", "launch", "delete");
            case "scheduled" -> List.of("edit", "cancel", "delete");
            case "running" -> List.of("pause", "cancel");
            case "paused" -> List.of("resume", "cancel");
            default -> List.of("delete");
        };
    }

    @Schema(name = "CampaignAudience", description = "The leads a campaign goes to: the lead list's filters, with the "
            + "same names and meanings as GET /api/v1/leads (comma-separated lists; ISO dates or date-times). Live "
            + "leads the launching user may see; none set means all of them.")
    public record Audience(
            @Size(max = 2000) String status,
            @Size(max = 2000) String source,
            @Size(max = 500) String platform,
            @Size(max = 100) String priority,
            @Size(max = 100) String engagement,
            @Schema(description = "A user id, me or unassigned") @Size(max = 100) String assignedTo,
            @Size(max = 100) String branchId,
            @Schema(description = "Any of these tags") @Size(max = 2000) String tags,
            @Size(max = 40) String createdFrom,
            @Size(max = 40) String createdTo,
            @Size(max = 40) String followUpFrom,
            @Size(max = 40) String followUpTo,
            Boolean notContacted,
            @Size(max = 200) String search) {

        public static Audience everyone() {
            return new Audience(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** The lead list's parameters for this audience. */
        public LeadListParams toListParams() {
            return new LeadListParams(status, source, platform, priority, engagement, assignedTo, branchId, tags,
                    createdFrom, createdTo, followUpFrom, followUpTo, notContacted, search, null, null, null, null);
        }
    }

    @Schema(name = "CampaignRequest", description = "A campaign to make, or its new content (PUT replaces it whole). "
            + "The message is a message template (template_id, which must be usable on the channel) or, for "
            + "WhatsApp, a template approved by WhatsApp (provider_template with provider_template_language and its "
            + "body parameters, which may hold {{placeholders}}). Email needs a subject, its own or the template's.")
    public record Request(
            @NotBlank @Size(max = 200) String name,
            @Schema(allowableValues = {"email", "sms", "whatsapp"}) @NotNull
            @Pattern(regexp = "email|sms|whatsapp", message = "must be email, sms or whatsapp") String channel,
            UUID templateId,
            @Schema(description = "A WhatsApp template's name, as approved by WhatsApp") @Size(max = 512)
            String providerTemplate,
            @Schema(example = "en") @Size(max = 20) String providerTemplateLanguage,
            @Size(max = 20) List<@NotNull @Size(max = 1000) String> templateParameters,
            @Schema(description = "The email subject; the template's when left out") @Size(max = 300) String subject,
            @Valid Audience audience,
            @Schema(description = "When launching sends it: at this time (with its offset; the console takes it in "
                    + "the organization's time zone), or at once when left out or past")
            OffsetDateTime scheduledAt,
            @Schema(description = "Messages handed to the provider per minute at most; 60 when left out")
            @Min(1) @Max(60000) Integer throttlePerMinute,
            @Schema(description = "Email: rewrite links to count clicks and add an open pixel; true when left out")
            Boolean trackLinks) {
    }

    @Schema(name = "CampaignExclusions", description = "Leads of the audience left out at launch, by reason")
    public record Exclusions(
            @Schema(description = "No email address (email) or phone (SMS, WhatsApp)") int noAddress,
            @Schema(description = "The address opted out of the channel") int optedOut,
            @Schema(description = "Another lead of the audience has the same address") int duplicate) {
    }

    @Schema(name = "Campaign")
    public record CampaignView(
            UUID id,
            String name,
            @Schema(allowableValues = {"email", "sms", "whatsapp"}) String channel,
            UUID templateId,
            String providerTemplate,
            String providerTemplateLanguage,
            List<String> templateParameters,
            String subject,
            Audience audience,
            OffsetDateTime scheduledAt,
            int throttlePerMinute,
            boolean trackLinks,
            @Schema(description = "draft (being built); scheduled (launched, sends at scheduled_at); running "
                    + "(handing recipients over); paused; completed (every recipient handed over); cancelled",
                    allowableValues = {"draft", "scheduled", "running", "paused", "completed", "cancelled"})
            String status,
            @Schema(description = "What may be done to the campaign in its status, in this order: edit, launch, "
                    + "pause, resume, cancel, delete")
            List<String> actions,
            @Schema(description = "Recipients snapshotted at launch") int recipients,
            @Schema(description = "Recipients handed over to the outbox so far") int queued,
            Exclusions excluded,
            OffsetDateTime launchedAt,
            OffsetDateTime pausedAt,
            OffsetDateTime completedAt,
            OffsetDateTime cancelledAt,
            @Schema(description = "Why the campaign stopped, when it stopped by itself") String lastError,
            UUID createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        /** Percent of the recipients handed over. */
        public int progressPercent() {
            return recipients == 0 ? (status.equals("completed") ? 100 : 0) : (int) (100L * queued / recipients);
        }
    }

    @Schema(name = "CampaignAudienceCount", description = "How many leads an audience holds now")
    public record AudienceCount(long count,
            @Schema(description = "true when the count is the database's estimate (over 10,000 leads)")
            boolean estimated) {
    }

    @Schema(name = "CampaignDay", description = "What happened on one day, in the organization's time zone")
    public record Day(LocalDate date, long sent, long delivered, long opened, long clicked, long failed) {
    }

    @Schema(name = "CampaignStats")
    public record Stats(
            UUID campaignId,
            @Schema(allowableValues = {"draft", "scheduled", "running", "paused", "completed", "cancelled"})
            String status,
            @Schema(description = "Recipients snapshotted at launch") long recipients,
            Exclusions excluded,
            @Schema(description = "Not handed over yet") long pending,
            @Schema(description = "Handed over to the outbox") long queued,
            @Schema(description = "Taken by the provider (sent, delivered or read)") long sent,
            long delivered,
            @Schema(description = "Email opened (pixel) or WhatsApp read") long opened,
            @Schema(description = "A tracked link clicked") long clicked,
            @Schema(description = "The recipient wrote back on the channel after the message") long replied,
            long failed,
            @Schema(description = "Opted out of the channel after the message") long unsubscribed,
            @Schema(description = "The lead reached a won status after the launch") long converted,
            @Schema(description = "Per day, oldest first") List<Day> daily) {
    }

    @Schema(name = "CampaignRecipient")
    public record RecipientView(
            UUID id,
            UUID leadId,
            String name,
            String address,
            @Schema(allowableValues = {"pending", "queued", "sent", "delivered", "opened", "clicked", "failed",
                    "excluded", "cancelled"}) String status,
            @Schema(description = "Why it was left out", allowableValues = {"no_address", "opted_out", "duplicate"})
            String exclusion,
            UUID communicationId,
            OffsetDateTime queuedAt,
            OffsetDateTime sentAt,
            OffsetDateTime deliveredAt,
            OffsetDateTime openedAt,
            OffsetDateTime clickedAt,
            OffsetDateTime failedAt,
            String error) {
    }

    private final DSLContext db;
    private final LeadAudiences audiences;
    private final MessageTemplates templates;
    private final Snapshots snapshots;
    private final CampaignStatistics statistics;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    Campaigns(DSLContext db, LeadAudiences audiences, MessageTemplates templates, Snapshots snapshots,
            CampaignStatistics statistics, UserDirectory users, AuditTrail audit, JsonMapper json, Clock clock) {
        this.db = db;
        this.audiences = audiences;
        this.templates = templates;
        this.snapshots = snapshots;
        this.statistics = statistics;
        this.users = users;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The organization's campaigns, newest first, optionally of one status. */
    @Transactional(readOnly = true)
    public Page<CampaignView> list(CurrentUser user, String status, PageRequest page) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of draft, scheduled, running, paused, completed, "
                    + "cancelled");
        }
        Condition condition = CAMPAIGNS.ORGANIZATION_ID.eq(user.organizationId())
                .and(status == null ? DSL.noCondition() : CAMPAIGNS.STATUS.eq(status));
        List<CampaignView> items = db.selectFrom(CAMPAIGNS).where(condition)
                .orderBy(CAMPAIGNS.CREATED_AT.desc(), CAMPAIGNS.ID.desc())
                .limit(page.limit() + 1).offset(page.offset()).fetch(this::view);
        boolean more = items.size() > page.limit();
        List<CampaignView> shown = more ? items.subList(0, page.limit()) : items;
        Long total = more ? (long) db.fetchCount(CAMPAIGNS, condition) : (long) page.offset() + shown.size();
        return page.page(shown, total);
    }

    @Transactional(readOnly = true)
    public CampaignView get(CurrentUser user, UUID id) {
        return view(find(user, id, false));
    }

    @Transactional
    public CampaignView create(CurrentUser user, Request request) {
        CampaignsRecord row = db.newRecord(CAMPAIGNS);
        row.setOrganizationId(user.organizationId());
        row.setId(Ids.newId());
        row.setStatus("draft");
        row.setRecipientsCount(0);
        row.setQueuedCount(0);
        row.setExcludedNoAddress(0);
        row.setExcludedOptedOut(0);
        row.setExcludedDuplicate(0);
        row.setCreatedBy(user.userId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        row.setCreatedAt(now);
        fill(user, row, request);
        row.setUpdatedAt(now);
        db.insertInto(CAMPAIGNS).set(row).execute();
        CampaignView created = view(row);
        audit.record("campaign.created", "campaign", row.getId(), null, created);
        return created;
    }

    /** Replaces a draft's or a scheduled campaign's content; 409 naming status once it has launched. */
    @Transactional
    public CampaignView update(CurrentUser user, UUID id, Request request) {
        CampaignsRecord row = find(user, id, true);
        if (!actionsOf(row.getStatus()).contains("edit")) {
            throw ApiException.conflict("status", "A " + row.getStatus() + " campaign cannot be changed");
        }
        CampaignView before = view(row);
        fill(user, row, request);
        if (row.getStatus().equals("scheduled") && row.getScheduledAt() == null) {
            row.setScheduledAt(OffsetDateTime.now(clock));
        }
        row.setUpdatedAt(OffsetDateTime.now(clock));
        row.update();
        CampaignView after = view(row);
        audit.record("campaign.updated", "campaign", id, before, after);
        return after;
    }

    /** Deletes a campaign that is not sending (running or paused ones are cancelled first: 409 naming status). */
    @Transactional
    public void delete(CurrentUser user, UUID id) {
        CampaignsRecord row = find(user, id, true);
        if (!actionsOf(row.getStatus()).contains("delete")) {
            throw ApiException.conflict("status", "Cancel the campaign before deleting it");
        }
        CampaignView before = view(row);
        db.deleteFrom(CAMPAIGNS).where(CAMPAIGNS.ORGANIZATION_ID.eq(user.organizationId()), CAMPAIGNS.ID.eq(id))
                .execute();
        audit.record("campaign.deleted", "campaign", id, before, null);
    }

    /**
     * Launches a draft: with a scheduled time still ahead it waits for it (scheduled), otherwise its recipients are
     * snapshotted now and sending starts (running; completed at once when nobody is left). 409 naming status for a
     * campaign already launched; 422 naming template_id when its template is gone.
     */
    @Transactional
    public CampaignView launch(CurrentUser user, UUID id) {
        CampaignsRecord row = find(user, id, true);
        if (!actionsOf(row.getStatus()).contains("launch")) {
            throw ApiException.conflict("status", "Only a draft can be launched; this campaign is " + row.getStatus());
        }
        requireMessage(row);
        OffsetDateTime now = OffsetDateTime.now(clock);
        row.setLaunchedBy(user.userId());
        row.setUpdatedAt(now);
        if (row.getScheduledAt() != null && row.getScheduledAt().isAfter(now)) {
            row.setStatus("scheduled");
            row.update();
        } else {
            row.update();
            snapshots.take(user, row.getId(), audience(row).toListParams());
            row.refresh();
        }
        CampaignView launched = view(row);
        audit.record("campaign.launched", "campaign", id, null, launched);
        return launched;
    }

    /** Stops handing recipients over (those already handed over may still go out). 409 unless running. */
    @Transactional
    public CampaignView pause(CurrentUser user, UUID id) {
        return move(user, id, "pause", "paused", row -> row.setPausedAt(OffsetDateTime.now(clock)));
    }

    /** Goes on handing recipients over where a pause stopped. 409 unless paused. */
    @Transactional
    public CampaignView resume(CurrentUser user, UUID id) {
        return move(user, id, "resume", "running", row -> {
            row.setPausedAt(null);
            row.setNextSendAt(OffsetDateTime.now(clock));
        });
    }

    /**
     * Stops for good: recipients not handed over yet are never sent (a scheduled campaign never launches). 409 for a
     * draft, completed or cancelled campaign.
     */
    @Transactional
    public CampaignView cancel(CurrentUser user, UUID id) {
        return move(user, id, "cancel", "cancelled", row -> {
            row.setCancelledAt(OffsetDateTime.now(clock));
            db.update(CAMPAIGN_RECIPIENTS).set(CAMPAIGN_RECIPIENTS.STATUS, "skipped")
                    .where(CAMPAIGN_RECIPIENTS.ORGANIZATION_ID.eq(user.organizationId()),
                            CAMPAIGN_RECIPIENTS.CAMPAIGN_ID.eq(id), CAMPAIGN_RECIPIENTS.STATUS.eq("pending"))
                    .execute();
        });
    }

    @Transactional(readOnly = true)
    public Stats stats(CurrentUser user, UUID id) {
        CampaignsRecord row = find(user, id, false);
        ZoneId zone = users.timeZone(user.organizationId());
        return statistics.of(row, zone);
    }

    /** The campaign's recipients (and left-out leads), in snapshot order, optionally of one status. */
    @Transactional(readOnly = true)
    public Page<RecipientView> recipients(CurrentUser user, UUID id, String status, PageRequest page) {
        if (status != null && !RECIPIENT_STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of " + String.join(", ", RECIPIENT_STATUSES));
        }
        CampaignsRecord row = find(user, id, false);
        return statistics.recipients(row, status, page);
    }

    /** How many leads the audience holds now, as the lead list counts them; 422 naming a bad filter. */
    @Transactional(readOnly = true)
    public AudienceCount countAudience(CurrentUser user, Audience audience) {
        LeadAudiences.Count count = audiences.count(user, (audience == null ? Audience.everyone() : audience)
                .toListParams());
        return new AudienceCount(count.count(), count.estimated());
    }

    /** The audience stored on a campaign. */
    public Audience audience(CampaignsRecord row) {
        return json.readValue(row.getAudience().data(), Audience.class);
    }

    // -- internals

    private CampaignView move(CurrentUser user, UUID id, String action, String to,
            java.util.function.Consumer<CampaignsRecord> change) {
        CampaignsRecord row = find(user, id, true);
        if (!actionsOf(row.getStatus()).contains(action)) {
            throw ApiException.conflict("status", "A " + row.getStatus() + " campaign cannot be " + switch (action) {
                case "pause" -> "paused";
                case "resume" -> "resumed";
                default -> "cancelled";
            });
        }
        String before = row.getStatus();
        row.setStatus(to);
        change.accept(row);
        row.setUpdatedAt(OffsetDateTime.now(clock));
        row.update();
        CampaignView after = view(row);
        audit.record("campaign." + (to.equals("running") ? "resumed" : to), "campaign", id,
                java.util.Map.of("status", before), java.util.Map.of("status", to));
        return after;
    }

    private void fill(CurrentUser user, CampaignsRecord row, Request request) {
        List<FieldError> errors = new ArrayList<>();
        String channel = request.channel();
        UUID templateId = request.templateId();
        String providerTemplate = Text.blankToNull(request.providerTemplate());
        MessageTemplates.MessageTemplateView template = null;
        if (templateId != null && providerTemplate != null) {
            errors.add(new FieldError("provider_template", "give either template_id or provider_template, not both"));
        }
        if (templateId != null) {
            try {
                template = templates.get(user.organizationId(), templateId);
                boolean usable = switch (channel) {
                    case "email" -> template.isEmail();
                    case "sms" -> template.isSms();
                    default -> template.isWhatsapp();
                };
                if (!usable) {
                    errors.add(new FieldError("template_id", "the template is not made for " + channel
                            + "; pick one marked for it"));
                }
            } catch (ApiException missing) {
                errors.add(new FieldError("template_id", "no such message template"));
            }
        }
        if (providerTemplate != null) {
            if (!channel.equals("whatsapp")) {
                errors.add(new FieldError("provider_template", "is for WhatsApp campaigns only"));
            } else if (Text.blankToNull(request.providerTemplateLanguage()) == null) {
                errors.add(new FieldError("provider_template_language", "is required with provider_template, "
                        + "e.g. en"));
            }
        }
        String subject = Text.blankToNull(request.subject());
        if (channel.equals("email") && subject == null && template != null && Text.blankToNull(template.subject())
                == null) {
            errors.add(new FieldError("subject", "an email needs a subject: write one or use a template with one"));
        }
        if (channel.equals("email") && subject == null && template == null && templateId == null) {
            // a draft may be saved before its template is chosen; launching checks the rest
        }
        Audience audience = request.audience() == null ? Audience.everyone() : request.audience();
        try {
            audiences.count(user, audience.toListParams());
        } catch (ApiException bad) {
            if (bad.status() != HttpStatus.UNPROCESSABLE_CONTENT && bad.status() != HttpStatus.BAD_REQUEST) {
                throw bad;
            }
            bad.errors().forEach(e -> errors.add(new FieldError("audience." + e.field(), e.message())));
            if (bad.errors().isEmpty()) {
                errors.add(new FieldError("audience", bad.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, errors.getFirst().message(), errors);
        }
        row.setName(request.name().strip());
        row.setChannel(channel);
        row.setTemplateId(templateId);
        row.setProviderTemplate(providerTemplate);
        row.setProviderTemplateLanguage(providerTemplate == null ? null
                : Text.blankToNull(request.providerTemplateLanguage()));
        row.setTemplateParameters(request.templateParameters() == null ? new String[0]
                : request.templateParameters().toArray(String[]::new));
        row.setSubject(channel.equals("email") ? subject : null);
        row.setAudience(JSONB.valueOf(json.writeValueAsString(audience)));
        row.setScheduledAt(request.scheduledAt());
        row.setThrottlePerMinute(request.throttlePerMinute() == null ? 60 : request.throttlePerMinute());
        row.setTrackLinks(request.trackLinks() == null || request.trackLinks());
    }

    private void requireMessage(CampaignsRecord row) {
        if (row.getTemplateId() == null && row.getProviderTemplate() == null) {
            throw ApiException.invalid("template_id", "Choose the message template to send before launching");
        }
        if (row.getChannel().equals("email") && row.getSubject() == null) {
            String templateSubject = templates.get(row.getOrganizationId(), row.getTemplateId()).subject();
            if (Text.blankToNull(templateSubject) == null) {
                throw ApiException.invalid("subject", "An email needs a subject: write one before launching");
            }
        }
    }

    private CampaignsRecord find(CurrentUser user, UUID id, boolean forUpdate) {
        var query = db.selectFrom(CAMPAIGNS)
                .where(CAMPAIGNS.ORGANIZATION_ID.eq(user.organizationId()), CAMPAIGNS.ID.eq(id));
        return (forUpdate ? query.forUpdate().fetchOptional() : query.fetchOptional())
                .orElseThrow(() -> ApiException.notFound("Campaign"));
    }

    private CampaignView view(CampaignsRecord row) {
        return new CampaignView(row.getId(), row.getName(), row.getChannel(), row.getTemplateId(),
                row.getProviderTemplate(), row.getProviderTemplateLanguage(), List.of(row.getTemplateParameters()),
                row.getSubject(), audience(row), row.getScheduledAt(), row.getThrottlePerMinute(),
                row.getTrackLinks(), row.getStatus(), actionsOf(row.getStatus()), row.getRecipientsCount(),
                row.getQueuedCount(),
                new Exclusions(row.getExcludedNoAddress(), row.getExcludedOptedOut(), row.getExcludedDuplicate()),
                row.getLaunchedAt(), row.getPausedAt(), row.getCompletedAt(), row.getCancelledAt(),
                row.getLastError(), row.getCreatedBy(), row.getCreatedAt(), row.getUpdatedAt());
    }
}

package com.educonsult.crm.notifications.triggers;

import com.educonsult.crm.calls.RecordingFailed;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadEvents;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.notifications.NewNotification;
import com.educonsult.crm.notifications.NotificationKind;
import com.educonsult.crm.notifications.Notifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications for what happens to leads and recordings, written in the transaction of the change: the assignee
 * of a lead (not when assigning to oneself), the branch's managers and the administrators of a new inquiry from an
 * ingestion source, and the user whose phone failed to upload a recording.
 */
@Component
class LeadTriggers {

    /** Platforms on which leads arrive by themselves (as opposed to typed in, imported or referred). */
    static final Set<String> NOT_INGESTED = Set.of("manual", "import", "referral", "walk_in");

    private final Notifier notifier;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final DSLContext db;

    LeadTriggers(Notifier notifier, LeadDirectory leads, UserDirectory users, DSLContext db) {
        this.notifier = notifier;
        this.leads = leads;
        this.users = users;
        this.db = db;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadAssigned event) {
        if (event.assigneeId() == null || event.assigneeId().equals(event.byUserId())) {
            return;
        }
        String name = leadName(event.organizationId(), event.leadId());
        String by = event.byUserId() == null ? null
                : users.find(event.organizationId(), event.byUserId()).map(UserSummary::fullName).orElse(null);
        String body = (by == null ? name + " is now yours" : by + " assigned " + name + " to you")
                + (event.reason() == null || event.reason().isBlank() ? "." : ": " + event.reason());
        notifier.notify(event.organizationId(), List.of(event.assigneeId()), NewNotification.of(
                NotificationKind.LEAD_ASSIGNED, "New lead for you: " + name, body, "/leads/" + event.leadId(), "lead",
                event.leadId(), "lead_assigned:" + event.leadId() + ":" + Causes.transaction(db)));
    }

    /** Many leads given owners at once: one notification per assignee, naming the lead when there is one. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadsAssigned event) {
        Map<UUID, List<UUID>> byAssignee = new LinkedHashMap<>();
        for (LeadEvents.LeadAssigned assigned : event.assignments()) {
            if (assigned.assigneeId() != null && !assigned.assigneeId().equals(assigned.byUserId())) {
                byAssignee.computeIfAbsent(assigned.assigneeId(), id -> new ArrayList<>()).add(assigned.leadId());
            }
        }
        if (byAssignee.isEmpty()) {
            return;
        }
        String cause = Causes.transaction(db);
        for (Map.Entry<UUID, List<UUID>> entry : byAssignee.entrySet()) {
            List<UUID> leadIds = entry.getValue();
            NewNotification notification = leadIds.size() == 1
                    ? NewNotification.of(NotificationKind.LEAD_ASSIGNED,
                            "New lead for you: " + leadName(event.organizationId(), leadIds.getFirst()),
                            null, "/leads/" + leadIds.getFirst(), "lead", leadIds.getFirst(),
                            "leads_assigned:" + cause)
                    : NewNotification.of(NotificationKind.LEAD_ASSIGNED, leadIds.size() + " new leads for you",
                            leadIds.size() + " leads were assigned to you at once.", "/leads?owner=me", null, null,
                            "leads_assigned:" + cause);
            notifier.notify(event.organizationId(), List.of(entry.getKey()), notification);
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadCreated event) {
        if (event.platform() == null || NOT_INGESTED.contains(event.platform())) {
            return;
        }
        String name = leadName(event.organizationId(), event.leadId());
        String from = sourceName(event.platform(), event.source());
        notifier.notify(event.organizationId(), managersAndAdmins(event.organizationId(), event.branchId(),
                event.byUserId()), NewNotification.of(NotificationKind.NEW_INQUIRY, "New inquiry: " + name,
                name + " enquired through " + from + ".", "/leads/" + event.leadId(), "lead", event.leadId(),
                "new_inquiry:" + event.leadId()));
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadEnquiredAgain event) {
        Optional<LeadSummary> lead = leads.find(event.organizationId(), event.leadId());
        if (lead.isEmpty()) {
            return;
        }
        String name = lead.get().fullName();
        List<UUID> recipients = new ArrayList<>(managersAndAdmins(event.organizationId(), lead.get().branchId(),
                null));
        if (lead.get().assignedTo() != null && !recipients.contains(lead.get().assignedTo())) {
            recipients.add(lead.get().assignedTo());
        }
        notifier.notify(event.organizationId(), recipients, NewNotification.of(NotificationKind.NEW_INQUIRY,
                name + " enquired again", name + " enquired again through "
                        + sourceName(event.platform(), event.source()) + ".",
                "/leads/" + event.leadId(), "lead", event.leadId(),
                "enquired_again:" + event.leadId() + ":" + Causes.transaction(db)));
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(RecordingFailed event) {
        if (event.userId() == null) {
            return;
        }
        notifier.notify(event.organizationId(), List.of(event.userId()), NewNotification.of(
                NotificationKind.RECORDING_FAILED, "A call recording could not be uploaded",
                (event.reason() == null ? "The upload failed" : event.reason())
                        + ". Check the phone's storage and connection; the app uploads it again when asked.",
                "/calls", "call_recording", event.recordingId(), "recording_failed:" + event.recordingId())
                .withPriority("high"));
    }

    /** The active managers of the branch (when there is one) and the active administrators, but not {@code except}. */
    private List<UUID> managersAndAdmins(UUID organizationId, UUID branchId, UUID except) {
        Set<UUID> recipients = new LinkedHashSet<>();
        if (branchId != null) {
            users.activeWithRoles(organizationId, List.of("manager"), branchId).forEach(u -> recipients.add(u.id()));
        }
        users.activeWithRoles(organizationId, List.of("admin"), null).forEach(u -> recipients.add(u.id()));
        recipients.remove(except);
        return List.copyOf(recipients);
    }

    private String leadName(UUID organizationId, UUID leadId) {
        return leads.find(organizationId, leadId).map(LeadSummary::fullName).filter(n -> n != null && !n.isBlank())
                .orElse("A lead");
    }

    static String sourceName(String platform, String source) {
        String name = switch (platform == null ? "" : platform) {
            case "facebook" -> "Facebook";
            case "instagram" -> "Instagram";
            case "google_ads" -> "Google Ads";
            case "website" -> "the website";
            case "portal" -> "a portal";
            case "whatsapp" -> "WhatsApp";
            case "" -> "an enquiry form";
            default -> platform.replace('_', ' ').toLowerCase(Locale.ROOT);
        };
        return source == null || source.isBlank() || source.equalsIgnoreCase(platform) ? name
                : name + " (" + source + ")";
    }
}

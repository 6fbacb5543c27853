package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One action on leads picked by hand (the console's bulk select): assign them, move them to a status, or tag
 * them. Each lead goes through the same service, rules and audit as a change of that lead alone, in its own
 * transaction, so a lead the rules refuse (out of scope, a status move not allowed from its status) is reported
 * and the others are still changed.
 */
@Service
public class LeadSelections {

    public static final int MAX_LEADS = 500;

    @Schema(name = "LeadSelectionAction")
    public record Action(
            @NotEmpty @Size(max = MAX_LEADS) List<@NotNull UUID> leadIds,
            @NotNull @Pattern(regexp = "assign|status|add_tag", message = "must be assign, status or add_tag")
            String action,
            @Schema(description = "For assign: the new owner") UUID assignedTo,
            @Schema(description = "For status: the status to move to") UUID statusId,
            @Schema(description = "For add_tag") @Size(max = 50) String tag) {
    }

    @Schema(name = "LeadSelectionFailure")
    public record Failure(UUID leadId, String message) {
    }

    @Schema(name = "LeadSelectionOutcome")
    public record Outcome(int changed, int unchanged, List<Failure> failed) {
    }

    private final Assignments assignments;
    private final StatusChanges statusChanges;
    private final Leads leads;
    private final JsonMapper json;

    LeadSelections(Assignments assignments, StatusChanges statusChanges, Leads leads, JsonMapper json) {
        this.assignments = assignments;
        this.statusChanges = statusChanges;
        this.leads = leads;
        this.json = json;
    }

    /** Applies the action to each lead; the caller must not hold a transaction (each lead commits on its own). */
    public Outcome apply(CurrentUser user, Action action) {
        requireWhatTheActionNeeds(action);
        int changed = 0;
        int unchanged = 0;
        List<Failure> failed = new ArrayList<>();
        for (UUID leadId : new LinkedHashSet<>(action.leadIds())) {
            try {
                if (applyTo(user, action, leadId)) {
                    changed++;
                } else {
                    unchanged++;
                }
            } catch (ApiException refused) {
                failed.add(new Failure(leadId, refused.getMessage()));
            }
        }
        return new Outcome(changed, unchanged, failed);
    }

    private boolean applyTo(CurrentUser user, Action action, UUID leadId) {
        return switch (action.action()) {
            case "assign" -> assign(user, leadId, action.assignedTo());
            case "status" -> moveTo(user, leadId, action.statusId());
            default -> tag(user, leadId, action.tag().strip());
        };
    }

    private boolean assign(CurrentUser user, UUID leadId, UUID assignee) {
        UUID current = leads.get(user, leadId).assignedTo();
        if (assignee.equals(current)) {
            return false;
        }
        var request = new AssignmentRequests.Assign(leadId, assignee, "bulk", null);
        if (current == null) {
            assignments.assign(user, request);
        } else {
            assignments.reassign(user, request);
        }
        return true;
    }

    private boolean moveTo(CurrentUser user, UUID leadId, UUID statusId) {
        if (statusId.equals(leads.get(user, leadId).status().id())) {
            return false;
        }
        statusChanges.change(user, leadId, statusId, null, null, null);
        return true;
    }

    private boolean tag(CurrentUser user, UUID leadId, String tag) {
        List<String> tags = new ArrayList<>(leads.get(user, leadId).tags());
        if (tags.contains(tag)) {
            return false;
        }
        tags.add(tag);
        ObjectNode body = json.createObjectNode();
        tags.forEach(body.putArray("tags")::add);
        leads.update(user, leadId, json.treeToValue(body, LeadRequest.class), MergePatch.of(body));
        return true;
    }

    private static void requireWhatTheActionNeeds(Action action) {
        switch (action.action()) {
            case "assign" -> {
                if (action.assignedTo() == null) {
                    throw ApiException.invalid("assigned_to", "is required to assign");
                }
            }
            case "status" -> {
                if (action.statusId() == null) {
                    throw ApiException.invalid("status_id", "is required to change the status");
                }
            }
            default -> {
                if (action.tag() == null || action.tag().isBlank()) {
                    throw ApiException.invalid("tag", "is required to add a tag");
                }
            }
        }
    }
}

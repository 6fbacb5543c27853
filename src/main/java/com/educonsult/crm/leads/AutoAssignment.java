package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.AssignmentRequests.Rule;
import com.educonsult.crm.leads.AssignmentViews.SettingsView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assigns every new lead, from any source, as the organization's settings say: to the users of the first
 * rule matching its source or platform, else to the lead-taking users of its branch (per branch) or of the
 * organization. Runs in the transaction that creates the lead; the scope's round-robin row is locked until
 * that transaction ends, so concurrent creates take turns one after the other.
 */
@Service
class AutoAssignment {

    private final DSLContext db;
    private final AutoAssignmentSettings settings;
    private final Assignments assignments;
    private final AssignmentCursors cursors;
    private final Workloads workloads;
    private final UserDirectory users;

    AutoAssignment(DSLContext db, AutoAssignmentSettings settings, Assignments assignments,
            AssignmentCursors cursors, Workloads workloads, UserDirectory users) {
        this.db = db;
        this.settings = settings;
        this.assignments = assignments;
        this.cursors = cursors;
        this.workloads = workloads;
        this.users = users;
    }

    @EventListener
    @Transactional
    public void on(LeadEvents.LeadCreated created) {
        assignNew(created.organizationId(), created.leadId());
    }

    /** Assigns the lead when it has no owner and the mode is not off; answers the assignee, if any. */
    @Transactional
    Optional<UUID> assignNew(UUID organizationId, UUID leadId) {
        SettingsView chosen = settings.get(organizationId);
        if ("off".equals(chosen.mode())) {
            return Optional.empty();
        }
        Record lead = db.select(LEADS.ASSIGNED_TO, LEADS.BRANCH_ID, LEADS.SOURCE, LEADS.PLATFORM).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId), LeadScope.notDeleted())
                .forNoKeyUpdate()
                .fetchOne();
        if (lead == null || lead.get(LEADS.ASSIGNED_TO) != null) {
            return Optional.empty();
        }
        Pool pool = pool(organizationId, chosen, lead);
        if (pool.users().isEmpty()) {
            return Optional.empty();
        }
        UUID last = cursors.lock(organizationId, pool.scopeKey());
        Map<UUID, Integer> load = AssignmentStrategy.LeastLoaded.CODE.equals(chosen.mode())
                ? workloads.activeLoad(organizationId, pool.users()) : Map.of();
        AssignmentStrategy strategy = AssignmentStrategy.of(chosen.mode(), pool.users(), last, load, null);
        Optional<UUID> assignee = strategy.next();
        assignee.ifPresent(user -> {
            cursors.advance(organizationId, pool.scopeKey(), user);
            assignments.apply(new Assignments.Change(organizationId, leadId, null, user, null, "auto",
                    strategy.code(), null, null));
        });
        return assignee;
    }

    private record Pool(String scopeKey, List<UUID> users) {
    }

    private Pool pool(UUID organizationId, SettingsView chosen, Record lead) {
        String source = lead.get(LEADS.SOURCE);
        String platform = lead.get(LEADS.PLATFORM);
        UUID branchId = chosen.perBranch() ? lead.get(LEADS.BRANCH_ID) : null;
        for (Rule rule : chosen.rules()) {
            boolean matches = rule.source() != null
                    ? source != null && rule.source().equalsIgnoreCase(source.trim())
                    : rule.platform().equals(platform);
            if (matches) {
                // a rule whose users are all away leaves the lead to the default pool
                List<UUID> active = users.findAll(organizationId, rule.userIds()).values().stream()
                        .filter(UserSummary::active)
                        .filter(u -> branchId == null || branchId.equals(u.branchId()))
                        .map(UserSummary::id).toList();
                String key = rule.source() != null ? "source:" + rule.source().toLowerCase(Locale.ROOT)
                        : "platform:" + rule.platform();
                if (!active.isEmpty()) {
                    return new Pool(branchId == null ? key : AssignmentCursors.branchScope(branchId) + ":" + key,
                            active);
                }
                break;
            }
        }
        List<UUID> team = users.activeWithRoles(organizationId, Workloads.LEAD_TAKING_ROLES, branchId).stream()
                .map(UserSummary::id).toList();
        return new Pool(branchId == null ? AssignmentCursors.organizationScope()
                : AssignmentCursors.branchScope(branchId), team);
    }
}

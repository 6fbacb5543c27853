package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live leads a caller sees now, from the tallies every write of a lead keeps exact (a few rows per group,
 * whatever the number of leads): for dashboards and analytics of other modules, figures of now beside ranged ones.
 */
@Service
public class LiveLeadCounts {

    /** The live leads of one status, branch and assignee (null: none) within the caller's scope. */
    public record Group(UUID statusId, UUID branchId, UUID assignedTo, long leads) {
    }

    /** The live leads of a status and the sum of the epoch seconds at which they entered it. */
    public record InStatus(long leads, long enteredEpochSum) {

        /** How long, on average, these leads have stood in the status at {@code nowEpoch}, in seconds. */
        public double averageSecondsIn(long nowEpoch) {
            return leads == 0 ? 0 : nowEpoch - (double) enteredEpochSum / leads;
        }
    }

    private final LeadTallies tallies;

    LiveLeadCounts(LeadTallies tallies) {
        this.tallies = tallies;
    }

    /** Per status, branch and assignee. */
    public List<Group> of(CurrentUser user) {
        return tallies.groups(user);
    }

    /** Per status, with how long the leads have stood there, optionally of one branch and one assignee (null: any). */
    @Transactional(readOnly = true)
    public Map<UUID, InStatus> byStatus(CurrentUser user, UUID branchId, UUID assignedTo) {
        Map<UUID, InStatus> counts = new HashMap<>();
        tallies.byStatus(user, branchId, assignedTo, false)
                .forEach((status, tally) -> counts.put(status, new InStatus(tally.leads(), tally.enteredEpochSum())));
        return counts;
    }
}

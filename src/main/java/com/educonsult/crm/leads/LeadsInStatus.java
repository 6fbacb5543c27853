package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's live leads per status now and how long they have stood there, from the lead tallies (a few rows per
 * group, whatever the number of leads), optionally of one branch and one assignee: figures of now beside ranged ones.
 */
@Service
public class LeadsInStatus {

    /** The live leads of a status and the sum of the epoch seconds at which they entered it. */
    public record InStatus(long leads, long enteredEpochSum) {

        /** How long, on average, these leads have stood in the status at {@code nowEpoch}, in seconds. */
        public double averageSecondsIn(long nowEpoch) {
            return leads == 0 ? 0 : nowEpoch - (double) enteredEpochSum / leads;
        }
    }

    private final LeadTallies tallies;

    LeadsInStatus(LeadTallies tallies) {
        this.tallies = tallies;
    }

    @Transactional(readOnly = true)
    public Map<UUID, InStatus> byStatus(CurrentUser user, UUID branchId, UUID assignedTo) {
        Map<UUID, InStatus> counts = new HashMap<>();
        tallies.byStatus(user, branchId, assignedTo, false)
                .forEach((status, tally) -> counts.put(status, new InStatus(tally.leads(), tally.enteredEpochSum())));
        return counts;
    }
}

package com.educonsult.crm.leads;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The live leads a caller sees, counted per status, branch and assignee now, from the tallies every write of a lead
 * keeps exact: for dashboards and analytics of other modules, without counting the leads.
 */
@Service
public class LiveLeadCounts {

    /** The live leads of one status, branch and assignee (null: none) within the caller's scope. */
    public record Group(UUID statusId, UUID branchId, UUID assignedTo, long leads) {
    }

    private final LeadTallies tallies;

    LiveLeadCounts(LeadTallies tallies) {
        this.tallies = tallies;
    }

    public List<Group> of(CurrentUser user) {
        return tallies.groups(user);
    }
}

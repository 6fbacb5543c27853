package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.springframework.stereotype.Service;

/**
 * Whose work a user may see (calls made, activities logged, tasks done, messages sent): the organization's for
 * admins, their branch's users' (and their own) for managers, else their own. The one rule for every list and
 * figure of work done by someone.
 */
@Service
public class WorkScope {

    private final UserDirectory users;

    WorkScope(UserDirectory users) {
        this.users = users;
    }

    /** The condition on a table's organization and "done by" columns. */
    public Condition doneBy(CurrentUser user, Field<UUID> organization, Field<UUID> actor) {
        Condition tenant = organization.eq(user.organizationId());
        if (user.dataScope() == DataScope.ALL) {
            return tenant;
        }
        if (user.dataScope() == DataScope.BRANCH && user.branchId() != null) {
            return tenant.and(actor.in(users.usersOfBranch(user.organizationId(), user.branchId()))
                    .or(actor.eq(user.userId())));
        }
        return tenant.and(actor.eq(user.userId()));
    }
}

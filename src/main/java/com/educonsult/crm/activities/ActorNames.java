package com.educonsult.crm.activities;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Names of the users behind records, asked of the identity module once per page. */
@Component
class ActorNames {

    private final UserDirectory users;

    ActorNames(UserDirectory users) {
        this.users = users;
    }

    Map<UUID, String> of(UUID organizationId, Collection<UUID> userIds) {
        var ids = userIds.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        return users.findAll(organizationId, ids).values().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::fullName));
    }
}

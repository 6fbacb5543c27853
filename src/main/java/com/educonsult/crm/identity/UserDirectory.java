package com.educonsult.crm.identity;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What other modules may ask about users and organizations. Callers run inside a transaction of the organization. */
public interface UserDirectory {

    /** A user of the organization who has not been deleted (active or not). */
    Optional<UserSummary> find(UUID organizationId, UUID userId);

    /** The users among the ids that exist in the organization, by id. */
    Map<UUID, UserSummary> findAll(UUID organizationId, Collection<UUID> userIds);

    /** Active users holding one of the role codes (e.g. counselor, agent), optionally only of one branch. */
    List<UserSummary> activeWithRoles(UUID organizationId, Collection<String> roleCodes, UUID branchId);

    /** The organization's display name. */
    String organizationName(UUID organizationId);

    /** The organization's time zone, for "today", daily jobs and reports. */
    ZoneId timeZone(UUID organizationId);

    /** The region phone numbers of the organization are read in when they carry no country code (e.g. IN). */
    String phoneRegion(UUID organizationId);

    /** The organization's recording retention and storage quota (its settings). */
    RecordingPolicy recordingPolicy(UUID organizationId);

    /** Ids of all active organizations, for jobs that go organization by organization. */
    List<UUID> activeOrganizations();

    /**
     * Ids of every organization, suspended ones too, for housekeeping that must not wait for an organization to be
     * reactivated (recordings are deleted at the end of their retention whatever the organization's state).
     */
    List<UUID> allOrganizations();

    /** Ids of the users of a branch (active or not, not deleted), for branch-scoped lists of other modules. */
    List<UUID> usersOfBranch(UUID organizationId, UUID branchId);

    /** Whether the branch is one of the organization's, for checking a branch id a request names. */
    boolean branchExists(UUID organizationId, UUID branchId);

    /**
     * The user as a principal (roles, permissions, data scope, branch) for work done on their behalf later, such as
     * a campaign they scheduled; empty when the user is deleted or deactivated.
     */
    Optional<com.educonsult.crm.platform.security.CurrentUser> actingAs(UUID organizationId, UUID userId);
}

package com.educonsult.crm.identity;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.List;
import java.util.UUID;

/**
 * The demo organization exists with its branches and users. Published inside the seeding transaction, so that
 * each module adds its own demo data (leads, activities, calls, templates, catalogue) atomically with it.
 */
public record DemoOrganizationSeeded(UUID organizationId, List<Branch> branches, List<Member> members) {

    public record Branch(UUID id, String name, String city) {
    }

    /** A demo user, with the principal their work is done as (roles, permissions, data scope and branch). */
    public record Member(CurrentUser principal, String role, String fullName, String phone) {

        public UUID id() {
            return principal.userId();
        }

        public UUID branchId() {
            return principal.branchId();
        }
    }

    public Member admin() {
        return withRole("admin").getFirst();
    }

    public List<Member> withRole(String role) {
        return members.stream().filter(member -> member.role().equals(role)).toList();
    }
}

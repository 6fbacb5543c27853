package com.educonsult.crm.identity;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organization: an admin, two branches, a manager per branch, counselors and agents in both, and (from
 * the other modules, on {@link DemoOrganizationSeeded}) leads, activities, calls, templates and a catalogue. The
 * four users of the quick start are its Delhi team.
 */
@Component
public class DemoOrganization {

    /** The slug of the demo organization created on first start. */
    public static final String SLUG = "demo";
    /** The password of every demo user. */
    public static final String PASSWORD = "Demo@12345";

    private record DemoBranch(String name, String code, String address, String city, String phone) {
    }

    private record DemoUser(String role, String email, String phone, String firstName, String lastName,
            String designation, int branch) {
    }

    private static final List<DemoBranch> BRANCHES = List.of(
            new DemoBranch("Delhi – Connaught Place", "DEL", "N-12, Connaught Place, New Delhi 110001", "New Delhi",
                    "+911143500000"),
            new DemoBranch("Bengaluru – Koramangala", "BLR", "80 Feet Road, Koramangala 4th Block, Bengaluru 560034",
                    "Bengaluru", "+918041200000"));

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("manager", "manager@demo.educonsult.test", "+919800000002", "Meera", "Manager",
                    "Branch Manager", 0),
            new DemoUser("counselor", "counselor@demo.educonsult.test", "+919800000003", "Kabir", "Counselor",
                    "Senior Counselor", 0),
            new DemoUser("agent", "agent@demo.educonsult.test", "+919800000004", "Asha", "Agent", "Telecaller", 0),
            new DemoUser("counselor", "rohan.mehta@demo.educonsult.test", "+919800000005", "Rohan", "Mehta",
                    "Counselor", 0),
            new DemoUser("manager", "sanjay.kulkarni@demo.educonsult.test", "+919800000006", "Sanjay", "Kulkarni",
                    "Branch Manager", 1),
            new DemoUser("counselor", "priya.nair@demo.educonsult.test", "+919800000007", "Priya", "Nair",
                    "Senior Counselor", 1),
            new DemoUser("counselor", "ananya.iyer@demo.educonsult.test", "+919800000008", "Ananya", "Iyer",
                    "Counselor", 1),
            new DemoUser("agent", "vikram.rao@demo.educonsult.test", "+919800000009", "Vikram", "Rao",
                    "Telecaller", 1));

    private final Authentication authentication;
    private final Organizations organizations;
    private final Branches branches;
    private final UserAdministration userAdministration;
    private final Principals principals;
    private final Tenancy tenancy;
    private final ApplicationEventPublisher events;

    DemoOrganization(Authentication authentication, Organizations organizations, Branches branches,
            UserAdministration userAdministration, Principals principals, Tenancy tenancy,
            ApplicationEventPublisher events) {
        this.authentication = authentication;
        this.organizations = organizations;
        this.branches = branches;
        this.userAdministration = userAdministration;
        this.principals = principals;
        this.tenancy = tenancy;
        this.events = events;
    }

    /**
     * Creates the demo organization under the slug with all its demo data, in one transaction; nothing when an
     * organization already has the slug.
     *
     * @return the new organization's id, or empty when the slug was taken
     */
    @Transactional
    public Optional<UUID> seed(String slug) {
        if (organizations.findBySlug(slug).isPresent()) {
            return Optional.empty();
        }
        try {
            AuthViews.Tokens registered = authentication.register(new AuthRequests.Register("Demo Consultancy", slug,
                    "Aarav", "Admin", "admin@demo.educonsult.test", "+919800000001", PASSWORD, "Asia/Kolkata",
                    "INR", "IN"));
            UUID organizationId = registered.organization().id();
            CurrentUser admin = principal(organizationId, registered.user().id());
            List<DemoOrganizationSeeded.Branch> created = createBranches(organizationId);
            List<DemoOrganizationSeeded.Member> members = new ArrayList<>();
            members.add(new DemoOrganizationSeeded.Member(admin, "admin", "Aarav Admin", "+919800000001"));
            for (DemoUser user : USERS) {
                members.add(createUser(admin, user, created.get(user.branch()).id()));
            }
            events.publishEvent(new DemoOrganizationSeeded(organizationId, created, List.copyOf(members)));
            return Optional.of(organizationId);
        } finally {
            tenancy.clear();
        }
    }

    private List<DemoOrganizationSeeded.Branch> createBranches(UUID organizationId) {
        return BRANCHES.stream().map(branch -> {
            Branches.BranchView view = branches.create(organizationId, new BranchRequests.Create(branch.name(),
                    branch.code(), branch.address(), branch.city(), branch.phone(), null, true));
            return new DemoOrganizationSeeded.Branch(view.id(), view.name(), view.city());
        }).toList();
    }

    private DemoOrganizationSeeded.Member createUser(CurrentUser admin, DemoUser user, UUID branchId) {
        ManagedUserView created = userAdministration.create(admin, new UserRequests.Create(user.firstName(),
                user.lastName(), user.email(), user.phone(), user.designation(), "Admissions", branchId,
                List.of(user.role()), PASSWORD));
        return new DemoOrganizationSeeded.Member(principal(admin.organizationId(), created.id()), user.role(),
                user.firstName() + " " + user.lastName(), user.phone());
    }

    private CurrentUser principal(UUID organizationId, UUID userId) {
        return principals.load(organizationId, userId, null, null, null, null).orElseThrow();
    }
}

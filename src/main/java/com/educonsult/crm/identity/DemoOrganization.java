package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ROLES;

import com.educonsult.crm.platform.Tenancy;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.educonsult.crm.platform.PublicUrl;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo organization {@code demo} with one user per system role on first start (when
 * {@code crm.demo-data} is on), and says on every start how to log in.
 */
@Component
@ConditionalOnProperty(name = "crm.demo-data", havingValue = "true")
@Order(100)
class DemoOrganization implements ApplicationRunner {

    static final String SLUG = "demo";
    static final String PASSWORD = "Demo@12345";
    private static final Logger log = LoggerFactory.getLogger(DemoOrganization.class);

    private record DemoUser(String role, String email, String phone, String firstName, String lastName) {
    }

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("manager", "manager@demo.educonsult.test", "+919800000002", "Meera", "Manager"),
            new DemoUser("counselor", "counselor@demo.educonsult.test", "+919800000003", "Kabir", "Counselor"),
            new DemoUser("agent", "agent@demo.educonsult.test", "+919800000004", "Asha", "Agent"));

    private final Authentication authentication;
    private final Organizations organizations;
    private final Passwords passwords;
    private final Tenancy tenancy;
    private final DSLContext db;
    private final PublicUrl publicUrl;

    DemoOrganization(Authentication authentication, Organizations organizations, Passwords passwords,
            Tenancy tenancy, DSLContext db, PublicUrl publicUrl) {
        this.authentication = authentication;
        this.organizations = organizations;
        this.passwords = passwords;
        this.tenancy = tenancy;
        this.db = db;
        this.publicUrl = publicUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (organizations.findBySlug(SLUG).isEmpty()) {
            seed();
        }
        String baseUrl = publicUrl.base();
        log.info("""

                ==========================================================================
                 EduConsult CRM is running at {}
                 API docs:  {}/docs      Health: {}/actuator/health
                 Demo organization slug: {}   password for every demo user: {}
                   admin@demo.educonsult.test      (admin)
                   manager@demo.educonsult.test    (manager)
                   counselor@demo.educonsult.test  (counselor)
                   agent@demo.educonsult.test      (agent)
                 Log in:  curl -s {}/api/v1/auth/login -H 'Content-Type: application/json' \\
                   -d '{"email":"admin@demo.educonsult.test","password":"{}","organization_slug":"{}"}'
                ==========================================================================
                """, baseUrl, baseUrl, baseUrl, SLUG, PASSWORD, baseUrl, PASSWORD, SLUG);
    }

    private void seed() {
        AuthViews.Tokens admin = authentication.register(new AuthRequests.Register("Demo Consultancy", SLUG,
                "Aarav", "Admin", "admin@demo.educonsult.test", "+919800000001", PASSWORD, "Asia/Kolkata", "INR", "IN"));
        var organizationId = admin.organization().id();
        tenancy.runAs(organizationId, () -> {
            for (DemoUser user : USERS) {
                var roleId = db.select(ROLES.ID).from(ROLES)
                        .where(ROLES.ORGANIZATION_ID.eq(organizationId), ROLES.CODE.eq(user.role()))
                        .fetchSingle(ROLES.ID);
                authentication.insertUser(organizationId, user.email(), user.phone(), user.firstName(),
                        user.lastName(), passwords.hash(PASSWORD), roleId);
            }
        });
        log.info("Seeded the demo organization '{}'", SLUG);
    }
}

package com.educonsult.crm.identity;

import com.educonsult.crm.platform.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Seeds the demo organization on first start (when {@code crm.demo-data} is on), and says how to log in. */
@Component
@ConditionalOnProperty(name = "crm.demo-data", havingValue = "true")
@Order(100)
class DemoOrganizationOnStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoOrganizationOnStart.class);

    private final DemoOrganization demo;
    private final PublicUrl publicUrl;

    DemoOrganizationOnStart(DemoOrganization demo, PublicUrl publicUrl) {
        this.demo = demo;
        this.publicUrl = publicUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        if (demo.seed(DemoOrganization.SLUG).isPresent()) {
            log.info("Seeded the demo organization '{}' in {} ms", DemoOrganization.SLUG,
                    (System.nanoTime() - started) / 1_000_000);
        }
        String baseUrl = publicUrl.base();
        String password = DemoOrganization.PASSWORD;
        String slug = DemoOrganization.SLUG;
        log.info("""

                ==========================================================================
                 EduConsult CRM is running at {}
                 API docs:  {}/docs      Health: {}/actuator/health
                 Demo organization slug: {}   password for every demo user: {}
                   admin@demo.educonsult.test      (admin, whole organization)
                   manager@demo.educonsult.test    (manager, Delhi branch)
                   counselor@demo.educonsult.test  (counselor, own leads)
                   agent@demo.educonsult.test      (agent, own leads)
                 Log in:  curl -s {}/api/v1/auth/login -H 'Content-Type: application/json' \\
                   -d '{"email":"admin@demo.educonsult.test","password":"{}","organization_slug":"{}"}'
                ==========================================================================
                """, baseUrl, baseUrl, baseUrl, slug, password, baseUrl, password, slug);
    }
}

package com.educonsult.crm.integrations.meta;

import static com.educonsult.crm.jooq.Tables.META_PAGES;

import com.educonsult.crm.integrations.IntegrationTester;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.secrets.SecretBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Tries the Facebook connection: each connected page reads its own profile with its token (GET /me). */
@Component
class MetaTester implements IntegrationTester {

    private final DSLContext db;
    private final Tenancy tenancy;
    private final GraphClient graph;
    private final SecretBox secrets;

    MetaTester(DSLContext db, Tenancy tenancy, GraphClient graph, SecretBox secrets) {
        this.db = db;
        this.tenancy = tenancy;
        this.graph = graph;
        this.secrets = secrets;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.FACEBOOK;
    }

    @Override
    public Outcome test(UUID organizationId, Map<String, String> credentials, Map<String, Object> settings) {
        Map<String, String> tokens = tenancy.callAs(organizationId, () -> db.select(META_PAGES.PAGE_ID,
                META_PAGES.ACCESS_TOKEN).from(META_PAGES).where(META_PAGES.ORGANIZATION_ID.eq(organizationId))
                .fetchMap(r -> r.value1(), r -> secrets.open(r.value2())));
        if (tokens.isEmpty()) {
            return new Outcome(false, "No Facebook page is connected");
        }
        List<String> failures = new ArrayList<>();
        tokens.forEach((pageId, token) -> {
            try {
                graph.get(organizationId, "/me", Map.of("fields", "id,name"), token);
            } catch (GraphClient.GraphException e) {
                failures.add("page " + pageId + ": " + e.getMessage());
            }
        });
        return failures.isEmpty() ? new Outcome(true, tokens.size() == 1 ? "The page answered"
                : "All " + tokens.size() + " pages answered") : new Outcome(false, String.join("; ", failures));
    }
}

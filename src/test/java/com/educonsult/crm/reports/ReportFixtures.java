package com.educonsult.crm.reports;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.LeadVolumes;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Organizations with leads, calls, activities, tasks and stages for the report tests. */
abstract class ReportFixtures extends ApiTest {

    /** An organization with a branch, a manager in it, two counselors (one in the branch) and generated leads. */
    record Consultancy(Org org, UUID branchId, TestUser manager, TestUser counselor, TestUser otherCounselor,
            TestUser agent) {
    }

    protected Consultancy consultancy(int leads) {
        Org org = registerOrganization();
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(),
                Map.of("name", "North " + unique("b"))).expect(201).data().get("id").asString());
        // counselors build and export reports by default; these ones schedule them too
        grant(org, "counselor", "reports:schedule");
        TestUser manager = userWithRole(org, "manager", branch);
        TestUser counselor = userWithRole(org, "counselor", branch);
        TestUser other = userWithRole(org, "counselor");
        TestUser agent = userWithRole(org, "agent");
        new LeadVolumes(db, tenancy).generate(org.id(), org.adminId(), branch, counselor.id(), leads, unique("r"));
        // every seventh lead goes to the other counselor, with its calls and activities
        tenancy.runAs(org.id(), () -> {
            db.execute("update leads set assigned_to = ? where organization_id = ? and "
                    + "abs(hashtext(id::text)) % 7 = 0", other.id(), org.id());
            db.execute("update call_logs c set user_id = l.assigned_to from leads l where l.organization_id = ? "
                    + "and c.organization_id = l.organization_id and c.lead_id = l.id and l.assigned_to = ?",
                    org.id(), other.id());
            db.execute("update activities a set user_id = l.assigned_to from leads l where l.organization_id = ? "
                    + "and a.organization_id = l.organization_id and a.lead_id = l.id and l.assigned_to = ?",
                    org.id(), other.id());
            db.execute("update tasks set kind = 'follow_up', status = case when abs(hashtext(id::text)) % 3 = 0 "
                    + "then 'completed' else 'open' end where organization_id = ? and abs(hashtext(id::text)) % 2 = 0",
                    org.id());
            db.execute("update call_logs set duration_seconds = (abs(hashtext(id::text)) % 400) "
                    + "where organization_id = ?", org.id());
        });
        return new Consultancy(org, branch, manager, counselor, other, agent);
    }

    /** A user of a custom role holding only the given permissions, seeing their own work. */
    protected TestUser userWithPermissions(Org org, String... permissions) {
        String code = "custom_" + Long.toString(System.nanoTime(), 36);
        tenancy.runAs(org.id(), () -> {
            UUID role = db.fetchSingle("insert into roles (organization_id, code, name) values (?, ?, ?) returning id",
                    org.id(), code, code).get(0, UUID.class);
            for (String permission : permissions) {
                db.execute("insert into role_permissions (organization_id, role_id, permission) values (?, ?, ?)",
                        org.id(), role, permission);
            }
        });
        return userWithRole(org, code);
    }

    protected void grant(Org org, String role, String permission) {
        tenancy.runAs(org.id(), () -> db.execute("insert into role_permissions (organization_id, role_id, permission) "
                + "select organization_id, id, ? from roles where organization_id = ? and code = ? "
                + "on conflict do nothing", permission, org.id(), role));
    }

    protected void revoke(Org org, String role, String permission) {
        tenancy.runAs(org.id(), () -> db.execute("delete from role_permissions where organization_id = ? and "
                + "permission = ? and role_id = (select id from roles where organization_id = ? and code = ?)",
                org.id(), permission, org.id(), role));
    }

    protected long sql(Org org, String query, Object... arguments) {
        return tenancy.callAs(org.id(), () -> db.fetchValue(query, arguments) instanceof Number n ? n.longValue()
                : -1L);
    }

    /** The run once its job has finished (or after 30 seconds). */
    protected JsonNode awaitRun(String token, String id) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode run = api.get("/api/v1/reports/history/" + id, token).expect(200).data();
            String status = run.get("status").asString();
            if (status.equals("completed") || status.equals("failed") || System.currentTimeMillis() > deadline) {
                return run;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

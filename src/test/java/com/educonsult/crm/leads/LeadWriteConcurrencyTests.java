package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Writes to one lead sent at the same moment (a counselor's phone and a manager's screen): they queue behind the
 * lead's row lock and each answers as it would alone, never 503 for a deadlock.
 */
class LeadWriteConcurrencyTests extends LeadApiTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 3;

    private record Outcome(String what, int status, String body) {
    }

    @Test
    void concurrentStatusChangesNotesAssignmentsEditsAndCallsOnOneLeadAllSucceed() throws Exception {
        Org org = registerOrganization();
        TestUser first = userWithRole(org, "counselor");
        TestUser second = userWithRole(org, "counselor");
        UUID lead = createLead(org.adminToken(), Map.of("phone", "9876512345"));
        api.post("/api/v1/assignments/assign", org.adminToken(),
                Map.of("lead_id", lead.toString(), "assigned_to", first.id().toString())).expect(200);
        tenancy.runAs(org.id(), () -> db.execute(
                "delete from lead_status_transitions where organization_id = ?", org.id()));
        List<UUID> statuses = List.of(statusId(org, "new"), statusId(org, "contacted"));
        AtomicInteger sequence = new AtomicInteger();

        List<Callable<Outcome>> writes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int thread = 0; thread < THREADS; thread++) {
                int n = sequence.incrementAndGet();
                UUID status = statuses.get(n % 2);
                UUID owner = n % 2 == 0 ? first.id() : second.id();
                writes.add(write(n % THREADS, n, org, first, lead, status, owner));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (Future<Outcome> outcome : pool.invokeAll(writes)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status())
                .as("%s answered %s", o.what(), o.body()).isBetween(200, 201));
        tenancy.runAs(org.id(), () -> assertThat(db.fetchValue(
                "select count(*) from lead_stages where organization_id = ? and lead_id = ? and exited_at is null",
                org.id(), lead)).isEqualTo(1L));
    }

    @Test
    void sixteenNotesWithStatusChangesFromThePhoneAndTheConsoleAtOnceAllSucceed() throws Exception {
        Org org = registerOrganization();
        UUID branch = UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Pune"))
                .expect(201).data().get("id").asString());
        TestUser counselor = userWithRole(org, "counselor", branch);
        TestUser manager = userWithRole(org, "manager", branch);
        UUID lead = createLead(org.adminToken(), Map.of("branch_id", branch.toString()));
        assign(org, lead, counselor.id());
        tenancy.runAs(org.id(), () -> db.execute(
                "delete from lead_status_transitions where organization_id = ?", org.id()));
        List<UUID> statuses = List.of(statusId(org, "contacted"), statusId(org, "counselled"));

        List<Callable<Outcome>> notes = new ArrayList<>();
        for (int n = 0; n < 16; n++) {
            String token = n % 2 == 0 ? counselor.token() : manager.token();
            Map<String, Object> body = Map.of("lead_id", lead.toString(), "content", "Note " + n,
                    "status_id", statuses.get(n % 2).toString());
            notes.add(() -> outcome("saveNote", api.post("/api/v1/lead/saveNote", token, body)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (Future<Outcome> outcome : pool.invokeAll(notes)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as("%s answered %s", o.what(), o.body())
                .isEqualTo(200));
        tenancy.runAs(org.id(), () -> assertThat(db.fetchValue(
                "select count(*) from notes where organization_id = ? and lead_id = ?", org.id(), lead))
                .isEqualTo(16L));
    }

    private Callable<Outcome> write(int kind, int n, Org org, TestUser caller, UUID lead, UUID status, UUID owner) {
        String admin = org.adminToken();
        return switch (kind) {
            case 0 -> () -> outcome("saveNote", api.post("/api/v1/lead/saveNote", admin, Map.of(
                    "lead_id", lead.toString(), "content", "Spoke to the student " + n, "status_id", status.toString(),
                    "follow_up_date", OffsetDateTime.now().plusDays(1).toString())));
            case 1 -> () -> changeStatus(admin, lead, status, n);
            case 2 -> () -> outcome("note", api.post("/api/v1/leads/" + lead + "/notes", admin, Map.of(
                    "content", "Parent called " + n, "reminder_at", OffsetDateTime.now().plusDays(2).toString())));
            case 3 -> () -> outcome("patch", api.patch("/api/v1/leads/" + lead, admin,
                    Map.of("city", "Pune " + n, "status_id", status.toString())));
            case 4 -> () -> reassign(admin, lead, owner);
            case 5 -> () -> outcome("calls/sync", api.post("/api/v1/calls/sync", caller.token(), Map.of("call_logs",
                    List.of(Map.of("device_call_id", "c-" + n, "phone_number", "9876512345", "call_type", "outgoing",
                            "duration", 30 + n, "timestamp", OffsetDateTime.now().minusMinutes(n).toString())))));
            case 6 -> () -> outcome("task", api.post("/api/v1/tasks", admin, Map.of("lead_id", lead.toString(),
                    "title", "Send brochure " + n, "kind", "follow_up",
                    "due_at", OffsetDateTime.now().plusHours(n).toString())));
            default -> () -> outcome("activity", api.post("/api/v1/activities/log", admin, Map.of(
                    "lead_id", lead.toString(), "activity_type", "call", "description", "Call " + n,
                    "next_follow_up_date", OffsetDateTime.now().plusDays(3).toString())));
        };
    }

    /** A move to the status the lead is already in is refused as such (422 naming status_id); any other is 200. */
    private Outcome changeStatus(String token, UUID lead, UUID status, int n) {
        Response response = api.post("/api/v1/stages/change-status", token,
                Map.of("lead_id", lead.toString(), "status_id", status.toString(), "notes", "Round " + n));
        if (response.status() == 422 && "status_id".equals(response.errorField())
                && response.body().get("message").asString().matches("A lead in '(\\w+)' cannot move to '\\1'.*")) {
            return new Outcome("change-status", 200, response.raw());
        }
        return outcome("change-status", response);
    }

    /** A reassignment to the lead's current owner is refused as such (422 naming assigned_to); any other is 200. */
    private Outcome reassign(String token, UUID lead, UUID owner) {
        Response response = api.post("/api/v1/assignments/reassign", token,
                Map.of("lead_id", lead.toString(), "assigned_to", owner.toString()));
        if (response.status() == 422 && "assigned_to".equals(response.errorField())) {
            return new Outcome("reassign", 200, response.raw());
        }
        return outcome("reassign", response);
    }

    private static Outcome outcome(String what, Response response) {
        return new Outcome(what, response.status(), response.raw());
    }
}

package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_STAGES;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUSES;
import static com.educonsult.crm.jooq.Tables.LEAD_STATUS_TRANSITIONS;

import com.educonsult.crm.identity.OrganizationCreated;
import com.educonsult.crm.jooq.tables.records.LeadStatusesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.cache.TableCache;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.educonsult.crm.platform.web.MergePatch;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization's pipeline: its statuses, which status follows which, and exactly one default status for
 * new leads. A new organization starts with the education pipeline.
 */
@Service
public class LeadStatuses {

    private final DSLContext db;
    private final AuditTrail audit;
    private final Stages stages;
    private final Clock clock;
    private final TableCache<String, List<LeadStatus>> pipelines;

    LeadStatuses(DSLContext db, AuditTrail audit, Stages stages, Clock clock, SharedCaches caches) {
        this.db = db;
        this.pipelines = pipelineCache(caches);
        this.audit = audit;
        this.stages = stages;
        this.clock = clock;
    }

    /** Each organization's statuses with their transitions, read by every request that shows or moves a lead. */
    static TableCache<String, List<LeadStatus>> pipelineCache(SharedCaches caches) {
        return caches.cache("pipelines", java.util.Set.of("lead_statuses", "lead_status_transitions"), 10_000);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void seedPipeline(OrganizationCreated event) {
        // no cache holds anything of an organization created in this transaction: it may keep what it reads now
        ensurePipeline(event.organizationId(), Pipelines.EDUCATION);
        audit.recordBy(event.adminUserId(), "lead_statuses.seeded", "lead_status", null, null,
                Map.of("pipeline", Pipelines.EDUCATION.code()));
    }

    /** Every status of the organization, active or not, in pipeline order, with its allowed next statuses. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<LeadStatus> all(UUID organizationId) {
        return pipelines.get(organizationId, "pipeline", () -> read(organizationId));
    }

    private List<LeadStatus> read(UUID organizationId) {
        Map<UUID, Set<UUID>> next = new HashMap<>();
        db.select(LEAD_STATUS_TRANSITIONS.FROM_STATUS_ID, LEAD_STATUS_TRANSITIONS.TO_STATUS_ID)
                .from(LEAD_STATUS_TRANSITIONS)
                .where(LEAD_STATUS_TRANSITIONS.ORGANIZATION_ID.eq(organizationId))
                .forEach(r -> next.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        return db.selectFrom(LEAD_STATUSES).where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId))
                .orderBy(LEAD_STATUSES.POSITION, LEAD_STATUSES.CODE)
                .fetch(r -> status(r, next.getOrDefault(r.getId(), Set.of())))
                .stream().toList();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Map<UUID, LeadStatus> byId(UUID organizationId) {
        Map<UUID, LeadStatus> statuses = new LinkedHashMap<>();
        all(organizationId).forEach(s -> statuses.put(s.id(), s));
        return statuses;
    }

    /** The active status a client names by id or by code; the default status when it names none. */
    @Transactional(propagation = Propagation.MANDATORY)
    LeadStatus resolve(UUID organizationId, UUID statusId, String code) {
        List<LeadStatus> statuses = all(organizationId);
        if (statusId != null) {
            return statuses.stream().filter(s -> s.id().equals(statusId) && s.active()).findFirst()
                    .orElseThrow(() -> ApiException.invalid("status_id", "is not an active status of the pipeline"));
        }
        if (code != null) {
            return statuses.stream().filter(s -> s.code().equals(code) && s.active()).findFirst()
                    .orElseThrow(() -> ApiException.invalid("status", "is not an active status of the pipeline"));
        }
        return statuses.stream().filter(LeadStatus::isDefault).findFirst()
                .orElseThrow(() -> ApiException.invalid("status_id", "the organization has no default status"));
    }

    /** The codes of the pipelines an organization may switch to, education first. */
    public static List<String> pipelineCodes() {
        return java.util.Arrays.stream(Pipelines.values()).map(Pipelines::code).toList();
    }

    @Transactional(readOnly = true)
    public List<LeadStatus> list(UUID organizationId) {
        return all(organizationId);
    }

    @Transactional
    public LeadStatus create(UUID organizationId, StatusRequests.Create request) {
        pipelines.changed(organizationId);
        checkCodeFree(organizationId, request.code(), null);
        checkWonOrLost(bool(request.isWon()), bool(request.isLost()));
        boolean isDefault = bool(request.isDefault());
        boolean active = request.active() == null || request.active();
        if (isDefault && !active) {
            throw ApiException.invalid("active", "the default status must be active");
        }
        if (isDefault) {
            clearDefault(organizationId);
        }
        UUID id = Ids.newId();
        db.insertInto(LEAD_STATUSES)
                .set(LEAD_STATUSES.ORGANIZATION_ID, organizationId)
                .set(LEAD_STATUSES.ID, id)
                .set(LEAD_STATUSES.NAME, request.name().trim())
                .set(LEAD_STATUSES.CODE, request.code())
                .set(LEAD_STATUSES.COLOR, request.color() == null ? "#2196F3" : request.color())
                .set(LEAD_STATUSES.POSITION, request.position() == null ? nextPosition(organizationId) : request.position())
                .set(LEAD_STATUSES.IS_DEFAULT, isDefault)
                .set(LEAD_STATUSES.IS_WON, bool(request.isWon()))
                .set(LEAD_STATUSES.IS_LOST, bool(request.isLost()))
                .set(LEAD_STATUSES.SLA_HOURS, request.slaHours())
                .set(LEAD_STATUSES.ACTIVE, active)
                .execute();
        if (request.allowedNextStatusIds() != null) {
            replaceTransitions(organizationId, id, request.allowedNextStatusIds());
        }
        LeadStatus created = find(organizationId, id);
        audit.record("lead_status.created", "lead_status", id, null, created);
        return created;
    }

    @Transactional
    public LeadStatus update(UUID organizationId, UUID id, StatusRequests.Update request, MergePatch patch) {
        pipelines.changed(organizationId);
        LeadStatus before = find(organizationId, id);
        LeadStatusesRecord status = db.selectFrom(LEAD_STATUSES)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId), LEAD_STATUSES.ID.eq(id)).fetchSingle();
        if (request.name() != null) {
            status.setName(request.name().trim());
        }
        if (request.code() != null) {
            checkCodeFree(organizationId, request.code(), id);
            status.setCode(request.code());
        }
        if (request.color() != null) {
            status.setColor(request.color());
        }
        if (request.position() != null) {
            status.setPosition(request.position());
        }
        if (request.isWon() != null) {
            status.setIsWon(request.isWon());
        }
        if (request.isLost() != null) {
            status.setIsLost(request.isLost());
        }
        checkWonOrLost(status.getIsWon(), status.getIsLost());
        patch.apply("sla_hours", request.slaHours(),
                hours -> status.setSlaHours(hours == null || hours == 0 ? null : hours));
        if (request.active() != null) {
            status.setActive(request.active());
        }
        if (Boolean.FALSE.equals(request.isDefault()) && before.isDefault()) {
            throw ApiException.invalid("is_default", "exactly one status is the default: make another status the default");
        }
        boolean becomesDefault = Boolean.TRUE.equals(request.isDefault()) && !before.isDefault();
        if ((becomesDefault || before.isDefault()) && !status.getActive()) {
            throw ApiException.invalid("active", "the default status must be active");
        }
        if (becomesDefault) {
            clearDefault(organizationId);
            status.setIsDefault(true);
        }
        status.setUpdatedAt(now());
        db.update(LEAD_STATUSES).set(status)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId), LEAD_STATUSES.ID.eq(id))
                .execute();
        patch.apply("allowed_next_status_ids", request.allowedNextStatusIds(),
                ids -> replaceTransitions(organizationId, id, ids == null ? List.of() : ids));
        LeadStatus after = find(organizationId, id);
        audit.record("lead_status.updated", "lead_status", id, before, after);
        return after;
    }

    /** Deletes a status no lead has ever been in; statuses with history are deactivated instead. */
    @Transactional
    public void delete(UUID organizationId, UUID id) {
        pipelines.changed(organizationId);
        LeadStatus before = find(organizationId, id);
        if (before.isDefault()) {
            throw ApiException.conflict("id", "the default status cannot be deleted; make another status the default first");
        }
        int leads = db.fetchCount(LEADS, LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.STATUS_ID.eq(id));
        boolean inHistory = db.fetchExists(LEAD_STAGES, LEAD_STAGES.ORGANIZATION_ID.eq(organizationId),
                LEAD_STAGES.STATUS_ID.eq(id));
        if (leads > 0 || inHistory) {
            throw ApiException.conflict("id", leads > 0
                    ? "the status is in use by " + leads + " lead(s); move them first or deactivate it"
                    : "leads have been in this status; deactivate it instead");
        }
        db.deleteFrom(LEAD_STATUSES).where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId), LEAD_STATUSES.ID.eq(id))
                .execute();
        audit.record("lead_status.deleted", "lead_status", id, before, null);
    }

    /**
     * Switches to a pipeline: creates its missing statuses, resets their transition rules to the pipeline's,
     * moves every lead in another status to the status of the same code (or the default) through a new stage,
     * and deactivates the statuses outside the pipeline.
     */
    @Transactional
    public List<LeadStatus> switchPipeline(UUID organizationId, UUID byUserId, String pipelineCode) {
        pipelines.changed(organizationId);
        Pipelines pipeline = Pipelines.byCode(pipelineCode)
                .orElseThrow(() -> ApiException.invalid("pipeline", "must be education or sales"));
        List<LeadStatus> before = all(organizationId);
        Map<String, UUID> target = ensurePipeline(organizationId, pipeline);
        UUID defaultId = target.get(pipeline.defaultStep().code());
        int moved = 0;
        for (LeadStatus status : before) {
            if (!target.containsValue(status.id())) {
                UUID to = target.getOrDefault(status.code(), defaultId);
                moved += stages.moveAll(organizationId, status.id(), to, byUserId,
                        "Pipeline switched to " + pipeline.code());
                db.update(LEAD_STATUSES).set(LEAD_STATUSES.ACTIVE, false).set(LEAD_STATUSES.UPDATED_AT, now())
                        .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId), LEAD_STATUSES.ID.eq(status.id()))
                        .execute();
            }
        }
        List<LeadStatus> after = all(organizationId);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("pipeline", pipeline.code());
        change.put("leads_moved", moved);
        audit.record("lead_statuses.pipeline_switched", "lead_status", null, before, change);
        return after;
    }

    /** Makes the pipeline's statuses exist, active, in its order and with its rules; returns their ids by code. */
    private Map<String, UUID> ensurePipeline(UUID organizationId, Pipelines pipeline) {
        Map<String, UUID> existing = db.select(LEAD_STATUSES.CODE, LEAD_STATUSES.ID).from(LEAD_STATUSES)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId))
                .fetchMap(LEAD_STATUSES.CODE, LEAD_STATUSES.ID);
        clearDefault(organizationId);
        Map<String, UUID> ids = new LinkedHashMap<>();
        int position = 0;
        for (Pipelines.Step step : pipeline.steps) {
            UUID id = existing.getOrDefault(step.code(), Ids.newId());
            boolean isDefault = step == pipeline.defaultStep();
            if (existing.containsKey(step.code())) {
                db.update(LEAD_STATUSES)
                        .set(LEAD_STATUSES.ACTIVE, true)
                        .set(LEAD_STATUSES.POSITION, position)
                        .set(LEAD_STATUSES.IS_DEFAULT, isDefault)
                        .set(LEAD_STATUSES.IS_WON, step.won())
                        .set(LEAD_STATUSES.IS_LOST, step.lost())
                        .set(LEAD_STATUSES.UPDATED_AT, now())
                        .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId), LEAD_STATUSES.ID.eq(id))
                        .execute();
            } else {
                db.insertInto(LEAD_STATUSES)
                        .set(LEAD_STATUSES.ORGANIZATION_ID, organizationId)
                        .set(LEAD_STATUSES.ID, id)
                        .set(LEAD_STATUSES.NAME, step.name())
                        .set(LEAD_STATUSES.CODE, step.code())
                        .set(LEAD_STATUSES.COLOR, step.color())
                        .set(LEAD_STATUSES.POSITION, position)
                        .set(LEAD_STATUSES.IS_DEFAULT, isDefault)
                        .set(LEAD_STATUSES.IS_WON, step.won())
                        .set(LEAD_STATUSES.IS_LOST, step.lost())
                        .set(LEAD_STATUSES.SLA_HOURS, step.slaHours())
                        .execute();
            }
            ids.put(step.code(), id);
            position += 10;
        }
        for (Pipelines.Step step : pipeline.steps) {
            replaceTransitions(organizationId, ids.get(step.code()), step.next().stream().map(ids::get).toList());
        }
        return ids;
    }

    private void replaceTransitions(UUID organizationId, UUID fromId, Collection<UUID> toIds) {
        Set<UUID> targets = new HashSet<>(toIds);
        Set<UUID> known = new HashSet<>(db.select(LEAD_STATUSES.ID).from(LEAD_STATUSES)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId), LEAD_STATUSES.ID.in(targets))
                .fetch(LEAD_STATUSES.ID));
        List<FieldError> unknown = targets.stream().filter(t -> !known.contains(t) || t.equals(fromId))
                .map(t -> new FieldError("allowed_next_status_ids", t + " is not another status of the organization"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown next statuses", unknown);
        }
        db.deleteFrom(LEAD_STATUS_TRANSITIONS).where(LEAD_STATUS_TRANSITIONS.ORGANIZATION_ID.eq(organizationId),
                LEAD_STATUS_TRANSITIONS.FROM_STATUS_ID.eq(fromId)).execute();
        var insert = db.insertInto(LEAD_STATUS_TRANSITIONS, LEAD_STATUS_TRANSITIONS.ORGANIZATION_ID,
                LEAD_STATUS_TRANSITIONS.FROM_STATUS_ID, LEAD_STATUS_TRANSITIONS.TO_STATUS_ID);
        for (UUID to : targets) {
            insert = insert.values(organizationId, fromId, to);
        }
        if (!targets.isEmpty()) {
            insert.execute();
        }
    }

    LeadStatus find(UUID organizationId, UUID id) {
        return all(organizationId).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Status"));
    }

    private void clearDefault(UUID organizationId) {
        db.update(LEAD_STATUSES).set(LEAD_STATUSES.IS_DEFAULT, false)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId), LEAD_STATUSES.IS_DEFAULT.isTrue())
                .execute();
    }

    private void checkCodeFree(UUID organizationId, String code, UUID exceptId) {
        if (db.fetchExists(LEAD_STATUSES, LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId),
                LEAD_STATUSES.CODE.eq(code), exceptId == null ? DSL.noCondition() : LEAD_STATUSES.ID.ne(exceptId))) {
            throw ApiException.conflict("code", "another status already has this code");
        }
    }

    private static void checkWonOrLost(boolean won, boolean lost) {
        if (won && lost) {
            throw ApiException.invalid("is_lost", "a status cannot be both won and lost");
        }
    }

    private int nextPosition(UUID organizationId) {
        Integer max = db.select(DSL.max(LEAD_STATUSES.POSITION)).from(LEAD_STATUSES)
                .where(LEAD_STATUSES.ORGANIZATION_ID.eq(organizationId)).fetchOne(0, Integer.class);
        return max == null ? 0 : max + 10;
    }

    private static LeadStatus status(LeadStatusesRecord r, Set<UUID> next) {
        return new LeadStatus(r.getId(), r.getCode(), r.getName(), r.getColor(), r.getPosition(), r.getIsDefault(),
                r.getIsWon(), r.getIsLost(), r.getSlaHours(), r.getActive(), Set.copyOf(next));
    }

    private static boolean bool(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

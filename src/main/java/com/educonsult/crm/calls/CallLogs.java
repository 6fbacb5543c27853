package com.educonsult.crm.calls;

import com.educonsult.crm.platform.db.Totals;
import static com.educonsult.crm.jooq.Tables.CALL_LOGS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.WorkScope;
import com.educonsult.crm.jooq.tables.records.CallLogsRecord;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored calls as users may see them: admins all of the organization's, managers those of their branch's
 * users, everyone else their own; and daily reports per user.
 */
@Service
public class CallLogs {

    public record CallView(UUID id, UUID userId, UUID leadId, String deviceCallId, String phoneNumber, String phoneE164,
            String callType, int durationSeconds, OffsetDateTime calledAt, Integer simSlot,
            Map<String, Object> deviceInfo, String notes, OffsetDateTime notesUpdatedAt, OffsetDateTime createdAt,
            UUID recordingId, String recordingStatus) {
    }

    /** Filters of the call list; null means any. */
    public record Filter(UUID userId, UUID leadId, String callType, OffsetDateTime from, OffsetDateTime to) {

        Condition condition() {
            return DSL.and(
                    userId == null ? DSL.noCondition() : CALL_LOGS.USER_ID.eq(userId),
                    leadId == null ? DSL.noCondition() : CALL_LOGS.LEAD_ID.eq(leadId),
                    callType == null ? DSL.noCondition() : CALL_LOGS.CALL_TYPE.eq(callType),
                    from == null ? DSL.noCondition() : CALL_LOGS.CALLED_AT.ge(from),
                    to == null ? DSL.noCondition() : CALL_LOGS.CALLED_AT.le(to));
        }
    }

    public record DayStats(UUID userId, LocalDate day, int total, int incoming, int outgoing, int missed, int rejected,
            int connected, long talkTimeSeconds, int uniqueNumbers, BigDecimal connectedRate) {
    }

    public record Stats(String timeZone, List<DayStats> days) {
    }

    /** All calls with one lead the user may see, whoever made them. */
    record LeadCallSummary(UUID leadId, int total, int incoming, int outgoing, int missed, int rejected,
            int connected, int attempts, long talkTimeSeconds, OffsetDateTime firstCallAt, OffsetDateTime lastCallAt) {
    }

    /** Calls whose notes were changed on the web since a time, and the server's time to ask from next. */
    record WebNotes(List<CallView> calls, OffsetDateTime serverTime) {
    }

    static final int MAX_WEB_NOTES = 500;
    private static final Condition CONNECTED = CALL_LOGS.CALL_TYPE.in("incoming", "outgoing")
            .and(CALL_LOGS.DURATION_SECONDS.gt(0));
    private static final Condition ATTEMPT = CALL_LOGS.CALL_TYPE.in("missed", "rejected")
            .or(CALL_LOGS.CALL_TYPE.eq("outgoing").and(CALL_LOGS.DURATION_SECONDS.eq(0)));

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DSLContext db;
    private final LeadDirectory leads;
    private final UserDirectory users;
    private final WorkScope workScope;
    private final JsonMapper json;

    CallLogs(DSLContext db, LeadDirectory leads, UserDirectory users, WorkScope workScope, JsonMapper json) {
        this.db = db;
        this.leads = leads;
        this.users = users;
        this.workScope = workScope;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Page<CallView> list(CurrentUser user, Filter filter, PageRequest paging) {
        return page(visible(user).and(filter.condition()), paging);
    }

    @Transactional(readOnly = true)
    CallView get(CurrentUser user, UUID id) {
        return db.selectFrom(CALL_LOGS).where(visible(user), CALL_LOGS.ID.eq(id))
                .fetchOptional(this::view)
                .orElseThrow(() -> ApiException.notFound("Call"));
    }

    /** All calls of a lead the user may see, whoever made them. */
    @Transactional(readOnly = true)
    public Page<CallView> forLead(CurrentUser user, UUID leadId, PageRequest paging) {
        leads.findVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead"));
        return page(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()).and(CALL_LOGS.LEAD_ID.eq(leadId)), paging);
    }

    /** Per user per day of the organization's calendar. */
    @Transactional(readOnly = true)
    public Stats stats(CurrentUser user, Filter filter) {
        ZoneId zone = users.timeZone(user.organizationId());
        // inline, so that grouping and ordering repeat the same expression
        Field<LocalDate> day = DSL.field("({0} at time zone {1})::date", SQLDataType.LOCALDATE,
                CALL_LOGS.CALLED_AT, DSL.inline(zone.getId()));
        List<DayStats> days = db.select(CALL_LOGS.USER_ID, day, DSL.count(), count("incoming"), count("outgoing"),
                        count("missed"), count("rejected"), DSL.count().filterWhere(CONNECTED), talkTime(),
                        DSL.countDistinct(CALL_LOGS.PHONE_E164))
                .from(CALL_LOGS)
                .where(visible(user).and(filter.condition()))
                .groupBy(CALL_LOGS.USER_ID, day)
                .orderBy(day.desc(), CALL_LOGS.USER_ID)
                .fetch(r -> new DayStats(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9().longValue(), r.value10(),
                        BigDecimal.valueOf(r.value8()).divide(BigDecimal.valueOf(r.value3()), 4, RoundingMode.HALF_UP)));
        return new Stats(zone.getId(), days);
    }

    @Transactional(readOnly = true)
    LeadCallSummary summary(CurrentUser user, UUID leadId) {
        leads.findVisible(user, leadId).orElseThrow(() -> ApiException.notFound("Lead"));
        return db.select(DSL.count(), count("incoming"), count("outgoing"), count("missed"), count("rejected"),
                        DSL.count().filterWhere(CONNECTED), DSL.count().filterWhere(ATTEMPT), talkTime(),
                        DSL.min(CALL_LOGS.CALLED_AT), DSL.max(CALL_LOGS.CALLED_AT))
                .from(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.LEAD_ID.eq(leadId))
                .fetchSingle(r -> new LeadCallSummary(leadId, r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8().longValue(), r.value9(), r.value10()));
    }

    /** A user's calls on days of the organization's calendar, from and to inclusive. */
    @Transactional(readOnly = true)
    Page<CallView> onDays(CurrentUser user, UUID userId, String callType, LocalDate from, LocalDate to,
            PageRequest paging) {
        ZoneId zone = users.timeZone(user.organizationId());
        Filter filter = new Filter(userId, null, callType,
                from == null ? null : from.atStartOfDay(zone).toOffsetDateTime(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusNanos(1000));
        return list(user, filter, paging);
    }

    /** The user's own calls whose notes were last written on the web after the given time, oldest change first. */
    @Transactional(readOnly = true)
    WebNotes notesChangedOnWeb(CurrentUser user, OffsetDateTime since) {
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        List<CallView> changed = db.selectFrom(CALL_LOGS)
                .where(CALL_LOGS.ORGANIZATION_ID.eq(user.organizationId()), CALL_LOGS.USER_ID.eq(user.userId()),
                        CALL_LOGS.NOTES_SOURCE.eq("web"), CALL_LOGS.NOTES_UPDATED_AT.gt(since))
                .orderBy(CALL_LOGS.NOTES_UPDATED_AT, CALL_LOGS.ID)
                .limit(MAX_WEB_NOTES)
                .fetch(this::view);
        return new WebNotes(changed, now);
    }

    private static Field<Integer> count(String callType) {
        return DSL.count().filterWhere(CALL_LOGS.CALL_TYPE.eq(callType));
    }

    private static Field<BigDecimal> talkTime() {
        return DSL.coalesce(DSL.sum(CALL_LOGS.DURATION_SECONDS), DSL.inline(BigDecimal.ZERO));
    }

    private Page<CallView> page(Condition condition, PageRequest paging) {
        List<CallView> items = db.selectFrom(CALL_LOGS).where(condition)
                .orderBy(CALL_LOGS.CALLED_AT.desc(), CALL_LOGS.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch(this::view);
        return paging.page(items, Totals.of(db, db.selectOne().from(CALL_LOGS).where(condition)));
    }

    /** The calls the user may see: the organization's for admins, their branch's users' for managers, else own. */
    Condition visible(CurrentUser user) {
        return workScope.doneBy(user, CALL_LOGS.ORGANIZATION_ID, CALL_LOGS.USER_ID);
    }

    private CallView view(CallLogsRecord r) {
        return new CallView(r.getId(), r.getUserId(), r.getLeadId(), r.getDeviceCallId(), r.getPhoneNumber(),
                r.getPhoneE164(), r.getCallType(), r.getDurationSeconds(), r.getCalledAt(), r.getSimSlot(),
                json.readValue(r.getDeviceInfo().data(), MAP), r.getNotes(), r.getNotesUpdatedAt(), r.getCreatedAt(),
                r.getRecordingId(), r.getRecordingStatus());
    }
}

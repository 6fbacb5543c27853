package com.educonsult.crm.analytics.overview;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.identity.Branches;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per counselor over a range: their leads (created on those days, assigned to them now) and conversions, the calls
 * they made with talk time and connected rate, the follow-ups due to them done on time, and their speed to lead;
 * beside it speed to lead per branch and source and the leads still waiting.
 */
@Service
class CounselorFigures {

    static final int WAITING_SHOWN = 20;

    private final FactSums facts;
    private final SpeedToLead speed;
    private final UserDirectory users;
    private final LeadDirectory leads;
    private final Branches branches;
    private final Clock clock;

    CounselorFigures(FactSums facts, SpeedToLead speed, UserDirectory users, LeadDirectory leads,
            Branches branches, Clock clock) {
        this.branches = branches;
        this.facts = facts;
        this.speed = speed;
        this.users = users;
        this.leads = leads;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Overview.CounselorPerformance of(CurrentUser user, AnalyticsRange range, Overview.Filter filter) {
        FactRows leadRows = FilterConditions.onLeadFacts(filter);
        FactRows workRows = FilterConditions.onWorkFacts(filter);
        Map<UUID, FactSums.Sum> created = facts.by(user, FactMetric.LEAD_CREATED, range, leadRows,
                ANALYTICS_FACTS.OWNER_ID);
        Map<UUID, FactSums.Sum> converted = facts.by(user, FactMetric.LEAD_CONVERTED, range, leadRows,
                ANALYTICS_FACTS.OWNER_ID);
        Map<UUID, FactSums.Sum> calls = facts.by(user, FactMetric.CALL, range, workRows, ANALYTICS_FACTS.USER_ID);
        Map<UUID, FactSums.Sum> followUps = facts.by(user, FactMetric.TASK_DUE, range,
                workRows.and(FactRows.of(ANALYTICS_FACTS.KIND.eq("follow_up"), ANALYTICS_FACTS.KIND)), ANALYTICS_FACTS.USER_ID);
        SpeedToLead.Groups speeds = speed.of(user, range, filter);
        Map<UUID, Overview.SpeedToLead> speedOf = new HashMap<>();
        speeds.byCounselor().stream().filter(s -> s.id() != null).forEach(s -> speedOf.put(s.id(), s));

        Set<UUID> ids = new LinkedHashSet<>();
        for (Map<UUID, ?> figures : List.of(created, converted, calls, followUps, speedOf)) {
            figures.keySet().stream().filter(Objects::nonNull).forEach(ids::add);
        }
        Map<UUID, UserSummary> named = users.findAll(user.organizationId(), ids);
        List<Overview.CounselorStats> counselors = ids.stream()
                .filter(id -> filter.branchId() == null || named.containsKey(id)
                        && filter.branchId().equals(named.get(id).branchId()))
                .map(id -> stats(id, nameOf(named, id), created, converted, calls, followUps, speedOf.get(id)))
                .sorted(Comparator.comparingLong(Overview.CounselorStats::conversions)
                        .thenComparingLong(Overview.CounselorStats::leads).reversed()
                        .thenComparing(Overview.CounselorStats::name))
                .toList();

        List<SpeedToLead.Waiting> waiting = speed.waiting(user, range, filter, WAITING_SHOWN);
        Map<UUID, LeadSummary> waitingNames = leads.findAllVisible(user,
                waiting.stream().map(SpeedToLead.Waiting::leadId).toList());
        Instant now = clock.instant();
        List<Overview.WaitingLead> waitingLeads = waiting.stream()
                .map(w -> new Overview.WaitingLead(w.leadId(),
                        waitingNames.containsKey(w.leadId()) ? waitingNames.get(w.leadId()).fullName() : null,
                        w.createdAt(), w.ownerId(),
                        Math.max(0, Duration.between(w.createdAt().toInstant(), now).toSeconds())))
                .toList();
        return new Overview.CounselorPerformance(range.from(), range.to(), counselors, speeds.overall(),
                named(speeds.byCounselor(), id -> id == null ? "Unassigned" : nameOf(named, id)),
                named(speeds.byBranch(), branchNames(user)::get),
                speeds.bySource(), speeds.overall().waiting(), waitingLeads);
    }

    private static Overview.CounselorStats stats(UUID id, String name, Map<UUID, FactSums.Sum> created,
            Map<UUID, FactSums.Sum> converted, Map<UUID, FactSums.Sum> calls, Map<UUID, FactSums.Sum> followUps,
            Overview.SpeedToLead speed) {
        FactSums.Sum leads = created.getOrDefault(id, FactSums.Sum.ZERO);
        long conversions = converted.getOrDefault(id, FactSums.Sum.ZERO).n();
        FactSums.Sum called = calls.getOrDefault(id, FactSums.Sum.ZERO);
        FactSums.Sum due = followUps.getOrDefault(id, FactSums.Sum.ZERO);
        return new Overview.CounselorStats(id, name, leads.n(), conversions, Percent.of(leads.met(), leads.n()),
                called.n(), called.met(), Percent.of(called.met(), called.n()), called.total(), due.n(), due.met(),
                Percent.of(due.met(), due.n()), speed == null ? 0 : speed.responded(),
                speed == null ? 0 : speed.waiting(), speed == null ? null : speed.medianSeconds(),
                speed == null ? null : speed.p90Seconds());
    }

    private static List<Overview.SpeedToLead> named(List<Overview.SpeedToLead> groups, Function<UUID, String> name) {
        return groups.stream()
                .map(s -> new Overview.SpeedToLead(s.id(), s.name() != null ? s.name() : name.apply(s.id()),
                        s.leads(), s.responded(), s.waiting(), s.medianSeconds(), s.p90Seconds()))
                .sorted(Comparator.comparingLong(Overview.SpeedToLead::leads).reversed())
                .toList();
    }

    private Map<UUID, String> branchNames(CurrentUser user) {
        Map<UUID, String> names = new HashMap<>();
        names.put(null, "No branch");
        branches.list(user.organizationId(), null, PageRequest.of(PageRequest.MAX_LIMIT, 0)).items()
                .forEach(b -> names.put(b.id(), b.name()));
        return names;
    }

    private static String nameOf(Map<UUID, UserSummary> named, UUID id) {
        return named.containsKey(id) ? named.get(id).fullName() : "Former user";
    }
}

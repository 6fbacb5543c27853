package com.educonsult.crm.analytics.overview;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_FACTS;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.analytics.facts.FactMetric;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.leads.LeadStatus;
import com.educonsult.crm.leads.LeadStatuses;
import com.educonsult.crm.leads.LiveLeadCounts;
import com.educonsult.crm.platform.security.CurrentUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What needs attention now: leads nobody answered within their first status's deadline, overdue follow-ups,
 * counselors over capacity and sources whose volume dropped against the previous period (see {@link AlertRules}).
 */
@Service
class OverviewAlerts {

    private final FactSums facts;
    private final SpeedToLead speed;
    private final LiveLeadCounts live;
    private final LeadStatuses statuses;
    private final UserDirectory users;
    private final Clock clock;

    OverviewAlerts(FactSums facts, SpeedToLead speed, LiveLeadCounts live, LeadStatuses statuses,
            UserDirectory users, Clock clock) {
        this.facts = facts;
        this.speed = speed;
        this.live = live;
        this.statuses = statuses;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Overview.Alert> of(CurrentUser user, AnalyticsRange range, Overview.Filter filter, Integer capacity) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<LeadStatus> pipeline = statuses.list(user.organizationId());
        List<Overview.Alert> alerts = new ArrayList<>();
        untouched(user, pipeline, now, alerts);
        overdueFollowUps(user, range, filter, now, alerts);
        overCapacity(user, pipeline, filter, capacity, now, alerts);
        droppedSources(user, range, filter, now, alerts);
        return alerts;
    }

    private void untouched(CurrentUser user, List<LeadStatus> pipeline, OffsetDateTime now,
            List<Overview.Alert> alerts) {
        int hours = pipeline.stream().filter(LeadStatus::isDefault).map(LeadStatus::slaHours)
                .filter(java.util.Objects::nonNull).findFirst().orElse(AlertRules.DEFAULT_RESPONSE_SLA_HOURS);
        long waiting = speed.waitingSince(user, now.toInstant().minus(Duration.ofHours(hours)));
        if (waiting > 0) {
            alerts.add(new Overview.Alert("untouched_leads", "high", waiting + " leads untouched past their SLA",
                    "No call or message for more than " + hours + " hours since they came in.",
                    "/leads?not_contacted=true", waiting, now));
        }
    }

    private void overdueFollowUps(CurrentUser user, AnalyticsRange range, Overview.Filter filter, OffsetDateTime now,
            List<Overview.Alert> alerts) {
        LocalDate today = now.atZoneSameInstant(range.zone()).toLocalDate();
        long overdue = facts.total(user, FactMetric.TASK_DUE, null, FilterConditions.onWorkFacts(filter)
                .and(FactRows.of(ANALYTICS_FACTS.KIND.eq("follow_up").and(ANALYTICS_FACTS.DETAIL.eq("open"))
                        .and(ANALYTICS_FACTS.DAY.lt(today)), ANALYTICS_FACTS.KIND, ANALYTICS_FACTS.DETAIL))).n();
        if (overdue > 0) {
            alerts.add(new Overview.Alert("overdue_follow_ups", overdue >= 10 ? "high" : "medium",
                    overdue + " follow-ups overdue", "Follow-ups due before today that are still open.",
                    "/follow-ups?when=overdue", overdue, now));
        }
    }

    private void overCapacity(CurrentUser user, List<LeadStatus> pipeline, Overview.Filter filter, Integer capacity,
            OffsetDateTime now, List<Overview.Alert> alerts) {
        Set<UUID> open = pipeline.stream().filter(s -> !s.isWon() && !s.isLost()).map(LeadStatus::id)
                .collect(Collectors.toSet());
        Map<UUID, Long> openLeads = new HashMap<>();
        live.of(user).stream()
                .filter(g -> g.assignedTo() != null && open.contains(g.statusId()))
                .filter(g -> filter.branchId() == null || filter.branchId().equals(g.branchId()))
                .forEach(g -> openLeads.merge(g.assignedTo(), g.leads(), Long::sum));
        Map<UUID, Long> over = AlertRules.overCapacity(openLeads, capacity);
        Map<UUID, UserSummary> named = users.findAll(user.organizationId(), over.keySet());
        over.entrySet().stream().sorted(Map.Entry.<UUID, Long>comparingByValue().reversed()).forEach(e -> {
            String name = named.containsKey(e.getKey()) ? named.get(e.getKey()).fullName() : "A former user";
            alerts.add(new Overview.Alert("counselor_over_capacity", "medium",
                    name + " has " + e.getValue() + " open leads",
                    capacity != null ? "More than the capacity of " + capacity + " open leads."
                            : "Well above the team's average; consider reassigning some.",
                    "/leads?assigned_to=" + e.getKey(), e.getValue(), now));
        });
    }

    private void droppedSources(CurrentUser user, AnalyticsRange range, Overview.Filter filter, OffsetDateTime now,
            List<Overview.Alert> alerts) {
        var leadRows = FilterConditions.onLeadFacts(filter);
        Map<String, FactSums.Sum> current = facts.by(user, FactMetric.LEAD_CREATED, range, leadRows,
                ANALYTICS_FACTS.SOURCE);
        facts.by(user, FactMetric.LEAD_CREATED, range.previous(), leadRows, ANALYTICS_FACTS.SOURCE).entrySet().stream()
                .filter(e -> e.getKey() != null)
                .filter(e -> AlertRules.volumeDropped(e.getValue().n(),
                        current.getOrDefault(e.getKey(), FactSums.Sum.ZERO).n()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    long before = e.getValue().n();
                    long after = current.getOrDefault(e.getKey(), FactSums.Sum.ZERO).n();
                    alerts.add(new Overview.Alert("source_volume_dropped", after == 0 ? "high" : "medium",
                            "Leads from " + e.getKey() + " dropped to " + after + " from " + before,
                            "Against the previous " + range.days() + " days.",
                            "/leads?source=" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                    + "&created_from=" + range.from() + "&created_to=" + range.to(),
                            after, now));
                });
    }
}

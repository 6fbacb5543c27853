package com.educonsult.crm.analytics.overview;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.Overview;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The overview's figures for the API and the console, and the caller's dashboard cached under its data version. */
@Service
class OverviewService implements Overview {

    private final OverviewFigures figures;
    private final CounselorFigures counselors;
    private final OverviewAlerts alerts;
    private final DashboardFigures dashboards;
    private final DashboardCache cache;
    private final UserDirectory users;
    private final ReadReplica reads;
    private final Clock clock;

    OverviewService(OverviewFigures figures, CounselorFigures counselors, OverviewAlerts alerts,
            DashboardFigures dashboards, DashboardCache cache, UserDirectory users, ReadReplica reads, Clock clock) {
        this.figures = figures;
        this.counselors = counselors;
        this.alerts = alerts;
        this.dashboards = dashboards;
        this.cache = cache;
        this.users = users;
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public Kpis kpis(CurrentUser user, AnalyticsRange range, Filter filter) {
        return figures.kpis(user, range, filter);
    }

    @Override
    public List<VolumePoint> volume(CurrentUser user, AnalyticsRange range, String granularity, Filter filter) {
        return figures.volume(user, range, granularity, filter);
    }

    @Override
    public Funnel funnel(CurrentUser user, AnalyticsRange range, Filter filter) {
        return figures.funnel(user, range, filter);
    }

    @Override
    public List<SourceConversion> conversionBySource(CurrentUser user, AnalyticsRange range, Filter filter) {
        return figures.conversionBySource(user, range, filter);
    }

    @Override
    public CounselorPerformance counselorPerformance(CurrentUser user, AnalyticsRange range, Filter filter) {
        return counselors.of(user, range, filter);
    }

    @Override
    public List<Alert> alerts(CurrentUser user, AnalyticsRange range, Filter filter) {
        return alerts.of(user, range, filter, null);
    }

    List<Alert> alerts(CurrentUser user, AnalyticsRange range, Filter filter, Integer capacity) {
        return alerts.of(user, range, filter, capacity);
    }

    @Override
    @Transactional(readOnly = true)
    public Dashboard dashboard(CurrentUser user) {
        ZoneId zone = users.timeZone(user.organizationId());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String version = dataVersion(user) + "-" + today;
        DashboardCache.Key key = new DashboardCache.Key(user.organizationId(), user.userId(),
                user.dataScope().name(), user.branchId());
        return cache.get(key, version, () -> dashboards.of(user, zone, today, version));
    }

    /**
     * The version of the organization's data the dashboard shows: the last fact appended (every change of leads,
     * stages, calls, activities, tasks and communications appends one) and the counter of statuses, users and
     * branches (V42). Two index lookups.
     */
    String dataVersion(CurrentUser user) {
        return reads.read(db -> db.select(
                        DSL.field("(select coalesce(max(seq), 0) from analytics_facts where organization_id = {0})",
                                Long.class, DSL.val(user.organizationId())),
                        DSL.field("(select coalesce(max(version), 0) from analytics_versions "
                                + "where organization_id = {0})", Long.class, DSL.val(user.organizationId())))
                .fetchSingle(r -> r.value1() + "." + r.value2()));
    }
}

package com.educonsult.crm.platform.jobs;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * db-scheduler's auto-configuration orders itself after a DataSource auto-configuration class that moved in
 * Spring Boot 4; this empty one restores the order so the scheduler always finds the DataSource.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration")
public class SchedulerOrdering {
}

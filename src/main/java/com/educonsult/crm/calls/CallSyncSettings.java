package com.educonsult.crm.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many call-log batches one server stores at the same time. Batches of different phones often touch the same
 * leads, whose rows each batch locks until it commits: a few batches at a time finish sooner than many that
 * wait on each other while holding database connections. Others wait for their turn up to {@code queueTimeout},
 * then get 503 with Retry-After (the sync is idempotent, so the phone resends).
 */
@ConfigurationProperties("crm.calls.sync")
record CallSyncSettings(@DefaultValue("4") int concurrency, @DefaultValue("20s") Duration queueTimeout) {
}

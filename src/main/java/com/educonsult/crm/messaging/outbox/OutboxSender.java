package com.educonsult.crm.messaging.outbox;

import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.ChannelAdapter;
import com.educonsult.crm.messaging.CommunicationEvents;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import com.educonsult.crm.messaging.email.EmailHeaders;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands due deliveries to the providers, organization by organization. A pass claims a batch of one channel's due
 * deliveries with one statement (FOR UPDATE SKIP LOCKED, so two senders never take the same ones), marking them
 * "sending" until a lease ends, and commits; sends them outside any transaction, several at a time, paced to the
 * channel's throttle; then records every outcome of the batch in one transaction. A delivery still "sending" when
 * its lease ends (its sender crashed between the hand-over and the record) is claimed and sent again with the same
 * reference (its id): delivery is at least once, and the stable reference lets a provider drop the duplicate.
 *
 * <p>Outcomes: sent (the communication becomes sent, with the provider's id); retry (failed, tried again after an
 * exponential backoff, dead after the last attempt); rejected (dead at once). A bulk message to an address that
 * opted out of the channel is dead without being handed over.
 */
@Component
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<OutgoingMessage.Attachment>> ATTACHMENTS = new TypeReference<>() {
    };
    static final String OPTED_OUT = "The recipient opted out of this channel; bulk messages are not sent to them";

    private final DSLContext db;
    private final Tenancy tenancy;
    private final Adapters adapters;
    private final Pacer pacer;
    private final MessagingProperties properties;
    private final EmailHeaders emailHeaders;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ObjectStore store;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    OutboxSender(DSLContext db, Tenancy tenancy, Adapters adapters, Pacer pacer, MessagingProperties properties,
            EmailHeaders emailHeaders, JsonMapper json, Clock clock, ApplicationEventPublisher events,
            ObjectStore store) {
        this.store = store;
        this.db = db;
        this.tenancy = tenancy;
        this.adapters = adapters;
        this.pacer = pacer;
        this.properties = properties;
        this.emailHeaders = emailHeaders;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** Organizations with deliveries due now, the longest waiting first. */
    public List<UUID> dueOrganizations(int cap) {
        return db.fetch("select message_due_organizations(?::timestamptz, ?) as id", now(), cap)
                .getValues("id", UUID.class);
    }

    /** One run over the due organizations, within the run budget; answers how many messages were handed over. */
    public int sendDue() {
        Instant deadline = clock.instant().plus(properties.runBudget());
        int handed = 0;
        for (UUID organizationId : dueOrganizations(200)) {
            if (!clock.instant().isBefore(deadline)) {
                break;
            }
            try {
                handed += sendDue(organizationId, deadline);
            } catch (RuntimeException e) {
                log.warn("Sending the messages of organization {} failed", organizationId, e);
            }
        }
        return handed;
    }

    /** Sends the organization's due deliveries until none is due or the deadline passes; answers how many. */
    public int sendDue(UUID organizationId, Instant deadline) {
        int handed = 0;
        try {
            boolean claimedAny = true;
            while (claimedAny && clock.instant().isBefore(deadline)) {
                claimedAny = false;
                for (Channel channel : Channel.values()) {
                    int limit = Math.min(properties.batchSize(), pacer.perSeconds(channel, 10));
                    List<Claimed> batch = tenancy.callAs(organizationId, () -> claim(organizationId, channel, limit));
                    if (batch.isEmpty()) {
                        continue;
                    }
                    claimedAny = true;
                    List<Result> results = send(organizationId, channel, batch);
                    record(organizationId, results);
                    handed += batch.size();
                }
            }
        } finally {
            tenancy.runAs(organizationId, () -> db.execute("select message_delivery_reschedule()"));
        }
        return handed;
    }

    /** A claimed delivery with what is needed to send it. */
    record Claimed(UUID id, UUID communicationId, Channel channel, int attempts, boolean bulk, boolean optedOut,
            String to, String from, String subject, String text, String html, String emailMessageId,
            String inReplyTo, String providerTemplate, String providerTemplateLanguage, List<String> parameters,
            List<OutgoingMessage.Attachment> attachments) {
    }

    private record Result(Claimed delivery, SendOutcome outcome, String adapter) {
    }

    private List<Claimed> claim(UUID organizationId, Channel channel, int limit) {
        OffsetDateTime now = now();
        OffsetDateTime leaseEnd = now.plus(properties.lease());
        List<Claimed> claimed = new ArrayList<>();
        for (Record row : db.fetch("""
                update message_deliveries d
                set status = 'sending', attempts = d.attempts + 1, claimed_until = ?::timestamptz,
                  next_attempt_at = ?::timestamptz, last_attempt_at = ?::timestamptz, updated_at = ?::timestamptz
                from (
                  select due.id, c.to_address, c.from_address, c.subject, c.body, c.html, c.email_message_id,
                    c.in_reply_to, c.attachments,
                    exists (select 1 from message_consents mc
                            where mc.organization_id = due.organization_id and mc.channel = due.channel
                              and mc.address = case when due.channel = 'email' then lower(c.to_address)
                                                    else c.to_address end
                              and mc.opted_out) as opted_out
                  from message_deliveries due
                  join communications c on c.organization_id = due.organization_id and c.id = due.communication_id
                  where due.organization_id = ?::uuid and due.channel = ?
                    and due.status in ('pending', 'sending', 'failed') and due.next_attempt_at <= ?::timestamptz
                  order by due.next_attempt_at
                  limit ?
                  for update of due skip locked
                ) picked
                where d.organization_id = ?::uuid and d.id = picked.id
                returning d.id, d.communication_id, d.attempts, d.bulk, d.provider_template,
                  d.provider_template_language, d.template_parameters::text as parameters, picked.*,
                  picked.attachments::text as attachment_list
                """, leaseEnd, leaseEnd, now, now, organizationId, channel.wire(), now, limit, organizationId)) {
            claimed.add(new Claimed(row.get("id", UUID.class), row.get("communication_id", UUID.class), channel,
                    row.get("attempts", Integer.class), row.get("bulk", Boolean.class),
                    row.get("opted_out", Boolean.class), row.get("to_address", String.class),
                    row.get("from_address", String.class), row.get("subject", String.class),
                    row.get("body", String.class), row.get("html", String.class),
                    row.get("email_message_id", String.class), row.get("in_reply_to", String.class),
                    row.get("provider_template", String.class), row.get("provider_template_language", String.class),
                    json.readValue(row.get("parameters", String.class), STRINGS),
                    json.readValue(row.get("attachment_list", String.class), ATTACHMENTS)));
        }
        return claimed;
    }

    private List<Result> send(UUID organizationId, Channel channel, List<Claimed> batch) {
        ChannelAdapter adapter = adapters.pick(organizationId, channel);
        String adapterName = Adapters.name(adapter);
        Semaphore slots = new Semaphore(Math.max(1, properties.concurrency()));
        List<Future<Result>> futures = new ArrayList<>(batch.size());
        List<Result> results = new ArrayList<>(batch.size());
        for (Claimed delivery : batch) {
            if (delivery.bulk() && delivery.optedOut()) {
                futures.add(java.util.concurrent.CompletableFuture.completedFuture(
                        new Result(delivery, SendOutcome.rejected(OPTED_OUT), null)));
                continue;
            }
            OutgoingMessage message = message(organizationId, delivery);
            pacer.await(channel);
            slots.acquireUninterruptibly();
            futures.add(pool.submit(() -> {
                try {
                    return new Result(delivery, handOver(adapter, message), adapterName);
                } finally {
                    slots.release();
                }
            }));
        }
        for (Future<Result> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("A message could not be sent", e.getCause());
            }
        }
        return results;
    }

    private SendOutcome handOver(ChannelAdapter adapter, OutgoingMessage message) {
        try {
            OutgoingMessage withFiles;
            try {
                withFiles = withAttachmentLinks(message);
            } catch (MissingAttachment e) {
                return SendOutcome.rejected(e.getMessage());
            }
            SendOutcome outcome = adapter.send(withFiles);
            return outcome == null ? SendOutcome.retry("The adapter answered nothing") : outcome;
        } catch (RuntimeException e) {
            log.warn("{} failed on delivery {}", Adapters.name(adapter), message.deliveryId(), e);
            return SendOutcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The message with a signed download link on each attachment, valid long enough for a provider to fetch it.
     * An attachment no longer in storage fails the delivery for good (it is dead, and can be replayed once the
     * file is back); a storage that cannot be reached throws, and the delivery is tried again.
     */
    private OutgoingMessage withAttachmentLinks(OutgoingMessage message) {
        if (message.attachments().isEmpty()) {
            return message;
        }
        List<OutgoingMessage.Attachment> linked = new ArrayList<>(message.attachments().size());
        for (OutgoingMessage.Attachment file : message.attachments()) {
            if (store.stat(file.key()).isEmpty()) {
                throw new MissingAttachment("The attachment " + file.fileName() + " is no longer in storage ("
                        + file.key() + "); upload it again and send a new message, or put it back and replay");
            }
            linked.add(file.withUrl(store.presignDownload(file.key(), properties.attachmentLinkTtl()).url()
                    .toString()));
        }
        return new OutgoingMessage(message.organizationId(), message.communicationId(), message.deliveryId(),
                message.channel(), message.to(), message.from(), message.subject(), message.text(), message.html(),
                message.providerTemplate(), message.providerTemplateLanguage(), message.templateParameters(), linked,
                message.headers(), message.bulk());
    }

    private static final class MissingAttachment extends RuntimeException {
        MissingAttachment(String message) {
            super(message);
        }
    }

    /** What the adapter is given: for email, our headers and, on bulk mail, the unsubscribe link and headers. */
    private OutgoingMessage message(UUID organizationId, Claimed d) {
        String text = d.text();
        String html = d.html();
        Map<String, String> headers = Map.of();
        if (d.channel() == Channel.EMAIL) {
            EmailHeaders.Prepared prepared = emailHeaders.prepare(organizationId, d.to(), d.emailMessageId(),
                    d.inReplyTo(), d.bulk(), text, html);
            headers = prepared.headers();
            text = prepared.text();
            html = prepared.html();
        }
        return new OutgoingMessage(organizationId, d.communicationId(), d.id(), d.channel(), d.to(), d.from(),
                d.subject(), text, html, d.providerTemplate(), d.providerTemplateLanguage(), d.parameters(),
                d.attachments(), headers, d.bulk());
    }

    /** Records a batch's outcomes in one transaction: the deliveries, then their communications. */
    private void record(UUID organizationId, List<Result> results) {
        OffsetDateTime now = now();
        int size = results.size();
        UUID[] ids = new UUID[size];
        UUID[] communications = new UUID[size];
        String[] statuses = new String[size];
        String[] providerIds = new String[size];
        String[] adaptersUsed = new String[size];
        String[] errors = new String[size];
        OffsetDateTime[] nextAttempts = new OffsetDateTime[size];
        List<UUID> sent = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Result result = results.get(i);
            Claimed d = result.delivery();
            ids[i] = d.id();
            communications[i] = d.communicationId();
            adaptersUsed[i] = result.adapter();
            SendOutcome outcome = result.outcome();
            switch (outcome.kind()) {
                case SENT -> {
                    statuses[i] = "sent";
                    providerIds[i] = outcome.providerMessageId();
                    sent.add(d.communicationId());
                }
                case RETRY -> {
                    errors[i] = error(outcome.error());
                    if (d.attempts() >= properties.maxAttempts()) {
                        statuses[i] = "dead";
                        errors[i] = "Gave up after " + d.attempts() + " attempts: " + errors[i];
                        failed.add(d.communicationId());
                    } else {
                        statuses[i] = "failed";
                        nextAttempts[i] = now.plus(properties.retryDelay(d.attempts(),
                                ThreadLocalRandom.current().nextDouble()));
                    }
                }
                case REJECTED -> {
                    statuses[i] = "dead";
                    errors[i] = error(outcome.error());
                    failed.add(d.communicationId());
                }
            }
        }
        tenancy.runAs(organizationId, () -> {
            db.execute("""
                    update message_deliveries d
                    set status = r.status, provider_message_id = coalesce(r.provider_id, d.provider_message_id),
                      adapter = coalesce(r.adapter, d.adapter), last_error = r.error, next_attempt_at = r.next_at,
                      claimed_until = null, sent_at = case when r.status = 'sent' then ?::timestamptz end,
                      updated_at = ?::timestamptz
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                      as r (id, status, provider_id, adapter, error, next_at)
                    where d.organization_id = ?::uuid and d.id = r.id and d.status = 'sending'
                    """, now, now, ids, statuses, providerIds, adaptersUsed, errors, nextAttempts, organizationId);
            db.execute("""
                    update communications c
                    set status = case when r.status = 'sent' and c.status = 'queued' then 'sent'
                                      when r.status = 'dead' and c.status = 'queued' then 'failed'
                                      else c.status end,
                      provider_message_id = case when r.status = 'sent' and not exists (
                          select 1 from communications o where o.organization_id = c.organization_id
                            and o.type = c.type and o.provider_message_id = r.provider_id and o.id <> c.id)
                        then r.provider_id else c.provider_message_id end,
                      sent_at = case when r.status = 'sent' then coalesce(c.sent_at, ?::timestamptz) else c.sent_at end,
                      failed_at = case when r.status = 'dead' and c.status = 'queued' then ?::timestamptz
                                       else c.failed_at end,
                      error = case when r.status = 'sent' then null else r.error end,
                      updated_at = ?::timestamptz
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[])
                      as r (id, status, provider_id, error)
                    where c.organization_id = ?::uuid and c.id = r.id
                    """, now, now, now, communications, statuses, providerIds, errors, organizationId);
            if (!sent.isEmpty()) {
                events.publishEvent(new CommunicationEvents.MessagesSent(organizationId, sent, now));
            }
            if (!failed.isEmpty()) {
                events.publishEvent(new CommunicationEvents.MessagesFailed(organizationId, failed, now));
            }
        });
    }

    private static String error(String error) {
        String text = error == null || error.isBlank() ? "The provider gave no reason" : error;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

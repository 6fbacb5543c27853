package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.MESSAGE_CONSENTS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.PhoneNumbers;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent per channel and address: an opted-out address gets no campaign or automation message on that channel
 * (a person's one-to-one message is still allowed). Each change keeps its time and source (a STOP reply, an
 * unsubscribe link, an admin). Addresses are normalized: phones to E.164 with the organization's region, emails
 * lower-cased. Every method runs inside a transaction of the organization.
 */
@Service
public class Consents {

    private final DSLContext db;
    private final UserDirectory users;
    private final Clock clock;

    Consents(DSLContext db, UserDirectory users, Clock clock) {
        this.db = db;
        this.users = users;
        this.clock = clock;
    }

    /** Marks the address opted out of the channel; IllegalArgumentException for an address that is not one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void optOut(UUID organizationId, Channel channel, String address, String source) {
        set(organizationId, channel, address, source, true);
    }

    /** Marks the address opted in again (or for the first time); IllegalArgumentException for a bad address. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void optIn(UUID organizationId, Channel channel, String address, String source) {
        set(organizationId, channel, address, source, false);
    }

    /** Whether the address is opted out of the channel (false for an address that cannot be normalized). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean optedOut(UUID organizationId, Channel channel, String address) {
        Optional<String> normalized = normalize(organizationId, channel, address);
        if (normalized.isEmpty()) {
            return false;
        }
        return Boolean.TRUE.equals(db.select(MESSAGE_CONSENTS.OPTED_OUT).from(MESSAGE_CONSENTS)
                .where(MESSAGE_CONSENTS.ORGANIZATION_ID.eq(organizationId))
                .and(MESSAGE_CONSENTS.CHANNEL.eq(channel.wire()))
                .and(MESSAGE_CONSENTS.ADDRESS.eq(normalized.get()))
                .fetchOne(MESSAGE_CONSENTS.OPTED_OUT));
    }

    /** The address as stored: E.164 for SMS and WhatsApp, lower-case for email; empty when it is not one. */
    public Optional<String> normalize(UUID organizationId, Channel channel, String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        if (channel == Channel.EMAIL) {
            String email = address.trim().toLowerCase(Locale.ROOT);
            return email.contains("@") && email.length() <= 320 ? Optional.of(email) : Optional.empty();
        }
        return PhoneNumbers.normalize(address, users.phoneRegion(organizationId));
    }

    private void set(UUID organizationId, Channel channel, String address, String source, boolean optedOut) {
        String normalized = normalize(organizationId, channel, address)
                .orElseThrow(() -> new IllegalArgumentException("Not an address of " + channel.wire() + ": " + address));
        String why = source == null || source.isBlank() ? "unknown" : source.length() > 100 ? source.substring(0, 100) : source;
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        db.insertInto(MESSAGE_CONSENTS)
                .set(MESSAGE_CONSENTS.ORGANIZATION_ID, organizationId)
                .set(MESSAGE_CONSENTS.CHANNEL, channel.wire())
                .set(MESSAGE_CONSENTS.ADDRESS, normalized)
                .set(MESSAGE_CONSENTS.OPTED_OUT, optedOut)
                .set(MESSAGE_CONSENTS.CHANGED_AT, now)
                .set(MESSAGE_CONSENTS.SOURCE, why)
                .onConflict(MESSAGE_CONSENTS.ORGANIZATION_ID, MESSAGE_CONSENTS.CHANNEL, MESSAGE_CONSENTS.ADDRESS)
                .doUpdate()
                .set(MESSAGE_CONSENTS.OPTED_OUT, optedOut)
                .set(MESSAGE_CONSENTS.CHANGED_AT, now)
                .set(MESSAGE_CONSENTS.SOURCE, why)
                .execute();
    }
}

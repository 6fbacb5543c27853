package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_RECORDINGS;

import com.educonsult.crm.platform.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import com.educonsult.crm.identity.RecordingPolicy;
import com.educonsult.crm.identity.UserDirectory;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's storage for recordings: uploaded recordings by their real size, and pending uploads by the
 * size announced for them (so that concurrent uploads cannot together pass the quota).
 */
@Service
class RecordingQuota {

    record Space(long usedBytes, long pendingBytes, long limitBytes, long availableBytes, BigDecimal usedPercentage,
            long maxFileBytes, int retentionDays) {
    }

    private final DSLContext db;
    private final RecordingSettings settings;
    private final UserDirectory organizations;

    RecordingQuota(DSLContext db, RecordingSettings settings, UserDirectory organizations) {
        this.db = db;
        this.settings = settings;
        this.organizations = organizations;
    }

    /** The organization's retention and quota. */
    RecordingPolicy policy(UUID organizationId) {
        return organizations.recordingPolicy(organizationId);
    }

    @Transactional(readOnly = true)
    Space space(UUID organizationId) {
        var uploaded = DSL.coalesce(DSL.sum(CALL_RECORDINGS.SIZE_BYTES)
                .filterWhere(CALL_RECORDINGS.STATUS.eq("uploaded")), BigDecimal.ZERO);
        var pending = DSL.coalesce(DSL.sum(CALL_RECORDINGS.SIZE_BYTES)
                .filterWhere(CALL_RECORDINGS.STATUS.eq("pending")), BigDecimal.ZERO);
        var sums = db.select(uploaded, pending).from(CALL_RECORDINGS)
                .where(CALL_RECORDINGS.ORGANIZATION_ID.eq(organizationId),
                        CALL_RECORDINGS.STATUS.in("pending", "uploaded"))
                .fetchOne();
        long used = sums.value1().longValue() + sums.value2().longValue();
        RecordingPolicy policy = policy(organizationId);
        long limit = policy.storageQuotaBytes();
        BigDecimal percentage = limit == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(used).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(limit), 2, RoundingMode.HALF_UP);
        return new Space(used, sums.value2().longValue(), limit, Math.max(limit - used, 0), percentage,
                settings.recordingMaxSize().toBytes(), policy.retentionDays());
    }

    /** Serializes the organization's quota checks until the end of the transaction. */
    void lock(UUID organizationId) {
        db.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", "call-recording-quota:" + organizationId);
    }

    /** Refuses an upload of {@code size} bytes that would pass the quota; {@code replacing} no longer counts. */
    void checkRoom(UUID organizationId, UUID replacing, long size) {
        BigDecimal used = db.select(DSL.coalesce(DSL.sum(CALL_RECORDINGS.SIZE_BYTES), BigDecimal.ZERO))
                .from(CALL_RECORDINGS)
                .where(CALL_RECORDINGS.ORGANIZATION_ID.eq(organizationId),
                        CALL_RECORDINGS.STATUS.in("pending", "uploaded"),
                        replacing == null ? DSL.noCondition() : CALL_RECORDINGS.ID.ne(replacing))
                .fetchOne().value1();
        long left = Math.max(policy(organizationId).storageQuotaBytes() - used.longValue(), 0);
        if (size > left) {
            throw ApiException.invalid("fileSize", "The organization's recording storage quota is used up: "
                    + left + " bytes left, " + size + " needed");
        }
    }
}

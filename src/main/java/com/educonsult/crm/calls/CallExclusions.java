package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_EXCLUSIONS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization's numbers whose calls are never stored (family, colleagues, vendors). */
@Service
public class CallExclusions {

    public record Add(@NotBlank @Size(max = 40) String phone, @Size(max = 500) String reason) {
    }

    public record ExclusionView(String phoneE164, String reason, UUID createdBy, OffsetDateTime createdAt) {
    }

    private final DSLContext db;
    private final UserDirectory users;
    private final AuditTrail audit;

    CallExclusions(DSLContext db, UserDirectory users, AuditTrail audit) {
        this.db = db;
        this.users = users;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ExclusionView> list(CurrentUser user) {
        return db.selectFrom(CALL_EXCLUSIONS).where(CALL_EXCLUSIONS.ORGANIZATION_ID.eq(user.organizationId()))
                .orderBy(CALL_EXCLUSIONS.PHONE_E164)
                .fetch(r -> new ExclusionView(r.getPhoneE164(), r.getReason(), r.getCreatedBy(), r.getCreatedAt()));
    }

    @Transactional
    public ExclusionView add(CurrentUser user, Add request) {
        String phone = normalize(user, request.phone(), "phone");
        var row = db.insertInto(CALL_EXCLUSIONS)
                .set(CALL_EXCLUSIONS.ORGANIZATION_ID, user.organizationId())
                .set(CALL_EXCLUSIONS.PHONE_E164, phone)
                .set(CALL_EXCLUSIONS.REASON, request.reason())
                .set(CALL_EXCLUSIONS.CREATED_BY, user.userId())
                .onConflictDoNothing()
                .returning()
                .fetchOptional()
                .orElseThrow(() -> ApiException.conflict("phone", "is already excluded"));
        ExclusionView view = new ExclusionView(row.getPhoneE164(), row.getReason(), row.getCreatedBy(),
                row.getCreatedAt());
        audit.record("call_exclusion.created", "call_exclusion", phone, null, view);
        return view;
    }

    @Transactional
    public void remove(CurrentUser user, String rawPhone) {
        String phone = PhoneNumbers.normalize(rawPhone, users.phoneRegion(user.organizationId()))
                .orElseThrow(() -> ApiException.notFound("Excluded number"));
        int deleted = db.deleteFrom(CALL_EXCLUSIONS)
                .where(CALL_EXCLUSIONS.ORGANIZATION_ID.eq(user.organizationId()), CALL_EXCLUSIONS.PHONE_E164.eq(phone))
                .execute();
        if (deleted == 0) {
            throw ApiException.notFound("Excluded number");
        }
        audit.record("call_exclusion.deleted", "call_exclusion", phone, phone, null);
    }

    private String normalize(CurrentUser user, String raw, String field) {
        return PhoneNumbers.normalize(raw, users.phoneRegion(user.organizationId()))
                .orElseThrow(() -> ApiException.invalid(field, "is not a valid phone number"));
    }
}

package com.educonsult.crm.leads;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A live lead of the organization already has the phone or email: 409 carrying that lead's id. */
public class DuplicateLeadException extends ApiException {

    private final UUID existingLeadId;

    DuplicateLeadException(String field, UUID existingLeadId) {
        super(HttpStatus.CONFLICT, "A lead with this " + field.replace('_', ' ') + " already exists; send "
                + "allow_duplicate: true to create it anyway",
                List.of(new FieldError(field, "already belongs to lead " + existingLeadId)));
        this.existingLeadId = existingLeadId;
    }

    public UUID existingLeadId() {
        return existingLeadId;
    }
}

package com.educonsult.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MissingReferenceTest {

    @Test
    void theFieldIsTheColumnBesideTheOrganizationInPostgresDetail() {
        String message = "ERROR: insert or update on table \"leads\" violates foreign key constraint "
                + "\"leads_organization_id_branch_id_fkey\"\n  Detail: Key (organization_id, branch_id)=(0191, 0192) "
                + "is not present in table \"branches\".";

        assertThat(MissingReference.field(new RuntimeException(message))).isEqualTo("branch_id");
    }

    @Test
    void withoutTheDetailTheConstraintNameGivesTheField() {
        String message = "ERROR: insert or update on table \"tasks\" violates foreign key constraint "
                + "\"tasks_organization_id_assignee_id_fkey\"";

        assertThat(MissingReference.field(new RuntimeException(message))).isEqualTo("assignee_id");
    }

    @Test
    void aDeleteOfARecordStillReferencedIsNoMissingReference() {
        String message = "ERROR: update or delete on table \"lead_statuses\" violates foreign key constraint "
                + "\"leads_organization_id_status_id_fkey\" on table \"leads\"\n  Detail: Key (organization_id, id)="
                + "(0191, 0193) is still referenced from table \"leads\".";

        assertThat(MissingReference.field(new RuntimeException(message))).isNull();
    }

    @Test
    void theAppsRoutesNameTheFieldInCamelCase() {
        assertThat(MissingReference.camelCase("call_log_id")).isEqualTo("callLogId");
    }
}

package com.educonsult.crm.leads;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Turns lead rows into views with their status and assignee: a fixed number of queries for any number of rows. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class LeadViews {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final LeadStatuses statuses;
    private final UserDirectory users;
    private final JsonMapper json;

    LeadViews(LeadStatuses statuses, UserDirectory users, JsonMapper json) {
        this.statuses = statuses;
        this.users = users;
        this.json = json;
    }

    List<LeadView> of(UUID organizationId, List<LeadsRecord> leads) {
        if (leads.isEmpty()) {
            return List.of();
        }
        Map<UUID, LeadStatus> pipeline = statuses.byId(organizationId);
        Set<UUID> assignees = leads.stream().map(LeadsRecord::getAssignedTo).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<UUID, UserSummary> people = users.findAll(organizationId, assignees);
        return leads.stream().map(l -> LeadView.of(l, pipeline.get(l.getStatusId()),
                l.getAssignedTo() == null ? null : people.get(l.getAssignedTo()), customFields(l.getCustomFields())))
                .toList();
    }

    LeadView of(UUID organizationId, LeadsRecord lead) {
        return of(organizationId, List.of(lead)).getFirst();
    }

    Map<String, Object> customFields(JSONB value) {
        return value == null ? new LinkedHashMap<>() : json.readValue(value.data(), MAP);
    }

    JSONB customFields(Map<String, Object> values) {
        return JSONB.valueOf(json.writeValueAsString(values));
    }
}

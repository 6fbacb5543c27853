package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Component
@Transactional(propagation = Propagation.MANDATORY)
class JooqLeadProfiles implements LeadProfiles {

    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final DSLContext db;
    private final JsonMapper json;

    JooqLeadProfiles(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public Optional<LeadProfile> findVisible(CurrentUser user, UUID leadId) {
        return profiles(user, LEADS.ID.eq(leadId)).stream().findFirst();
    }

    @Override
    public Map<UUID, LeadProfile> findVisible(CurrentUser user, Collection<UUID> leadIds) {
        return profiles(user, LEADS.ID.in(leadIds)).stream()
                .collect(Collectors.toMap(LeadProfile::id, profile -> profile));
    }

    private List<LeadProfile> profiles(CurrentUser user, Condition which) {
        return db.select(LEADS.ID, LEADS.ORGANIZATION_ID, LEADS.FIRST_NAME, LEADS.LAST_NAME, LEADS.PHONE,
                        LEADS.EMAIL, LEADS.STUDENT_NAME, LEADS.PARENT_NAME, LEADS.INTERESTED_COURSES,
                        LEADS.PREFERRED_COUNTRIES, LEADS.PREFERRED_INSTITUTIONS, LEADS.BUDGET_MIN, LEADS.BUDGET_MAX,
                        LEADS.BUDGET_CURRENCY, LEADS.INTAKE_PREFERENCE, LEADS.CITY, LEADS.ASSIGNED_TO,
                        LEADS.STATUS_ID, LEADS.CUSTOM_FIELDS)
                .from(LEADS)
                .where(LeadScope.visibleAndLive(user), which)
                .fetch(this::toProfile);
    }

    private LeadProfile toProfile(Record r) {
        return new LeadProfile(r.get(LEADS.ID), r.get(LEADS.ORGANIZATION_ID), r.get(LEADS.FIRST_NAME),
                r.get(LEADS.LAST_NAME), r.get(LEADS.PHONE), r.get(LEADS.EMAIL), r.get(LEADS.STUDENT_NAME),
                r.get(LEADS.PARENT_NAME), list(r.get(LEADS.INTERESTED_COURSES)),
                list(r.get(LEADS.PREFERRED_COUNTRIES)), list(r.get(LEADS.PREFERRED_INSTITUTIONS)),
                r.get(LEADS.BUDGET_MIN), r.get(LEADS.BUDGET_MAX), r.get(LEADS.BUDGET_CURRENCY),
                r.get(LEADS.INTAKE_PREFERENCE), r.get(LEADS.CITY), r.get(LEADS.ASSIGNED_TO), r.get(LEADS.STATUS_ID),
                customFields(r.get(LEADS.CUSTOM_FIELDS)));
    }

    private Map<String, Object> customFields(JSONB value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return json.readValue(value.data(), FIELDS);
        } catch (JacksonException notAnObject) {
            return Map.of();
        }
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).filter(v -> v != null && !v.isBlank()).toList();
    }
}

package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.IMPORT_COLUMN_CHOICES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization's memory of import mappings: which field each CSV column (by its normalized header) went to the
 * last time someone chose, so a consultancy that exports from the same portal every week maps its columns once.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ImportColumnChoices {

    private final DSLContext db;

    ImportColumnChoices(DSLContext db) {
        this.db = db;
    }

    /** Remembers a chosen mapping: each column of the header with its field, or as left out. */
    void remember(UUID organizationId, List<String> header, Map<String, String> mapping) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String column : header) {
            String key = ImportMapping.normalized(column);
            if (!key.isEmpty() && key.length() <= 200) {
                byKey.putIfAbsent(key, mapping.get(column));
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        var insert = db.insertInto(IMPORT_COLUMN_CHOICES, IMPORT_COLUMN_CHOICES.ORGANIZATION_ID,
                IMPORT_COLUMN_CHOICES.COLUMN_KEY, IMPORT_COLUMN_CHOICES.FIELD);
        for (var choice : byKey.entrySet()) {
            insert = insert.values(organizationId, choice.getKey(), choice.getValue());
        }
        insert.onConflict(IMPORT_COLUMN_CHOICES.ORGANIZATION_ID, IMPORT_COLUMN_CHOICES.COLUMN_KEY).doUpdate()
                .set(IMPORT_COLUMN_CHOICES.FIELD, DSL.excluded(IMPORT_COLUMN_CHOICES.FIELD))
                .set(IMPORT_COLUMN_CHOICES.UPDATED_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    /**
     * The mapping to offer for a header: each column as it was last chosen (when its field still exists), else the
     * field its header names; a field goes to the first column that claims it.
     */
    Map<String, String> suggest(UUID organizationId, List<String> header, Set<String> customKeys) {
        Set<String> keys = header.stream().map(ImportMapping::normalized).filter(k -> !k.isEmpty())
                .collect(Collectors.toSet());
        Map<String, String> remembered = new java.util.HashMap<>();
        db.select(IMPORT_COLUMN_CHOICES.COLUMN_KEY, IMPORT_COLUMN_CHOICES.FIELD).from(IMPORT_COLUMN_CHOICES)
                .where(IMPORT_COLUMN_CHOICES.ORGANIZATION_ID.eq(organizationId),
                        IMPORT_COLUMN_CHOICES.COLUMN_KEY.in(keys))
                .forEach(r -> remembered.put(r.value1(), r.value2()));
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String column : header) {
            String key = ImportMapping.normalized(column);
            String field = remembered.containsKey(key) ? remembered.get(key) : ImportMapping.fieldNamedBy(column);
            if (field != null && stillExists(field, customKeys) && !mapping.containsValue(field)
                    && !mapping.containsKey(column)) {
                mapping.put(column, field);
            }
        }
        return mapping;
    }

    private static boolean stillExists(String field, Set<String> customKeys) {
        return field.startsWith(ImportMapping.CUSTOM)
                ? customKeys.contains(field.substring(ImportMapping.CUSTOM.length()))
                : ImportMapping.isField(field);
    }
}

package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.RECORDING_PATH_SUGGESTIONS;

import com.educonsult.crm.platform.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a phone should look for its call recordings: paths known for its model, then for its make, then for any
 * phone; within each, by priority plus how often phones reported finding recordings there, so reports raise a
 * path's rank. Shared by all organizations.
 */
@Service
class RecordingPaths {

    static final String ANY_MAKE = "default";
    static final int MAX_PATH = 500;

    private final DSLContext db;

    RecordingPaths(DSLContext db) {
        this.db = db;
    }

    @Transactional(readOnly = true)
    List<String> suggest(String manufacturer, String model) {
        String make = normalize(manufacturer);
        String device = normalize(model);
        Field<Integer> tier = DSL.when(RECORDING_PATH_SUGGESTIONS.MODEL.isNotNull(), DSL.inline(0))
                .when(RECORDING_PATH_SUGGESTIONS.MANUFACTURER.ne(ANY_MAKE), DSL.inline(1))
                .otherwise(DSL.inline(2));
        List<String> paths = db.select(RECORDING_PATH_SUGGESTIONS.PATH).from(RECORDING_PATH_SUGGESTIONS)
                .where(RECORDING_PATH_SUGGESTIONS.ACTIVE.isTrue(), DSL.or(
                        RECORDING_PATH_SUGGESTIONS.MANUFACTURER.eq(ANY_MAKE)
                                .and(RECORDING_PATH_SUGGESTIONS.MODEL.isNull()),
                        make == null ? DSL.falseCondition() : RECORDING_PATH_SUGGESTIONS.MANUFACTURER.eq(make)
                                .and(RECORDING_PATH_SUGGESTIONS.MODEL.isNull()
                                        .or(device == null ? DSL.falseCondition()
                                                : RECORDING_PATH_SUGGESTIONS.MODEL.eq(device)))))
                .orderBy(tier, RECORDING_PATH_SUGGESTIONS.PRIORITY.plus(RECORDING_PATH_SUGGESTIONS.SUCCESS_COUNT).desc(),
                        RECORDING_PATH_SUGGESTIONS.PRIORITY.desc(), RECORDING_PATH_SUGGESTIONS.PATH)
                .fetch(RECORDING_PATH_SUGGESTIONS.PATH);
        return List.copyOf(new LinkedHashSet<>(paths));
    }

    /**
     * A phone found recordings in the path: counts it for its model if the model has that path, else for its
     * make, learning the path for the make when it is new. Each statement is one atomic increment.
     */
    @Transactional
    void reportSuccess(String manufacturer, String model, String path) {
        String make = normalize(manufacturer);
        String found = Text.blankToNull(path);
        if (make == null || found == null || !found.startsWith("/") || found.length() > MAX_PATH) {
            return;
        }
        String device = normalize(model);
        if (device != null && db.update(RECORDING_PATH_SUGGESTIONS)
                .set(RECORDING_PATH_SUGGESTIONS.SUCCESS_COUNT, RECORDING_PATH_SUGGESTIONS.SUCCESS_COUNT.plus(1L))
                .set(RECORDING_PATH_SUGGESTIONS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(RECORDING_PATH_SUGGESTIONS.MANUFACTURER.eq(make), RECORDING_PATH_SUGGESTIONS.MODEL.eq(device),
                        RECORDING_PATH_SUGGESTIONS.PATH.eq(found))
                .execute() > 0) {
            return;
        }
        db.execute("""
                insert into recording_path_suggestions (manufacturer, path, success_count) values (?, ?, 1)
                on conflict (manufacturer, coalesce(model, ''), path)
                do update set success_count = recording_path_suggestions.success_count + 1, updated_at = now()
                """, make, found);
    }

    static String normalize(String name) {
        String value = Text.blankToNull(name);
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}

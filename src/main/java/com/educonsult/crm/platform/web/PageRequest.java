package com.educonsult.crm.platform.web;

import java.util.ArrayList;
import java.util.List;

/** {@code limit} (default 50, at most 200) and {@code offset} of a list request, checked. */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, Integer offset) {
        List<FieldError> errors = new ArrayList<>();
        int checkedLimit = limit == null ? DEFAULT_LIMIT : limit;
        int checkedOffset = offset == null ? 0 : offset;
        if (checkedLimit < 1 || checkedLimit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (checkedOffset < 0) {
            errors.add(new FieldError("offset", "must not be negative"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid paging", errors);
        }
        return new PageRequest(checkedLimit, checkedOffset);
    }

    public <T> Page<T> page(List<T> items, Long total) {
        return new Page<>(items, total, limit, offset);
    }

    public <T> Page<T> page(List<T> items, com.educonsult.crm.platform.db.Totals.Total total) {
        return new Page<>(items, total.count(), total.estimated(), limit, offset);
    }
}

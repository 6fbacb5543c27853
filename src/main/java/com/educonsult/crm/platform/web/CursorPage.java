package com.educonsult.crm.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a list that pages by offset or by cursor: {@code total} and {@code offset} for offset paging,
 * {@code nextCursor} to continue after the last item (null at the end). A total too costly to count exactly is the
 * database's estimate, and {@code totalIsEstimate} says so.
 */
public record CursorPage<T>(List<T> items, Long total, boolean totalIsEstimate, int limit, Integer offset,
        String nextCursor) {

    public CursorPage(List<T> items, Long total, int limit, Integer offset, String nextCursor) {
        this(items, total, false, limit, offset, nextCursor);
    }

    public Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (total != null) {
            meta.put("total", total);
            meta.put("total_is_estimate", totalIsEstimate);
        }
        meta.put("limit", limit);
        if (offset != null) {
            meta.put("offset", offset);
        }
        meta.put("next_cursor", nextCursor);
        return meta;
    }

    public ApiResponse<List<T>> response() {
        return new ApiResponse<>(true, items, null, meta());
    }
}

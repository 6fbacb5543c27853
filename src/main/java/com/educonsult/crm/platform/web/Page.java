package com.educonsult.crm.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One page of a list, with what the client needs to ask for the next; a total may be the database's estimate. */
public record Page<T>(List<T> items, Long total, boolean totalIsEstimate, int limit, int offset) {

    public Page(List<T> items, Long total, int limit, int offset) {
        this(items, total, false, limit, offset);
    }

    public Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (total != null) {
            meta.put("total", total);
            meta.put("total_is_estimate", totalIsEstimate);
        }
        meta.put("limit", limit);
        meta.put("offset", offset);
        return meta;
    }
}

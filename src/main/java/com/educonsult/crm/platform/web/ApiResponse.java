package com.educonsult.crm.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The success envelope of the canonical API: {@code {"success": true, "data": ..., "message"?, "meta"?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, String message, Map<String, Object> meta) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, data, null, null);
    }

    public static <T> ApiResponse<T> ok(T data, String message) {
        return new ApiResponse<>(true, data, message, null);
    }

    public static <T> ApiResponse<java.util.List<T>> page(Page<T> page) {
        return new ApiResponse<>(true, page.items(), null, page.meta());
    }
}

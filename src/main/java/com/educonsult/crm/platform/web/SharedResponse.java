package com.educonsult.crm.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of an endpoint both APIs share ({@code /auth/register}, {@code /auth/refresh}, {@code /auth/logout}):
 * the canonical {@code success} key and the Android app's {@code status} key side by side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharedResponse<T>(boolean success, boolean status, T data, String message) {

    public static <T> SharedResponse<T> ok(T data) {
        return new SharedResponse<>(true, true, data, null);
    }

    public static <T> SharedResponse<T> ok(T data, String message) {
        return new SharedResponse<>(true, true, data, message);
    }
}

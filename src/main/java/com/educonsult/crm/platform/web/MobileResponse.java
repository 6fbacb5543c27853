package com.educonsult.crm.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Android app's success envelope: {@code {"status": true, "data": ..., "message"?: ...}}. The app's JSON
 * field names are camelCase: records sent to it carry
 * {@code @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MobileResponse<T>(boolean status, T data, String message) {

    public static <T> MobileResponse<T> ok(T data) {
        return new MobileResponse<>(true, data, null);
    }

    public static <T> MobileResponse<T> ok(T data, String message) {
        return new MobileResponse<>(true, data, message);
    }

    public static MobileResponse<Void> message(String message) {
        return new MobileResponse<>(true, null, message);
    }
}

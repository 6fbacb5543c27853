package com.educonsult.crm.platform.web;

/** One rejected field of a request and why. */
public record FieldError(String field, String message) {
}

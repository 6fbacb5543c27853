package com.educonsult.crm.platform.web;

import java.io.IOException;

/** A request body beyond the configured limit: answered with 413. */
public class RequestTooLargeException extends IOException {
    public RequestTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}

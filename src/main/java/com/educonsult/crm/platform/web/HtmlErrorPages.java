package com.educonsult.crm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/**
 * Errors of requests no controller took (an unknown address, a malformed path) on a page a person reads: the
 * console renders them as its own pages instead of the API's JSON envelope.
 */
public interface HtmlErrorPages {

    /** Renders the error as a page and answers true, or answers false to leave the request to the JSON envelope. */
    boolean render(HttpServletRequest request, HttpServletResponse response, HttpStatus status);
}

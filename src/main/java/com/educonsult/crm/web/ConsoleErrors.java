package com.educonsult.crm.web;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ClientDisconnects;
import com.educonsult.crm.web.support.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A failure on a console page becomes a page a person can act on: the sign-in for an ended session, a not-found
 * page for what does not exist or is not theirs, a plain message otherwise; never a stack trace or raw JSON. An htmx
 * request gets the message alone, which the page shows beside what was being done.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletRequest request, HttpServletResponse response) {
        if (e.status() == HttpStatus.UNAUTHORIZED && Htmx.isHtmx(request)) {
            return message(response, HttpStatus.UNAUTHORIZED,
                    "Your session has ended. Sign in again in another tab, then repeat this: what you typed is kept.");
        }
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            boolean ended = request.getAttribute(SignInController.SESSION_ENDED) != null;
            // a form sent after the session ended goes back to the page it was on, where the browser puts back
            // what was typed once the person has signed in again
            String back = "POST".equals(request.getMethod()) ? Htmx.refererPath(request) : null;
            return new ModelAndView("redirect:/login?" + (ended ? "expired&" : "") + "next="
                    + (back != null ? back : Htmx.returnPath(request)));
        }
        if (Htmx.isHtmx(request)) {
            return message(response, e.status(), describe(e));
        }
        return page(response, e.status(), describe(e));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView malformed(MethodArgumentTypeMismatchException e, HttpServletResponse response) {
        return page(response, HttpStatus.NOT_FOUND, "Not found");
    }

    /** A link or form of another version of a page, or typed by hand, without a value the action needs. */
    @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
    ModelAndView incomplete(org.springframework.web.bind.MissingServletRequestParameterException e,
            HttpServletRequest request, HttpServletResponse response) {
        String message = "The request lacked “" + e.getParameterName() + "”. Go back, reload the page and try again.";
        return Htmx.isHtmx(request) ? message(response, HttpStatus.BAD_REQUEST, message)
                : page(response, HttpStatus.BAD_REQUEST, message);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (ClientDisconnects.isDisconnect(e) || response.isCommitted()) {
            // a closed live stream or a page the browser left: there is no one to answer
            log.debug("Client went away from {}: {}", request.getRequestURI(), e.toString());
            return new ModelAndView();
        }
        log.error("Console page failed: {}", request.getRequestURI(), e);
        String message = "Something went wrong on our side. Try again; if it keeps happening, tell your administrator.";
        return Htmx.isHtmx(request) ? message(response, HttpStatus.INTERNAL_SERVER_ERROR, message)
                : page(response, HttpStatus.INTERNAL_SERVER_ERROR, message);
    }

    static ModelAndView page(HttpServletResponse response, HttpStatus status, String message) {
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title(status));
        page.addObject("message", message);
        return page;
    }

    private static ModelAndView message(HttpServletResponse response, HttpStatus status, String message) {
        response.setStatus(status.value());
        ModelAndView fragment = new ModelAndView("fragments :: failure");
        fragment.setStatus(status);
        fragment.addObject("message", message);
        return fragment;
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not open to you";
            case UNPROCESSABLE_CONTENT, BAD_REQUEST -> "Check what was entered";
            case CONFLICT -> "Changed meanwhile";
            default -> status.is5xxServerError() ? "Something went wrong" : status.getReasonPhrase();
        };
    }

    private static String describe(ApiException e) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return "There is nothing here, or it is not yours to see. Check the address, or search for it.";
        }
        if (e.status() == HttpStatus.FORBIDDEN) {
            return "Your role does not open this. Ask an administrator if you need it.";
        }
        return e.getMessage();
    }
}

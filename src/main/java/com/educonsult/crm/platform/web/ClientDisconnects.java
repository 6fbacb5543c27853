package com.educonsult.crm.platform.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Tells a client that went away mid-request (closed the connection, cancelled a download, left an event stream)
 * from a failure of ours: the former is nobody's error and there is no one left to answer.
 */
public final class ClientDisconnects {

    /** By simple name: Tomcat's and Jetty's, without depending on either server. */
    private static final Set<String> ABORT_TYPES = Set.of("ClientAbortException", "EofException");

    private static final Set<String> ABORT_MESSAGES = Set.of("broken pipe", "connection reset",
            "connection was aborted", "an established connection was aborted");

    private ClientDisconnects() {
    }

    public static boolean isDisconnect(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AsyncRequestNotUsableException || ABORT_TYPES.contains(cause.getClass().getSimpleName())) {
                return true;
            }
            if (cause instanceof IOException && abortMessage(cause.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean abortMessage(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return ABORT_MESSAGES.stream().anyMatch(lower::contains);
    }
}

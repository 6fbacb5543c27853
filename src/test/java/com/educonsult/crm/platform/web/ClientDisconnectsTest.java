package com.educonsult.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** A client that went away mid-request is told apart from a failure of the server. */
class ClientDisconnectsTest {

    @Test
    void aClosedConnectionIsADisconnect() {
        assertThat(ClientDisconnects.isDisconnect(new IOException("Broken pipe"))).isTrue();
        assertThat(ClientDisconnects.isDisconnect(new SocketException("Connection reset by peer"))).isTrue();
        assertThat(ClientDisconnects.isDisconnect(new AsyncRequestNotUsableException("Response not usable"))).isTrue();
    }

    @Test
    void theServletContainersAbortIsADisconnectEvenWhenWrapped() {
        var abort = new org.apache.catalina.connector.ClientAbortException(new IOException("Broken pipe"));

        assertThat(ClientDisconnects.isDisconnect(abort)).isTrue();
        assertThat(ClientDisconnects.isDisconnect(new HttpMessageNotWritableException("write failed", abort))).isTrue();
        assertThat(ClientDisconnects.isDisconnect(new EofException())).isTrue();
    }

    @Test
    void otherFailuresAreNotDisconnects() {
        assertThat(ClientDisconnects.isDisconnect(new IllegalStateException("bug"))).isFalse();
        assertThat(ClientDisconnects.isDisconnect(new IOException("No space left on device"))).isFalse();
        assertThat(ClientDisconnects.isDisconnect(new RuntimeException(new NullPointerException()))).isFalse();
    }

    @Test
    void aDisconnectIsLoggedAsOneDebugLineAndAnsweredWithNothing() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            var answer = new ApiExceptionHandler(new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(HtmlErrorPages.class)).unexpected(
                    new org.apache.catalina.connector.ClientAbortException(new IOException("Connection reset by peer")), null);

            assertThat(answer).isNull();
            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(event.getThrowableProxy()).isNull();
            });
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(previous);
        }
    }

    @Test
    void aFailureOfTheServerIsStillAnErrorWithItsStackTrace() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            var answer = new ApiExceptionHandler(new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(HtmlErrorPages.class)).unexpected(new IllegalStateException("bug"), null);

            assertThat(answer.getStatusCode().value()).isEqualTo(500);
            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getThrowableProxy()).isNotNull();
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    /** Stands in for Jetty's exception of the same name, for servers run on Jetty. */
    private static final class EofException extends IOException {
    }
}

package com.educonsult.crm.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the server sent to PostgreSQL while some work ran, as the JDBC driver reports it at its finest log level
 * (every statement is one {@code Execute} or {@code SimpleQuery} message, whether or not the driver prepared it
 * before). Only the threads that serve HTTP requests are recorded (or the threads named), so the scheduler's polls
 * and other background work do not count.
 */
public final class StatementLog {

    private static final String DRIVER = "org.postgresql";
    private static final String REQUEST_THREADS = "tomcat-handler";

    /** One message to the database, in the driver's words ({@code Parse} carries a statement's text). */
    public record Message(String thread, String text) {
        boolean isExecute() {
            return text.contains("FE=> Execute") || text.contains("FE=> SimpleQuery");
        }
    }

    /** The messages of the work: every statement, BEGIN and COMMIT included, and the transactions begun. */
    public record Recording(List<Message> messages) {
        public long statements() {
            return messages.stream().filter(Message::isExecute).count();
        }

        public long transactions() {
            return messages.stream().filter(m -> m.text().contains("query=\"BEGIN")).count();
        }

        /** The messages one per line, for an assertion's description. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            messages.forEach(m -> text.append('\n').append(m.thread()).append(": ").append(m.text()));
            return text.toString();
        }
    }

    private StatementLog() {
    }

    public static Recording record(Supplier<?> work) {
        return record(REQUEST_THREADS, work);
    }

    /** The same, for the threads whose names start with {@code threads}. */
    public static Recording record(String threads, Supplier<?> work) {
        Logger driver = Logger.getLogger(DRIVER);
        List<Message> messages = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String thread = Thread.currentThread().getName();
                if (thread.startsWith(threads) && record.getMessage() != null
                        && record.getMessage().contains("FE=>")) {
                    synchronized (messages) {
                        messages.add(new Message(thread, format(record)));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.FINEST);
        Level previousLevel = driver.getLevel();
        boolean previousParents = driver.getUseParentHandlers();
        driver.addHandler(handler);
        driver.setUseParentHandlers(false);
        driver.setLevel(Level.FINEST);
        try {
            work.get();
        } finally {
            driver.setLevel(previousLevel);
            driver.setUseParentHandlers(previousParents);
            driver.removeHandler(handler);
        }
        synchronized (messages) {
            return new Recording(List.copyOf(messages));
        }
    }

    private static String format(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                message = message.replace("{" + i + "}", String.valueOf(parameters[i]));
            }
        }
        return message.trim();
    }
}

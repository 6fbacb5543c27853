package com.educonsult.crm.leads;

import com.educonsult.crm.platform.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reading import files: UTF-8 CSV (a byte order mark is dropped), the first record being the header. */
final class ImportFiles {

    static final long MAX_BYTES = 100L * 1024 * 1024;
    static final int MAX_ROWS = 1_000_000;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private ImportFiles() {
    }

    /**
     * The header and the number of data rows of an uploaded file, read once as a stream (any size, flat memory);
     * 422 naming {@code file} when it is no UTF-8 CSV.
     */
    static Summary check(InputStream content, long size) {
        if (size == 0) {
            throw ApiException.invalid("file", "is empty");
        }
        if (size > MAX_BYTES) {
            throw ApiException.invalid("file", "must be at most " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        Reader reader = new InputStreamReader(new NoNulBytes(content), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (Rows rows = open(reader)) {
            if (!rows.hasNext()) {
                throw ApiException.invalid("file", "is empty");
            }
            List<String> header = rows.next();
            if (header.stream().allMatch(String::isBlank)) {
                throw ApiException.invalid("file", "has no header row");
            }
            int count = 0;
            while (rows.hasNext()) {
                rows.next();
                if (++count > MAX_ROWS) {
                    throw ApiException.invalid("file", "must have at most " + MAX_ROWS + " rows");
                }
            }
            if (count == 0) {
                throw ApiException.invalid("file", "has no rows below the header");
            }
            return new Summary(header, count);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException || e.getCause() instanceof NulByteException) {
                throw ApiException.invalid("file", "must be a CSV file (UTF-8 text)");
            }
            throw ApiException.invalid("file", "is not a readable CSV file: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.invalid("file", "is not a readable CSV file: " + e.getMessage());
        }
    }

    record Summary(List<String> header, int rows) {
    }

    /** The records of a file, header first, each as its list of values. */
    static Rows open(InputStream content) {
        return open(new InputStreamReader(content, StandardCharsets.UTF_8));
    }

    /** The records read from text; a byte order mark at its start is dropped. */
    private static Rows open(Reader text) {
        try {
            return new Rows(CSVParser.builder().setReader(skipBom(text)).setFormat(FORMAT).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Rows implements Iterator<List<String>>, AutoCloseable {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        private Rows(CSVParser parser) {
            this.parser = parser;
            this.records = parser.iterator();
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public List<String> next() {
            return new ArrayList<>(records.next().toList());
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Reader skipBom(Reader text) throws IOException {
        var buffered = new java.io.BufferedReader(text, 65_536);
        buffered.mark(1);
        if (buffered.read() != '\uFEFF') {
            buffered.reset();
        }
        return buffered;
    }

    private static final class NulByteException extends IOException {
        NulByteException() {
            super("the file has a NUL byte: it is not text");
        }
    }

    /** Refuses a NUL byte, which no text file has (binary files do). */
    private static final class NoNulBytes extends java.io.FilterInputStream {
        NoNulBytes(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b == 0) {
                throw new NulByteException();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                if (buffer[i] == 0) {
                    throw new NulByteException();
                }
            }
            return n;
        }
    }
}

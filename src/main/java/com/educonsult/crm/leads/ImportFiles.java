package com.educonsult.crm.leads;

import com.educonsult.crm.platform.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int MAX_ROWS = 50_000;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private ImportFiles() {
    }

    /** The header and the number of data rows of an uploaded file; 422 naming {@code file} when it is no CSV. */
    static Summary check(byte[] content) {
        if (content.length == 0) {
            throw ApiException.invalid("file", "is empty");
        }
        if (content.length > MAX_BYTES) {
            throw ApiException.invalid("file", "must be at most " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        if (!isText(content)) {
            throw ApiException.invalid("file", "must be a CSV file (UTF-8 text)");
        }
        try (Rows rows = open(new java.io.ByteArrayInputStream(content))) {
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
        } catch (UncheckedIOException | IllegalStateException e) {
            throw ApiException.invalid("file", "is not a readable CSV file: " + e.getMessage());
        }
    }

    record Summary(List<String> header, int rows) {
    }

    /** The records of a file, header first, each as its list of values. */
    static Rows open(InputStream content) {
        try {
            Reader reader = new InputStreamReader(skipBom(content), StandardCharsets.UTF_8);
            return new Rows(CSVParser.builder().setReader(reader).setFormat(FORMAT).get());
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

    private static InputStream skipBom(InputStream in) throws IOException {
        var buffered = new java.io.BufferedInputStream(in);
        buffered.mark(3);
        byte[] start = buffered.readNBytes(3);
        if (!(start.length == 3 && (start[0] & 0xff) == 0xEF && (start[1] & 0xff) == 0xBB && (start[2] & 0xff) == 0xBF)) {
            buffered.reset();
        }
        return buffered;
    }

    private static boolean isText(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

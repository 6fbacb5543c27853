package com.educonsult.crm.leads;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Ends each CSV record with CRLF, as RFC 4180 writes it, where PostgreSQL's COPY writes LF: a line feed outside a
 * quoted value gets a carriage return before it; one inside a quoted value (part of the value) is left as it is.
 * Closing it does not close the stream it writes to.
 */
final class CsvLineEndings extends FilterOutputStream {

    private final byte[] buffer = new byte[65_536];
    private int used;
    private boolean quoted;

    CsvLineEndings(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (used + 2 > buffer.length) {
            drain();
        }
        if (b == '"') {
            quoted = !quoted; // an escaped quote ("") toggles twice
        } else if (b == '\n' && !quoted) {
            buffer[used++] = '\r';
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }
}

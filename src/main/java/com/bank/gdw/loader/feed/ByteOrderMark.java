package com.bank.gdw.loader.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;

/**
 * The UTF-8 byte order mark (EF BB BF) some Windows tools write at the start of a text file. It marks the encoding and
 * is not text: left in, it would become an invisible first character of the first record's first field (a key) or
 * make a valid control line unreadable. Snowflake's COPY skips it too (SKIP_BYTE_ORDER_MARK, on by default).
 */
public final class ByteOrderMark extends FilterInputStream {

    private static final byte[] UTF_8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final PushbackInputStream stream;
    private boolean looked;

    private ByteOrderMark(PushbackInputStream stream) {
        super(stream);
        this.stream = stream;
    }

    /**
     * The stream without a byte order mark at its start; every other byte, a mark later in the stream included, stays.
     * Nothing is read before the first read, so a broken stream fails there, where its reader reports it.
     */
    public static InputStream skipped(InputStream in) {
        return new ByteOrderMark(new PushbackInputStream(in, UTF_8.length));
    }

    private void lookOnce() throws IOException {
        if (!looked) {
            looked = true;
            byte[] head = stream.readNBytes(UTF_8.length);
            if (!Arrays.equals(head, UTF_8)) {
                stream.unread(head);
            }
        }
    }

    @Override
    public int read() throws IOException {
        lookOnce();
        return stream.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        lookOnce();
        return stream.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        lookOnce();
        return stream.skip(n);
    }

    @Override
    public int available() throws IOException {
        return looked ? stream.available() : 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

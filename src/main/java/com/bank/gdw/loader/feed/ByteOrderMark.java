package com.bank.gdw.loader.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The UTF-8 byte order mark (EF BB BF) some Windows tools write at the start of a text file. It marks the encoding and
 * is not text: left in, it would become an invisible first character of the first record's first field (a key) or
 * make a valid control line unreadable. Snowflake's COPY skips it too (SKIP_BYTE_ORDER_MARK, on by default).
 */
public final class ByteOrderMark extends FilterInputStream {

    private static final byte[] UTF_8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final byte[] head = new byte[UTF_8.length];
    private int headLength = -1;
    private int headPos;

    private ByteOrderMark(InputStream in) {
        super(in);
    }

    /**
     * The stream without a byte order mark at its start; every other byte, a mark later in the stream included, stays.
     * Nothing is read before the first read, so a broken stream fails there, where its reader reports it.
     */
    public static InputStream skipped(InputStream in) {
        return new ByteOrderMark(in);
    }

    /**
     * Reads no further than it must: past the first read only while what came could still be a mark, and a read
     * answers the bytes looked at alone, so they reach the reader before anything a later read would fail on (a
     * broken gzip member after them).
     */
    private void lookOnce() throws IOException {
        if (headLength >= 0) {
            return;
        }
        int n = 0;
        while (n < head.length && Arrays.equals(head, 0, n, UTF_8, 0, n)) {
            int got = in.read(head, n, head.length - n);
            if (got < 0) {
                break;
            }
            n += got;
        }
        headLength = n;
        headPos = n == UTF_8.length && Arrays.equals(head, UTF_8) ? n : 0;
    }

    @Override
    public int read() throws IOException {
        lookOnce();
        return headPos < headLength ? head[headPos++] & 0xff : in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        lookOnce();
        if (headPos < headLength && len > 0) {
            int k = Math.min(len, headLength - headPos);
            System.arraycopy(head, headPos, b, off, k);
            headPos += k;
            return k;
        }
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        lookOnce();
        if (headPos < headLength && n > 0) {
            int k = (int) Math.min(n, headLength - headPos);
            headPos += k;
            return k;
        }
        return in.skip(n);
    }

    @Override
    public int available() throws IOException {
        return headLength < 0 ? 0 : headLength - headPos + in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

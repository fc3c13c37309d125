package com.bank.gdw.loader.feed;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Splits a byte stream into lines (LF or CRLF, optional final newline) without decoding: the parser works on the
 * bytes. A line may be as long as the configured limit; the buffer grows for it and shrinks back afterwards.
 */
public final class LineReader {

    private static final int BUFFER = 1 << 20;

    private final InputStream in;
    private final String fileName;
    private final int maxLineBytes;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private int lineStart;
    private int lineEnd;

    public LineReader(InputStream in, String fileName, int maxLineBytes) {
        this.in = in;
        this.fileName = fileName;
        this.maxLineBytes = maxLineBytes;
    }

    /** Advances to the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    setLine(pos, i);
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void setLine(int start, int end) {
        lineNumber++;
        lineStart = start;
        lineEnd = end > start && buf[end - 1] == '\r' ? end - 1 : end;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= maxLineBytes) {
                throw new FeedFormatException(fileName + " line " + (lineNumber + 1) + ": longer than " + maxLineBytes
                        + " bytes, the configured limit (loader.pipeline.max-line-bytes)");
            }
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, maxLineBytes)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        } else if (buf.length > BUFFER && limit < BUFFER / 2) {
            byte[] smaller = new byte[BUFFER];
            System.arraycopy(buf, 0, smaller, 0, limit);
            buf = smaller;
        }
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (EOFException e) {
            throw new FeedFormatException(fileName + " line " + (lineNumber + 1) + ": the gzip data ends early (truncated file)", e);
        } catch (ZipException e) {
            throw new FeedFormatException(fileName + " line " + (lineNumber + 1) + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return lineStart;
    }

    public int end() {
        return lineEnd;
    }

    public long lineNumber() {
        return lineNumber;
    }
}

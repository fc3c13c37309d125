package com.bank.gdw.loader.feed;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The records of a gzip file as RFC 1952 has them: every member in turn, each checked against its trailer (CRC-32 and
 * size), and every byte of the file in a member. java.util.zip's GZIPInputStream ends the stream without a word at
 * bytes after a member that do not make a valid next member (a damaged member, trailing garbage, on Java 17 a cut
 * header), so the records after them were never read and the unit completed without them.
 *
 * <p>Format errors are {@link ZipException} (corrupt) or {@link EOFException} (the file ends inside a member), which
 * {@link LineReader} reports by file and line; a read answers as soon as it has records, and the next member's header
 * is read only by the read after, so an error comes after the last good line. A failure to read the file itself passes
 * unchanged: an infrastructure failure, as before. (Commons Compress reads gzip as strictly, with an 8 KB input buffer:
 * 10 to 20 % slower here on a 148 MB file, and 2 MB more in the jar with its commons-io and commons-codec.)
 */
final class GzipMembers extends InputStream {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FRESERVED = 0xE0;

    private final InputStream file;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] one = new byte[1];
    private int pos;
    private int lim;
    private boolean eof;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int members;
    private boolean inMember;
    private boolean ended;

    /** Nothing is read before the first read, so a broken first header fails there, where the reader names the line. */
    GzipMembers(InputStream file) {
        this.file = file;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            if (!inMember) {
                if (members > 0 && atEnd()) {
                    ended = true;
                    break;
                }
                readHeader();
            }
            if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("the file ends inside gzip member " + members);
                }
                inflater.setInput(buf, pos, lim - pos);
                pos = lim;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw (ZipException) new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage()).initCause(e);
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                // what the inflater did not take belongs to the trailer and whatever follows it
                pos = lim - inflater.getRemaining();
                readTrailer();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip member " + members + " asks for a preset dictionary");
            }
        }
        return -1;
    }

    private void readHeader() throws IOException {
        int id1 = nextByte();
        int id2 = nextByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new ZipException(members == 0 ? "not in gzip format" : "bytes after gzip member " + members + " that are not a gzip member");
        }
        members++;
        int method = nextByte();
        if (method != 8) {
            throw new ZipException("gzip member " + members + ": compression method " + method + ", not deflate");
        }
        int flags = nextByte();
        if ((flags & FRESERVED) != 0) {
            throw new ZipException("gzip member " + members + ": reserved header flags set");
        }
        skip(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            skip(nextByte() | nextByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        inMember = true;
    }

    private void readTrailer() throws IOException {
        long storedCrc = uint32();
        long storedSize = uint32();
        if (storedCrc != crc.getValue()) {
            throw new ZipException("gzip member " + members + ": CRC-32 differs from its trailer");
        }
        if (storedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("gzip member " + members + ": size differs from its trailer");
        }
        inMember = false;
    }

    private long uint32() throws IOException {
        return (nextByte() | nextByte() << 8 | nextByte() << 16 | (long) nextByte() << 24) & 0xffffffffL;
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            nextByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (nextByte() != 0) {
            // a file name or comment
        }
    }

    private int nextByte() throws IOException {
        if (!fill()) {
            throw new EOFException("the file ends inside the header or trailer of gzip member " + Math.max(1, members));
        }
        return buf[pos++] & 0xff;
    }

    /** Whether compressed bytes are at hand, reading more when none are; false at the end of the file. */
    private boolean fill() throws IOException {
        while (pos == lim && !eof) {
            int n = file.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
            } else {
                pos = 0;
                lim = n;
            }
        }
        return pos < lim;
    }

    private boolean atEnd() throws IOException {
        return !fill();
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        file.close();
    }
}

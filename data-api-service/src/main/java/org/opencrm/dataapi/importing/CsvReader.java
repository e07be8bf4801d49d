package org.opencrm.dataapi.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it: comma-separated, fields in double quotes may hold commas, line breaks and doubled
 * quotes, records end with LF or CRLF. Blank lines are skipped and a leading byte order mark is ignored. Each record
 * knows the line it starts on, so a rejected row can be named as a spreadsheet shows it.
 *
 * <p>Hand-written rather than a library: Jackson 3's CSV module is not among this build's dependencies and Jackson
 * 2's would bring a second databind; the format is small and this reader streams without copying.
 */
final class CsvReader {

    /** A record the reader could not make sense of; the reader has moved past it. */
    static final class MalformedRecordException extends Exception {

        private final long line;

        MalformedRecordException(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private boolean started;
    private int length;

    /** @param maxRecordChars the longest record read; a longer one is skipped as malformed */
    CsvReader(Reader in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
    }

    /** The line the last record returned started on, 1 for the first line of the body. */
    long recordLine() {
        return recordLine;
    }

    /**
     * The next record's fields, or null at the end of the body.
     *
     * @throws MalformedRecordException for a record that breaks the format; the next call reads the record after it
     */
    List<String> next() throws IOException, MalformedRecordException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        int c;
        while ((c = peek()) == '\n' || c == '\r') {
            endOfLine();
        }
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        length = 0;
        while (true) {
            c = read();
            if (c == '"' && field.isEmpty()) {
                readQuoted(field);
                c = peek();
                if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
                    skipRestOfRecord();
                    throw new MalformedRecordException(recordLine, "a quoted field must end at a comma or a line break");
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r' || c < 0) {
                if (c >= 0) {
                    unreadLineBreak(c);
                    endOfLine();
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            if (++length > maxRecordChars) {
                skipRestOfRecord();
                throw tooLong();
            }
        }
    }

    private MalformedRecordException tooLong() {
        return new MalformedRecordException(recordLine, "the row is longer than " + maxRecordChars + " characters");
    }

    private void readQuoted(StringBuilder field) throws IOException, MalformedRecordException {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new MalformedRecordException(recordLine, "a quoted field is not closed before the end of the body");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                } else {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                } else if (c == '\r' && peek() != '\n') {
                    line++;
                }
                field.append((char) c);
            }
            if (++length > maxRecordChars) {
                throw tooLong();
            }
        }
    }

    private void skipRestOfRecord() throws IOException {
        int c;
        while ((c = peek()) >= 0 && c != '\n' && c != '\r') {
            read();
        }
        if (c >= 0) {
            endOfLine();
        }
    }

    /** Consumes one line break, LF, CR or CRLF. */
    private void endOfLine() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private void unreadLineBreak(int c) {
        position--;
        buffer[position] = (char) c;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}

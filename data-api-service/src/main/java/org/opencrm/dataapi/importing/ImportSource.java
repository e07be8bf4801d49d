package org.opencrm.dataapi.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.opencrm.dataapi.record.RecordCopyRows;
import org.opencrm.dataapi.record.Violation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The rows of an import body, one at a time, each with the line it starts on. */
abstract sealed class ImportSource implements AutoCloseable {

    /** The longest row read, in characters; a longer one is rejected. */
    static final int MAX_ROW_CHARS = 4_000_000;

    /**
     * One row: the record's JSON, or why it could not be read.
     *
     * @param record null when {@code problems} is not empty
     */
    record Row(long line, ObjectNode record, List<Violation> problems) {
    }

    private final Reader reader;

    ImportSource(InputStream body) {
        // Bytes that are not UTF-8 fail the import rather than turning silently into replacement characters.
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
    }

    Reader reader() {
        return reader;
    }

    /**
     * Opens a body; a CSV body's header row is read and checked here.
     *
     * @throws ImportRejectedException when the CSV header names something the object does not have
     */
    static ImportSource open(ImportFormat format, InputStream body, RecordCopyRows rows, JsonMapper json)
            throws IOException {
        return switch (format) {
            case CSV -> new Csv(body, rows, json);
            case NDJSON -> new Ndjson(body, json);
        };
    }

    /** The next row, or null after the last. */
    abstract Row next() throws IOException;

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static final class Csv extends ImportSource {

        private final CsvReader csv;
        private final CsvColumns columns;

        Csv(InputStream body, RecordCopyRows rows, JsonMapper json) throws IOException {
            super(body);
            this.csv = new CsvReader(reader(), MAX_ROW_CHARS);
            List<String> header;
            try {
                header = csv.next();
            } catch (CsvReader.MalformedRecordException e) {
                throw new ImportRejectedException(List.of(new Violation("header", "csv", e.getMessage())));
            }
            if (header == null) {
                throw new ImportRejectedException(List.of(new Violation("header", "required",
                        "the CSV body must start with a header row of field names")));
            }
            this.columns = CsvColumns.of(header, rows, json);
        }

        @Override
        Row next() throws IOException {
            List<String> cells;
            try {
                cells = csv.next();
            } catch (CsvReader.MalformedRecordException e) {
                return new Row(e.line(), null, List.of(new Violation("row", "csv", e.getMessage())));
            }
            if (cells == null) {
                return null;
            }
            try {
                return new Row(csv.recordLine(), columns.record(cells), List.of());
            } catch (ImportRejectedException e) {
                return new Row(csv.recordLine(), null, e.violations());
            }
        }
    }

    static final class Ndjson extends ImportSource {

        private final JsonMapper json;
        private final StringBuilder text = new StringBuilder();
        private long line;

        Ndjson(InputStream body, JsonMapper json) {
            super(body);
            this.json = json;
        }

        @Override
        Row next() throws IOException {
            while (true) {
                text.setLength(0);
                boolean tooLong = false;
                int c;
                while ((c = reader().read()) >= 0 && c != '\n') {
                    if (text.length() < MAX_ROW_CHARS) {
                        text.append((char) c);
                    } else {
                        tooLong = true;
                    }
                }
                if (c < 0 && text.isEmpty()) {
                    return null;
                }
                line++;
                if (tooLong) {
                    return new Row(line, null, List.of(new Violation("row", "length",
                            "the line is longer than " + MAX_ROW_CHARS + " characters")));
                }
                if (text.toString().isBlank()) {
                    continue;
                }
                try {
                    JsonNode record = json.readTree(text.toString());
                    if (record instanceof ObjectNode object) {
                        return new Row(line, object, List.of());
                    }
                    return new Row(line, null, List.of(new Violation("row", "type",
                            "each line must be a JSON object of field values")));
                } catch (JacksonException e) {
                    return new Row(line, null, List.of(new Violation("row", "json", "the line is not valid JSON")));
                }
            }
        }
    }
}

package dropbridge.record;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/** RFC 4180 CSV whose first row names the columns; an empty cell is read as an empty string. */
final class CsvRecordReader implements RecordReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .setIgnoreEmptyLines(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;
    private long lastLineRead;
    private CSVRecord pending;
    private long pendingLine;

    CsvRecordReader(Reader text, String requiredColumn) throws IOException, BadFileException {
        try {
            this.parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            text.close();
            throw new BadFileException("CSV header row cannot be read: " + e.getMessage());
        }
        this.header = parser.getHeaderNames();
        if (header.isEmpty()) {
            close();
            throw new BadFileException("CSV file is empty: it has no header row");
        }
        if (requiredColumn != null && !header.contains(requiredColumn)) {
            close();
            throw new BadFileException("CSV header has no " + requiredColumn + " column (columns: " + String.join(", ", header) + ")");
        }
        this.lastLineRead = parser.getCurrentLineNumber();
        this.rows = parser.iterator();
    }

    /**
     * Blank lines are parsed as rows (not skipped by the parser) so that the line count stays
     * exact: a row starts on the line after the previous row ended.
     */
    @Override
    public boolean hasNext() {
        try {
            return readNextRow();
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read line " + (lastLineRead + 1) + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private boolean readNextRow() {
        while (pending == null && rows.hasNext()) {
            CSVRecord row = rows.next();
            long startLine = lastLineRead + 1;
            lastLineRead = parser.getCurrentLineNumber();
            if (!isBlankLine(row)) {
                pending = row;
                pendingLine = startLine;
            }
        }
        return pending != null;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord row = pending;
        pending = null;
        if (row.size() != header.size()) {
            return ReadResult.unreadable(pendingLine, String.join(",", row.values()),
                    "row has " + row.size() + " cells but the header names " + header.size() + " columns");
        }
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.size(); i++) {
            fields.put(header.get(i), row.get(i));
        }
        return ReadResult.of(new SourceRecord(pendingLine, fields));
    }

    private static boolean isBlankLine(CSVRecord row) {
        return row.size() == 1 && row.get(0).isEmpty();
    }

    @Override
    public long linesRead() {
        return lastLineRead;
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

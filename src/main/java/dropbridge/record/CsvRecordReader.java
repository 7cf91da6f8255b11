package dropbridge.record;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * RFC 4180 CSV, cells split at the drop's delimiter, whose first row names the columns (see
 * {@link CsvHeader}); an empty cell is read as an empty string. A row longer than the limit is an
 * unreadable record and reading goes on after it.
 */
final class CsvRecordReader extends ReadAheadReader {

    private static final CSVFormat WITH_HEADER = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            // CsvHeader refuses duplicates, names that are the same only once trimmed included
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .setAllowMissingColumnNames(false)
            .setIgnoreEmptyLines(false)
            .get();

    private final CsvRecordLimiter text;
    private final RecordLimit limit;
    private final char delimiter;
    private final CSVFormat format;
    private final List<String> header;
    private CSVParser parser;
    private Iterator<CSVRecord> rows;
    /** Lines before the current parser's first line: a new parser starts after an over-long row. */
    private long lineBase;
    private long lastLineRead;

    CsvRecordReader(Reader text, RecordLimit limit, char delimiter) throws IOException, BadFileException {
        this.text = new CsvRecordLimiter(text, limit.maxChars(), delimiter);
        this.limit = limit;
        this.delimiter = delimiter;
        this.format = WITH_HEADER.builder().setDelimiter(delimiter).get();
        try {
            this.parser = CSVParser.builder().setReader(this.text).setFormat(format).get();
        } catch (CsvRecordLimiter.TooLong e) {
            throw new BadFileException("CSV header row is longer than " + limit.maxChars() + " characters");
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new BadFileException("CSV header row cannot be read: " + e.getMessage());
        }
        this.header = CsvHeader.columns(parser.getHeaderNames(), delimiter);
        this.lastLineRead = parser.getCurrentLineNumber();
        this.rows = parser.iterator();
    }

    @Override
    public List<String> columns() {
        return header;
    }

    /**
     * Blank lines are parsed as rows (not skipped by the parser) so that the line count stays
     * exact: a row starts on the line after the previous row ended.
     */
    @Override
    ReadResult readNext() {
        while (true) {
            long startLine = lastLineRead + 1;
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                CSVRecord row = rows.next();
                lastLineRead = lineBase + parser.getCurrentLineNumber();
                if (!isBlankLine(row)) {
                    return resultOf(row, startLine);
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CsvRecordLimiter.TooLong tooLong)) {
                    throw new UncheckedIOException("cannot read line " + startLine + ": " + e.getCause().getMessage(), e.getCause());
                }
                startParserAfterOverLongRow();
                return limit.tooLong(startLine, tooLong.beginning());
            }
        }
    }

    private ReadResult resultOf(CSVRecord row, long line) {
        if (row.size() != header.size()) {
            return ReadResult.unreadable(line, String.join(String.valueOf(delimiter), row.values()),
                    "row has " + row.size() + " cells but the header names " + header.size() + " columns");
        }
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.size(); i++) {
            fields.put(header.get(i), row.get(i));
        }
        return ReadResult.of(new SourceRecord(line, fields));
    }

    private static boolean isBlankLine(CSVRecord row) {
        return row.size() == 1 && row.get(0).isEmpty();
    }

    /** The parser failed inside the over-long row; the limiter has skipped to the next row, where a new parser starts. */
    private void startParserAfterOverLongRow() {
        lineBase = text.linesEnded();
        lastLineRead = lineBase;
        CSVFormat rowsOnly = format.builder().setHeader(header.toArray(String[]::new)).setSkipHeaderRecord(false).get();
        try {
            parser = CSVParser.builder().setReader(text).setFormat(rowsOnly).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows = parser.iterator();
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

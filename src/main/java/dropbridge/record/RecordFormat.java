package dropbridge.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats a drop may hold, recognised by the file name's extension. */
public enum RecordFormat {
    CSV(".csv"),
    JSON_LINES(".jsonl", ".ndjson", ".json"),
    /** One value per line, such as a list of ids. */
    LINES(".txt");

    /** The most characters a record may hold unless the caller says otherwise. */
    public static final int DEFAULT_MAX_RECORD_CHARS = 1_000_000;

    private final String[] extensions;

    RecordFormat(String... extensions) {
        this.extensions = extensions;
    }

    public List<String> extensions() {
        return List.of(extensions);
    }

    public static Optional<RecordFormat> of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (RecordFormat format : values()) {
            for (String extension : format.extensions) {
                if (name.endsWith(extension)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** Reads records of at most {@link #DEFAULT_MAX_RECORD_CHARS} characters. */
    public RecordReader open(InputStream in, String requiredColumn, String lineField) throws IOException, BadFileException {
        return open(in, requiredColumn, lineField, DEFAULT_MAX_RECORD_CHARS);
    }

    /**
     * @param requiredColumn a CSV header must name this column, or the file is bad (may be null)
     * @param lineField      the field name each line of a {@link #LINES} file is read into
     * @param maxRecordChars a longer record (a line; a CSV row with the line breaks of its quoted
     *                       values) is an unreadable record, and reading goes on after it
     */
    public RecordReader open(InputStream in, String requiredColumn, String lineField, int maxRecordChars)
            throws IOException, BadFileException {
        RecordLimit limit = new RecordLimit(maxRecordChars);
        return switch (this) {
            case CSV -> new CsvRecordReader(new Utf8Reader(in), limit, requiredColumn);
            case JSON_LINES -> new JsonLinesRecordReader(new Utf8Reader(in), limit);
            case LINES -> new LineRecordReader(new Utf8Reader(in), limit, lineField);
        };
    }
}

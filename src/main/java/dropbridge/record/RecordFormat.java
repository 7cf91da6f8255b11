package dropbridge.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The file formats a drop may hold, recognised by the file name's extension. */
public enum RecordFormat {
    CSV(".csv"),
    /** One JSON object per line. */
    JSON_LINES(".jsonl", ".ndjson"),
    /** A JSON array of objects, or JSON Lines, as the file's first character says. */
    JSON(".json"),
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

    /**
     * Opens a file for reading, its records numbered. A file refused as a whole (not in the
     * options' encoding, no CSV header, a {@code .json} file that is neither JSON format) is a
     * {@link BadFileException}, and its stream is closed.
     *
     * @param lineField the field name each line of a {@link #LINES} file is read into
     */
    public RecordReader open(InputStream in, ReadOptions options, String lineField) throws IOException, BadFileException {
        RecordLimit limit = new RecordLimit(options.maxRecordChars());
        try {
            Reader text = DroppedText.open(in, options.encoding());
            return new NumberedRecords(switch (this) {
                case CSV -> new CsvRecordReader(text, limit, options.delimiter());
                case JSON_LINES -> new JsonLinesRecordReader(text, limit, 0);
                case JSON -> JsonFile.open(text, limit);
                case LINES -> new LineRecordReader(text, limit, lineField);
            });
        } catch (BadFileException e) {
            in.close();
            throw e;
        }
    }
}

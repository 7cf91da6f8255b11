package dropbridge.record;

import java.io.BufferedReader;
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
     * @param requiredColumn a CSV header must name this column, or the file is bad (may be null)
     * @param lineField      the field name each line of a {@link #LINES} file is read into
     */
    public RecordReader open(InputStream in, String requiredColumn, String lineField) throws IOException, BadFileException {
        return switch (this) {
            case CSV -> new CsvRecordReader(new Utf8Reader(in), requiredColumn);
            case JSON_LINES -> new JsonLinesRecordReader(new BufferedReader(new Utf8Reader(in)));
            case LINES -> new LineRecordReader(new BufferedReader(new Utf8Reader(in)), lineField);
        };
    }
}

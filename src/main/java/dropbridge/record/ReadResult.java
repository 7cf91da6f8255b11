package dropbridge.record;

/**
 * What a reader yields for one record: the record, or why the text at that line could not be
 * read as one. An unreadable record is an error outcome of stage {@code read}; reading goes on.
 */
public record ReadResult(long line, SourceRecord record, String raw, String problem) {

    public static ReadResult of(SourceRecord record) {
        return new ReadResult(record.line(), record, null, null);
    }

    public static ReadResult unreadable(long line, String raw, String problem) {
        return new ReadResult(line, null, raw, problem);
    }

    public boolean readable() {
        return record != null;
    }
}

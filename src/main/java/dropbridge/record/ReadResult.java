package dropbridge.record;

/**
 * What a reader yields for one record: the record, or why the text at that line could not be
 * read as one. An unreadable record is an error outcome of stage {@code read}; reading goes on.
 * {@code number} is the record's place in the file (see {@link SourceRecord}).
 */
public record ReadResult(long line, long number, SourceRecord record, String raw, String problem) {

    public static ReadResult of(SourceRecord record) {
        return new ReadResult(record.line(), record.number(), record, null, null);
    }

    public static ReadResult unreadable(long line, String raw, String problem) {
        return new ReadResult(line, 0, null, raw, problem);
    }

    public boolean readable() {
        return record != null;
    }

    ReadResult numbered(long number, int onLine) {
        return new ReadResult(line, number, record == null ? null : record.numbered(number, onLine), raw, problem);
    }
}

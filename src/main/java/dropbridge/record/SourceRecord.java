package dropbridge.record;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record read from a dropped file. {@code line} is the line it starts on; {@code number} says
 * it is the file's n-th record (from 1), which tells records apart where several start on one
 * line (a JSON array written on a single line); {@code onLine} counts the records that started
 * earlier on the same line (0 for all but such an array). {@code fields} keeps the record's own
 * names and values in file order: a CSV row as header to value, a JSON object as it was written,
 * a plain line under the reader's field name.
 */
public record SourceRecord(long line, long number, int onLine, ObjectNode fields) {

    /** A record as a reader yields it, before {@link NumberedRecords} numbers it. */
    public SourceRecord(long line, ObjectNode fields) {
        this(line, 0, 0, fields);
    }

    SourceRecord numbered(long number, int onLine) {
        return new SourceRecord(line, number, onLine, fields);
    }

    /** The same record with other fields, such as the drop's mapping makes of them. */
    public SourceRecord withFields(ObjectNode fields) {
        return new SourceRecord(line, number, onLine, fields);
    }
}

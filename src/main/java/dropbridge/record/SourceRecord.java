package dropbridge.record;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record read from a dropped file, with the line it starts on. {@code fields} keeps the
 * record's own names and values in file order: a CSV row as header to value, a JSON Lines
 * object as it was written, a plain line under the reader's field name.
 */
public record SourceRecord(long line, ObjectNode fields) {
}

package dropbridge.record;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.Reader;

/** One value per line, read into a record with a single field; values are trimmed. */
final class LineRecordReader extends LineByLineReader {

    private final String field;

    LineRecordReader(Reader text, RecordLimit limit, String field) {
        super(text, limit, 0);
        this.field = field;
    }

    @Override
    ReadResult parse(long line, String text) {
        return ReadResult.of(new SourceRecord(line, JsonNodeFactory.instance.objectNode().put(field, text.strip())));
    }
}

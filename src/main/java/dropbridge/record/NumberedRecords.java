package dropbridge.record;

import java.util.List;

/**
 * Numbers the records of a file in the order they are read, whatever its format, so that every
 * record has an identity of its own even where several share a line: its outcome lines and a
 * resumed run go by that number.
 */
final class NumberedRecords implements RecordReader {

    private final RecordReader records;
    private long number;
    private long line = -1;
    private int onLine;

    NumberedRecords(RecordReader records) {
        this.records = records;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public ReadResult next() {
        ReadResult result = records.next();
        onLine = result.line() == line ? onLine + 1 : 0;
        line = result.line();
        return result.numbered(++number, onLine);
    }

    @Override
    public long linesRead() {
        return records.linesRead();
    }

    @Override
    public List<String> columns() {
        return records.columns();
    }

    @Override
    public void close() {
        records.close();
    }
}

package dropbridge.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Records read ahead on their own thread come out exactly as the reader gives them. */
class ReadAheadRecordsTest {

    private static final int ROWS = ReadAheadRecords.CHUNK_SIZE * (ReadAheadRecords.CHUNKS + 3) + 7;

    @Test
    void everyRecordComesOutInFileOrderAcrossChunks() throws Exception {
        String csv = csv(ROWS, "");
        List<ReadResult> direct = Readers.drain(open(csv));
        List<ReadResult> ahead = Readers.drain(new ReadAheadRecords(open(csv), () -> 0, "users.csv"));
        assertEquals(ROWS, ahead.size());
        assertEquals(direct, ahead);
    }

    @Test
    void anUnreadableRestComesOutAfterTheRecordsBeforeItWithTheReadersLine() throws Exception {
        // an opening quote that is never closed: the rest of the file cannot be read
        String csv = csv(ROWS, "broken,\"never closed\n");
        RecordReader direct = open(csv);
        List<ReadResult> directResults = new ArrayList<>();
        UncheckedIOException directFailure = assertThrows(UncheckedIOException.class, () -> direct.forEachRemaining(directResults::add));

        RecordReader ahead = new ReadAheadRecords(open(csv), () -> 0, "users.csv");
        List<ReadResult> aheadResults = new ArrayList<>();
        UncheckedIOException aheadFailure = assertThrows(UncheckedIOException.class, () -> ahead.forEachRemaining(aheadResults::add));

        assertEquals(directResults, aheadResults);
        assertEquals(directFailure.getMessage(), aheadFailure.getMessage());
        assertEquals(direct.linesRead(), ahead.linesRead(), "where the unreadable rest begins");
        ahead.close();
    }

    @Test
    void closingMidFileStopsTheReadingThreadAndClosesTheFile() throws Exception {
        AtomicBoolean fileClosed = new AtomicBoolean();
        InputStream content = new FilterInputStream(Readers.input(csv(ROWS * 10, ""))) {
            @Override
            public void close() throws IOException {
                fileClosed.set(true);
                super.close();
            }
        };
        RecordReader ahead = new ReadAheadRecords(RecordFormat.CSV.open(content, Readers.DEFAULTS, "line"), () -> 0, "users.csv");
        assertTrue(ahead.hasNext());
        ahead.next();
        ahead.close();

        assertTrue(fileClosed.get());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("read-ahead users.csv") && thread.isAlive()), "the reading thread has ended");
        IllegalStateException afterClose = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IllegalStateException.class, () -> {
            while (true) {
                ahead.next();
            }
        }), "taking records after the close never waits for ever");
        assertEquals("the records of the file are no longer read", afterClose.getMessage());
    }

    @Test
    void largeRecordsAreReadAheadNoFurtherThanTheChunksBytes() throws Exception {
        String wide = "x".repeat(300_000);
        StringBuilder csv = new StringBuilder("user_id,note\n");
        for (int row = 1; row <= 200; row++) {
            csv.append("user-").append(row).append(',').append(wide).append('\n');
        }
        AtomicLong bytesRead = new AtomicLong();
        InputStream content = new FilterInputStream(Readers.input(csv.toString())) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = super.read(buffer, offset, length);
                bytesRead.addAndGet(Math.max(count, 0));
                return count;
            }
        };
        RecordReader ahead = new ReadAheadRecords(RecordFormat.CSV.open(content, Readers.DEFAULTS, "line"), bytesRead::get, "wide.csv");
        assertEquals("user-1", ahead.next().record().fields().get("user_id").asText());
        Thread.sleep(300);

        long bound = (ReadAheadRecords.CHUNKS + 2) * (ReadAheadRecords.CHUNK_BYTES + 300_100);
        assertTrue(bytesRead.get() < bound, bytesRead.get() + " bytes read of " + csv.length() + ", bound " + bound);
        assertEquals(200, 1 + Readers.drain(ahead).size());
    }

    private static RecordReader open(String csv) throws Exception {
        return RecordFormat.CSV.open(Readers.input(csv), Readers.DEFAULTS, "line");
    }

    private static String csv(int rows, String tail) {
        StringBuilder csv = new StringBuilder("user_id,plan\n");
        for (int row = 1; row <= rows; row++) {
            csv.append("user-").append(row).append(row % 50 == 0 ? ",\"gold,\n\"\"plus\"\"\"\n" : ",silver\n");
        }
        return csv.append(tail).toString();
    }
}

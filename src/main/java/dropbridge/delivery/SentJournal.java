package dropbridge.delivery;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * The records of every batch of a file, written before the batch is sent: after a crash, the
 * records that were sent but have no outcome yet are the journaled ones without an outcome line,
 * and a resumed run counts them as sent again. One line per batch, its record numbers as ranges
 * ({@code 1-100 102 104-199}).
 */
final class SentJournal implements AutoCloseable {

    private final BufferedWriter out;

    SentJournal(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal of sent batches " + file, e);
        }
    }

    /** Journals the batch; it is on disk when this returns, so it survives the process being killed. */
    synchronized void sending(Batch<?> batch) {
        StringBuilder line = new StringBuilder();
        long first = -1;
        long last = -1;
        for (BatchItem<?> item : batch.items()) {
            long number = item.source().number();
            if (number == last + 1) {
                last = number;
                continue;
            }
            appendRange(line, first, last);
            first = number;
            last = number;
        }
        appendRange(line, first, last);
        try {
            out.write(line.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal a batch before sending it", e);
        }
    }

    private static void appendRange(StringBuilder line, long first, long last) {
        if (first < 0) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(first);
        if (last > first) {
            line.append('-').append(last);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the journal of sent batches", e);
        }
    }

    /** The numbers of every batch journaled in the file (complete lines only), none when there is no file. */
    static BitSet read(Path file) throws IOException {
        BitSet sent = new BitSet();
        if (!Files.exists(file)) {
            return sent;
        }
        StagedLines.dropPartialLine(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = in.readLine()) != null) {
                for (String range : line.split(" ")) {
                    if (range.isEmpty()) {
                        continue;
                    }
                    int dash = range.indexOf('-');
                    int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                    int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                    sent.set(first, last + 1);
                }
            }
        }
        return sent;
    }
}

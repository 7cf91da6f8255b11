package dropbridge.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.RunFolder;
import dropbridge.delivery.StagedLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The checkpoint of a file's run, kept in a {@link CheckpointStore} so that a process that has
 * none of the run's folder (another pod, with a work dir of its own) resumes the file where its
 * outcomes end. Each write sends what the run's line files (success, error, skipped outcomes and
 * the journal of sent batches) gained since the last one, up to their last complete line, as one
 * more segment each, then the report and a manifest naming the segments. A run that resumes
 * rebuilds its folder from the segments, unless its folder is already the continuation of that
 * very checkpoint (the same process, or one sharing its work dir).
 */
public final class RunCheckpoint {

    private static final Logger LOG = Logger.getLogger(RunCheckpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "manifest.json";
    private static final String REPORT = "report.json";
    private static final String LOCAL_STATE = "checkpoint.state";
    private static final List<String> KINDS = List.of("success", "error", "skipped", "journal");

    private final CheckpointStore store;
    private final RunFolder folder;
    private final String version;
    private final String writer = UUID.randomUUID().toString();
    private final long[] bytes = new long[KINDS.size()];
    private final int[] segments = new int[KINDS.size()];
    private int writes;
    private boolean closed;
    /** When the last write was due, and how many requests the run had sent by then. */
    private Instant lastDue;
    private int requestsAtLastDue;

    private RunCheckpoint(CheckpointStore store, RunFolder folder, String version) {
        this.store = store;
        this.folder = folder;
        this.version = version;
    }

    /**
     * Makes the run's folder hold what the checkpoint of this version of the file holds, when the
     * folder is not already its continuation, and returns the checkpoint to go on writing. A
     * checkpoint of another version of the file is removed.
     */
    public static RunCheckpoint resume(CheckpointStore store, RunFolder folder, String version) throws IOException {
        RunCheckpoint checkpoint = new RunCheckpoint(store, folder, version);
        Optional<JsonNode> manifest = read(store, MANIFEST);
        if (manifest.isEmpty()) {
            return checkpoint;
        }
        if (!Objects.equals(manifest.get().path("version").asText(null), version)) {
            store.deleteAll();
            return checkpoint;
        }
        for (int i = 0; i < KINDS.size(); i++) {
            JsonNode kind = manifest.get().path("files").path(KINDS.get(i));
            checkpoint.bytes[i] = kind.path("bytes").asLong();
            checkpoint.segments[i] = kind.path("segments").asInt();
        }
        if (checkpoint.continues(manifest.get())) {
            return checkpoint;
        }
        checkpoint.rebuildFolder();
        LOG.infof("%s: the run's folder is rebuilt from the checkpoint at %s (%d bytes of outcome lines)",
                folder.folder(), store.describe(), checkpoint.bytes[0] + checkpoint.bytes[1] + checkpoint.bytes[2]);
        checkpoint.writeLocalState(manifest.get().path("writer").asText(), manifest.get().path("writes").asInt());
        return checkpoint;
    }

    /** What one write sent: how many objects, and their bytes. */
    public record Written(int objects, long bytes) {

        static final Written NOTHING = new Written(0, 0);
    }

    /**
     * Sends what the run's files gained since the last write (their outcome lines flushed, as
     * after {@code FileRun.refreshReport}); nothing when there was nothing new, or the checkpoint is closed.
     */
    public synchronized Written write() throws IOException {
        if (closed) {
            return Written.NOTHING;
        }
        List<Path> files = files();
        long[] ends = new long[KINDS.size()];
        int objects = 0;
        long sent = 0;
        for (int i = 0; i < KINDS.size(); i++) {
            ends[i] = lastLineEnd(files.get(i), bytes[i]);
            if (ends[i] > bytes[i]) {
                store.put(segmentName(i, segments[i]), files.get(i), bytes[i], ends[i] - bytes[i]);
                objects++;
                sent += ends[i] - bytes[i];
            }
        }
        if (objects == 0 && writes > 0) {
            return Written.NOTHING;
        }
        if (Files.exists(folder.report())) {
            byte[] report = Files.readAllBytes(folder.report());
            store.put(REPORT, report);
            objects++;
            sent += report.length;
        }
        ObjectNode manifest = JSON.createObjectNode().put("version", version).put("writer", writer).put("writes", writes + 1);
        ObjectNode kinds = manifest.putObject("files");
        for (int i = 0; i < KINDS.size(); i++) {
            int count = segments[i] + (ends[i] > bytes[i] ? 1 : 0);
            kinds.putObject(KINDS.get(i)).put("bytes", ends[i]).put("segments", count);
        }
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        store.put(MANIFEST, manifestBytes);
        for (int i = 0; i < KINDS.size(); i++) {
            if (ends[i] > bytes[i]) {
                segments[i]++;
                bytes[i] = ends[i];
            }
        }
        writes++;
        writeLocalState(writer, writes);
        return new Written(objects + 1, sent + manifestBytes.length);
    }

    /**
     * Whether a write is due: {@code interval} since the last one was due (or since the first
     * look), or {@code batches} requests more; a true answer counts as the next write being due.
     */
    public synchronized boolean due(Instant now, int requests, Duration interval, int batches) {
        if (lastDue == null) {
            lastDue = now;
        }
        if (now.isBefore(lastDue.plus(interval)) && requests - requestsAtLastDue < batches) {
            return false;
        }
        lastDue = now;
        requestsAtLastDue = requests;
        return true;
    }

    /** No write from now on; one in progress ends first. */
    public synchronized void close() {
        closed = true;
    }

    /** The file is settled: its checkpoint goes. */
    public synchronized void remove() throws IOException {
        closed = true;
        store.deleteAll();
    }

    public String describe() {
        return store.describe();
    }

    /** Whether the run's folder is this checkpoint's continuation: the last write was made from it. */
    private boolean continues(JsonNode manifest) throws IOException {
        Path state = folder.folder().resolve(LOCAL_STATE);
        if (!Files.exists(state) || !Files.exists(folder.sourceVersion())
                || !version.equals(Files.readString(folder.sourceVersion(), StandardCharsets.UTF_8))) {
            return false;
        }
        JsonNode local = JSON.readTree(state.toFile());
        return local.path("writer").asText().equals(manifest.path("writer").asText())
                && local.path("writes").asInt() == manifest.path("writes").asInt();
    }

    private void rebuildFolder() throws IOException {
        folder.delete();
        folder.createOutcomeFiles();
        List<Path> files = files();
        for (int i = 0; i < KINDS.size(); i++) {
            try (OutputStream out = Files.newOutputStream(files.get(i), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                for (int segment = 0; segment < segments[i]; segment++) {
                    try (InputStream in = store.get(segmentName(i, segment))
                            .orElseThrow(() -> new IOException("the checkpoint at " + store.describe() + " misses a segment"))) {
                        in.transferTo(out);
                    }
                }
            }
        }
        Optional<InputStream> report = store.get(REPORT);
        if (report.isPresent()) {
            try (InputStream in = report.get()) {
                Files.write(folder.report(), in.readAllBytes());
            }
        }
        Files.writeString(folder.sourceVersion(), version, StandardCharsets.UTF_8);
    }

    private void writeLocalState(String writerId, int writeCount) throws IOException {
        Files.createDirectories(folder.folder());
        Files.write(folder.folder().resolve(LOCAL_STATE),
                JSON.writeValueAsBytes(JSON.createObjectNode().put("writer", writerId).put("writes", writeCount)));
    }

    private List<Path> files() {
        return List.of(folder.success(), folder.error(), folder.skipped(), folder.sentJournal());
    }

    private static String segmentName(int kind, int segment) {
        return String.format("%s/%08d", KINDS.get(kind), segment);
    }

    private static Optional<JsonNode> read(CheckpointStore store, String name) throws IOException {
        Optional<InputStream> content = store.get(name);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = content.get()) {
            return Optional.of(JSON.readTree(in));
        }
    }

    private static long lastLineEnd(Path file, long from) throws IOException {
        return Files.exists(file) ? StagedLines.lastLineEnd(file, from) : from;
    }
}

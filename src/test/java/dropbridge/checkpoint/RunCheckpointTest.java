package dropbridge.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropbridge.delivery.RunFolder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCheckpointTest {

    @TempDir
    Path work;

    private final MemoryStore store = new MemoryStore();

    @Test
    void anotherProcessRebuildsTheRunFromTheCheckpointUpToItsLastCompleteLines() throws IOException {
        RunFolder pod1 = run("pod-1");
        RunCheckpoint writing = RunCheckpoint.resume(store, pod1, "etag 1");
        append(pod1.success(), "{\"line\":2}\n{\"line\":3}\n");
        append(pod1.sentJournal(), "1-2\n");
        Files.writeString(pod1.report(), "{\"status\":\"IN_PROGRESS\"}");
        assertTrue(writing.write().objects() > 0);
        append(pod1.success(), "{\"line\":4}\n{\"li");
        append(pod1.error(), "{\"line\":5,\"code\":\"missing-user-id\"}\n");
        append(pod1.sentJournal(), "3-4\n");
        assertTrue(writing.write().objects() > 0);
        assertEquals(0, writing.write().objects(), "nothing new");

        RunFolder pod2 = run("pod-2");
        RunCheckpoint.resume(store, pod2, "etag 1");

        assertEquals("{\"line\":2}\n{\"line\":3}\n{\"line\":4}\n", Files.readString(pod2.success()), "the partial line is not taken");
        assertEquals("{\"line\":5,\"code\":\"missing-user-id\"}\n", Files.readString(pod2.error()));
        assertEquals("1-2\n3-4\n", Files.readString(pod2.sentJournal()));
        assertEquals("", Files.readString(pod2.skipped()));
        assertEquals("{\"status\":\"IN_PROGRESS\"}", Files.readString(pod2.report()));
        assertEquals("etag 1", Files.readString(pod2.sourceVersion()));
        assertEquals(2, store.objects.keySet().stream().filter(name -> name.startsWith("success/")).count());
    }

    @Test
    void theRebuiltRunGoesOnWritingAfterTheSegmentsItFound() throws IOException {
        RunFolder pod1 = run("pod-1");
        RunCheckpoint first = RunCheckpoint.resume(store, pod1, "etag 1");
        append(pod1.success(), "a\n");
        first.write();

        RunFolder pod2 = run("pod-2");
        RunCheckpoint second = RunCheckpoint.resume(store, pod2, "etag 1");
        append(pod2.success(), "b\n");
        second.write();

        RunFolder pod3 = run("pod-3");
        RunCheckpoint.resume(store, pod3, "etag 1");
        assertEquals("a\nb\n", Files.readString(pod3.success()));
    }

    @Test
    void aFolderThatWroteTheLastCheckpointIsKeptAndOneThatDidNotIsReplaced() throws IOException {
        RunFolder pod1 = run("pod-1");
        RunCheckpoint first = RunCheckpoint.resume(store, pod1, "etag 1");
        append(pod1.success(), "a\n");
        first.write();
        append(pod1.success(), "b\n");

        RunCheckpoint.resume(store, pod1, "etag 1");
        assertEquals("a\nb\n", Files.readString(pod1.success()), "its own continuation: what came after the checkpoint stays");

        RunFolder pod2 = run("pod-2");
        RunCheckpoint second = RunCheckpoint.resume(store, pod2, "etag 1");
        append(pod2.success(), "c\n");
        second.write();
        RunCheckpoint.resume(store, pod1, "etag 1");
        assertEquals("a\nc\n", Files.readString(pod1.success()), "another process wrote on: the checkpoint wins");
    }

    @Test
    void aCheckpointOfAnotherVersionOfTheFileIsRemovedAndRemoveEndsWriting() throws IOException {
        RunFolder pod1 = run("pod-1");
        RunCheckpoint old = RunCheckpoint.resume(store, pod1, "etag 1");
        append(pod1.success(), "a\n");
        old.write();

        RunFolder pod2 = run("pod-2");
        RunCheckpoint current = RunCheckpoint.resume(store, pod2, "etag 2");
        assertTrue(store.objects.isEmpty());
        assertEquals("", Files.readString(pod2.success()));

        append(pod2.success(), "x\n");
        current.remove();
        assertEquals(0, current.write().objects());
        assertTrue(store.objects.isEmpty());
    }

    @Test
    void aWriteIsDueAfterTheIntervalOrTheRequestsWhicheverComesFirst() throws IOException {
        RunCheckpoint checkpoint = RunCheckpoint.resume(store, run("pod-1"), "etag 1");
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        Duration interval = Duration.ofSeconds(30);

        assertFalse(checkpoint.due(start, 0, interval, 1000));
        assertFalse(checkpoint.due(start.plusSeconds(29), 999, interval, 1000));
        assertTrue(checkpoint.due(start.plusSeconds(29), 1000, interval, 1000), "1,000 requests before the interval");
        assertFalse(checkpoint.due(start.plusSeconds(58), 1999, interval, 1000));
        assertTrue(checkpoint.due(start.plusSeconds(59), 1999, interval, 1000), "the interval since the last one due");
    }

    /** A run's folder as the run leaves it for its version of the file, before it has an outcome. */
    private RunFolder run(String process) throws IOException {
        RunFolder folder = RunFolder.of(work.resolve(process).resolve("users.csv"), "users.csv");
        folder.createOutcomeFiles();
        Files.writeString(folder.sourceVersion(), "etag 1");
        return folder;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static final class MemoryStore implements CheckpointStore {

        final Map<String, byte[]> objects = new TreeMap<>();

        @Override
        public void put(String name, Path file, long offset, long length) throws IOException {
            try (FileChannel channel = FileChannel.open(file)) {
                objects.put(name, Channels.newInputStream(channel.position(offset)).readNBytes((int) length));
            }
        }

        @Override
        public void put(String name, byte[] content) {
            objects.put(name, content.clone());
        }

        @Override
        public Optional<InputStream> get(String name) {
            return Optional.ofNullable(objects.get(name)).map(ByteArrayInputStream::new);
        }

        @Override
        public void deleteAll() {
            objects.clear();
        }

        @Override
        public String describe() {
            return "memory";
        }
    }
}

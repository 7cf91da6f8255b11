package dropbridge.drop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dropbridge.delivery.OutcomeName;
import dropbridge.delivery.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome files of settled files that did not reach their sinks (a bucket gone, a server
 * down): each such file's outcomes wait in {@code <work-dir>/.waiting-for-sinks/<drop>/<file>/<kept>/},
 * with a manifest naming, for each outcome file, its name at the sink and the drop's parameter
 * that names the sink ({@code successSink}, ...; the URI itself is not written down, as it may
 * hold a password). They are shipped again with a delay that doubles with each failure, and
 * after a restart. Of one drop's file only the outcomes kept last wait: those of an earlier
 * delivery of the same name would be overwritten at the sink by them anyway.
 */
public final class WaitingOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "outcomes.json";

    private final Path root;
    private final Clock clock;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Map<Path, Attempts> attempts = new ConcurrentHashMap<>();

    /** One outcome file, its name at its sink, and the drop's parameter that names the sink. */
    public record Outcome(Path file, String name, String sink) {
    }

    /** A settled file's outcomes waiting for their sinks. */
    public record Waiting(Path folder, String drop, String source, Instant keptAt, List<Outcome> outcomes) {
    }

    private record Attempts(int failures, Instant next) {
    }

    public WaitingOutcomes(Path workDir, Clock clock, Duration firstDelay, Duration maxDelay) {
        this.root = workDir.resolve(".waiting-for-sinks");
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * Keeps the outcome files of the drop's file (linked, or copied where links are not possible)
     * until they reach their sinks; the outcomes that waited for an earlier delivery of the same
     * file are dropped, as these replace them at the sinks.
     */
    public synchronized Waiting keep(String drop, String source, List<Outcome> outcomes) {
        Path file = fileFolder(drop, source);
        Instant now = clock.instant();
        try {
            Files.createDirectories(file);
            List<Path> earlier = entries(file);
            Path folder = Files.createTempDirectory(file, String.format("%013d-", now.toEpochMilli()));
            ArrayNode files = JSON.createArrayNode();
            for (Outcome outcome : outcomes) {
                Path kept = folder.resolve(outcome.file().getParent().getFileName()).resolve(outcome.file().getFileName());
                Files.createDirectories(kept.getParent());
                link(outcome.file(), kept);
                files.addObject().put("file", folder.relativize(kept).toString()).put("name", outcome.name()).put("sink", outcome.sink());
            }
            ObjectNode manifest = JSON.createObjectNode().put("drop", drop).put("source", source).put("keptAt", now.toString());
            manifest.set("outcomes", files);
            Files.writeString(folder.resolve(MANIFEST + ".tmp"), manifest.toString());
            Files.move(folder.resolve(MANIFEST + ".tmp"), folder.resolve(MANIFEST));
            earlier.forEach(this::remove);
            return read(folder).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the outcomes of " + source + " under " + file, e);
        }
    }

    /** Whether outcomes of the drop's file of this name wait for their sinks. */
    public boolean holds(String drop, String source) {
        return !entries(fileFolder(drop, source)).isEmpty();
    }

    /** The files whose outcomes are due to be shipped again now, kept first, first. */
    public List<Waiting> due() {
        Instant now = clock.instant();
        return all().stream()
                .filter(waiting -> !attempts.getOrDefault(waiting.folder(), new Attempts(0, Instant.MIN)).next().isAfter(now))
                .toList();
    }

    /** Every file whose outcomes wait, kept first, first. */
    public List<Waiting> all() {
        List<Waiting> all = new ArrayList<>();
        for (Path drop : folders(root)) {
            for (Path file : folders(drop)) {
                List<Path> entries = entries(file);
                if (!entries.isEmpty()) {
                    read(entries.get(entries.size() - 1)).ifPresent(all::add);
                }
            }
        }
        all.sort(Comparator.comparing(Waiting::keptAt));
        return all;
    }

    /** The outcomes reached their sinks: they go. */
    public void shipped(Waiting waiting) {
        remove(waiting.folder());
    }

    /** The outcomes failed to reach a sink again: the delay until the next try, which doubles with each failure. */
    public Duration failed(Waiting waiting) {
        Attempts before = attempts.getOrDefault(waiting.folder(), new Attempts(0, Instant.MIN));
        Duration delay = firstDelay.multipliedBy(1L << Math.min(before.failures(), 20));
        delay = delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        attempts.put(waiting.folder(), new Attempts(before.failures() + 1, clock.instant().plus(delay)));
        return delay;
    }

    /** How many times the outcomes failed to reach a sink since this process started. */
    public int failures(Waiting waiting) {
        return attempts.getOrDefault(waiting.folder(), new Attempts(0, Instant.MIN)).failures();
    }

    /** How many files' outcomes wait. */
    public int count() {
        return all().size();
    }

    private Path fileFolder(String drop, String source) {
        return root.resolve(OutcomeName.of(drop)).resolve(OutcomeName.of(source));
    }

    /** Removes the entry, and the folders of its file and drop once they hold nothing more. */
    private synchronized void remove(Path folder) {
        attempts.remove(folder);
        RunFolder.deleteTree(folder);
        for (Path parent = folder.getParent(); !parent.equals(root); parent = parent.getParent()) {
            try {
                Files.deleteIfExists(parent);
            } catch (java.nio.file.DirectoryNotEmptyException stillUsed) {
                return;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + parent, e);
            }
        }
    }

    /** The complete entries of a file (a manifest written), oldest first. */
    private static List<Path> entries(Path file) {
        return folders(file).stream().filter(entry -> Files.exists(entry.resolve(MANIFEST))).sorted().toList();
    }

    private static List<Path> folders(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent, Files::isDirectory)) {
            children.forEach(folders::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
        return folders;
    }

    /** The entry's manifest; empty when the entry went meanwhile (shipped, or replaced by a later delivery). */
    private static Optional<Waiting> read(Path folder) {
        try {
            JsonNode manifest = JSON.readTree(folder.resolve(MANIFEST).toFile());
            List<Outcome> outcomes = new ArrayList<>();
            for (JsonNode outcome : manifest.path("outcomes")) {
                outcomes.add(new Outcome(folder.resolve(outcome.path("file").asText()), outcome.path("name").asText(), outcome.path("sink").asText()));
            }
            return Optional.of(new Waiting(folder, manifest.path("drop").asText(), manifest.path("source").asText(),
                    Instant.parse(manifest.path("keptAt").asText()), List.copyOf(outcomes)));
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(MANIFEST), e);
        }
    }

    private static void link(Path file, Path kept) throws IOException {
        try {
            Files.createLink(kept, file);
        } catch (IOException | UnsupportedOperationException notLinked) {
            Files.copy(file, kept);
        }
    }
}

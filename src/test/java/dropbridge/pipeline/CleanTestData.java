package dropbridge.pipeline;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Empties the test profile's data folder before the application starts, so files left over by an
 * interrupted earlier run are not delivered in the middle of this run's tests.
 */
public class CleanTestData implements QuarkusTestResourceLifecycleManager {

    static final Path TEST_DATA = Path.of("target/test-data");

    @Override
    public Map<String, String> start() {
        delete(TEST_DATA);
        return Map.of("dropbridge.data-dir", TEST_DATA.toString());
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void delete(Path folder) {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(CleanTestData::deleteOne);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void stop() {
    }

    private static void deleteOne(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

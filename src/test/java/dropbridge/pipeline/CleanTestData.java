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
        if (Files.exists(TEST_DATA)) {
            try (Stream<Path> paths = Files.walk(TEST_DATA)) {
                paths.sorted(Comparator.reverseOrder()).forEach(CleanTestData::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of("dropbridge.data-dir", TEST_DATA.toString());
    }

    @Override
    public void stop() {
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dropbridge.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images hold the production build whatever the host's target/ holds (such as the dev jar the
 * README's run command leaves there): each Dockerfile builds the application in a stage of its own
 * with the production profile, its image copies the application from that stage only, and the build
 * context, as .dockerignore cuts it from this very checkout, holds nothing of target/.
 */
class ImageBuildTest {

    private static final Pattern FROM = Pattern.compile("FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern COPY_FROM = Pattern.compile("--from=(\\S+)");

    record Stage(String image, String name, List<String> instructions) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/docker/Dockerfile.jvm", "src/main/docker/Dockerfile.native"})
    void theImageTakesTheApplicationFromItsOwnProductionBuild(String dockerfile) throws IOException {
        List<Stage> stages = stages(Path.of(dockerfile));
        assertTrue(stages.size() >= 2, "a build stage and the image: " + stages);
        Stage image = stages.get(stages.size() - 1);
        List<Path> context = buildContext();

        List<String> fromBuild = new ArrayList<>();
        for (String copy : image.instructions().stream().filter(i -> i.matches("(?i)(COPY|ADD)\\s.*")).toList()) {
            Matcher from = COPY_FROM.matcher(copy);
            if (from.find()) {
                fromBuild.add(from.group(1));
            } else {
                for (String source : sources(copy)) {
                    assertEquals("routes/", source, dockerfile + ": from the build context the image takes the routes only: " + copy);
                    assertContextHolds(context, source, copy);
                }
            }
        }
        assertFalse(fromBuild.isEmpty(), dockerfile + ": the application comes from a build stage");
        for (String name : fromBuild) {
            Stage build = stages.stream().filter(s -> name.equals(s.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(dockerfile + ": no stage " + name));
            String run = build.instructions().stream().filter(i -> i.matches("(?i)RUN\\s.*")).reduce("", (a, b) -> a + "\n" + b);
            assertTrue(run.contains("./mvnw package") && run.contains("-Dquarkus.profile=prod"),
                    dockerfile + ": stage " + name + " builds the application with the production profile: " + run);
            assertFalse(run.matches("(?s).*(QUARKUS_PROFILE|quarkus:dev|quarkus:run|-Dquarkus\\.profile=(?!prod\\b)).*"), run);
            assertEquals(dockerfile.endsWith(".native"), run.contains("-Dnative"), run);
            for (String copy : build.instructions().stream().filter(i -> i.matches("(?i)(COPY|ADD)\\s.*")).toList()) {
                assertFalse(COPY_FROM.matcher(copy).find(), copy);
                for (String source : sources(copy)) {
                    assertFalse(source.startsWith("target") || source.equals(".") || source.equals("./"), "the build stage takes sources, not the host's build: " + copy);
                    assertContextHolds(context, source, copy);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theBuildContextHoldsNothingTheHostBuilt() throws IOException {
        assertTrue(Files.isDirectory(Path.of("target")), "the tests run after the build: target/ exists");
        List<Path> context = buildContext();
        assertTrue(context.contains(Path.of("pom.xml")) && context.contains(Path.of("mvnw")), "the sources are in the context");
        assertTrue(context.stream().noneMatch(path -> path.startsWith("target") || path.startsWith("data")),
                "target/ and data/ are left out by .dockerignore");
        assertFalse(context.contains(Path.of("routes/kustomization.yml")), "the image's routes are route files only");
    }

    /** The files of this checkout that {@code docker build .} sends, as .dockerignore's patterns cut them (no ! exceptions). */
    private static List<Path> buildContext() throws IOException {
        List<PathMatcher> ignored = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(".dockerignore"))) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            assertFalse(pattern.startsWith("!"), "no exceptions: " + pattern);
            String glob = pattern.replaceFirst("^/", "").replaceFirst("/$", "");
            ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            return files.filter(Files::isRegularFile).map(path -> Path.of(".").relativize(path))
                    .filter(path -> {
                        for (int i = 1; i <= path.getNameCount(); i++) {
                            Path prefix = path.subpath(0, i);
                            if (ignored.stream().anyMatch(m -> m.matches(prefix))) {
                                return false;
                            }
                        }
                        return true;
                    }).toList();
        }
    }

    private static void assertContextHolds(List<Path> context, String source, String copy) {
        Path path = Path.of(source.replaceFirst("/$", ""));
        assertTrue(context.stream().anyMatch(file -> file.startsWith(path)), "the build context holds " + source + ": " + copy);
    }

    /** The sources of a COPY or ADD: its words but the options and the destination. */
    private static List<String> sources(String copy) {
        List<String> words = new ArrayList<>(List.of(copy.trim().split("\\s+")));
        words.remove(0);
        words.removeIf(word -> word.startsWith("--"));
        return words.subList(0, words.size() - 1);
    }

    private static List<Stage> stages(Path dockerfile) throws IOException {
        List<Stage> stages = new ArrayList<>();
        for (String line : Files.readString(dockerfile).replace("\\\n", " ").split("\n")) {
            String instruction = line.strip();
            if (instruction.isEmpty() || instruction.startsWith("#")) {
                continue;
            }
            Matcher from = FROM.matcher(instruction);
            if (from.matches()) {
                stages.add(new Stage(from.group(1), from.group(2), new ArrayList<>()));
            } else {
                assertFalse(stages.isEmpty(), "an instruction before FROM: " + instruction);
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return stages;
    }
}

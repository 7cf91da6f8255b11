package dropbridge.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package})
 * as a real process of its own, started from the project root with the settings given as
 * environment variables (production profile, plain-text log). Its output goes to
 * {@code target/packaged-app/<name>.log}. {@link #kill()} is a SIGKILL of the JVM itself (no shell
 * in between), {@link #stop()} a SIGTERM and a wait for the orderly shutdown.
 *
 * <pre>{@code
 * try (PackagedApp app = PackagedApp.start("first", 8095, Map.of("DROPBRIDGE_DATA_DIR", "target/it/data"))) {
 *     app.awaitReady(Duration.ofSeconds(30));
 *     ...
 *     app.kill();
 * }
 * }</pre>
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    public static final Path LOGS = Path.of("target", "packaged-app");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PackagedApp(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar on the HTTP port with the environment variables given (they override the defaults here). */
    public static PackagedApp start(String name, int port, Map<String, String> env) {
        return start(name, port, env, List.of());
    }

    /** As {@link #start(String, int, Map)}, with JVM options (system properties, heap) before {@code -jar}. */
    public static PackagedApp start(String name, int port, Map<String, String> env, List<String> jvmOptions) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the tests with `./mvnw verify` (package builds it)");
        }
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + ".log");
            Files.deleteIfExists(log);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("DROPBRIDGE_HTTP_PORT", Integer.toString(port));
            settings.put("DROPBRIDGE_LOG_JSON", "false");
            settings.putAll(env);
            builder.environment().putAll(settings);
            return new PackagedApp(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings that make every API the sandbox served by the process itself on its port, with
     * the sandbox's credentials (as {@code bench/lib.sh} does); add them to a start's environment.
     */
    public static Map<String, String> sandboxApis(int port) {
        String sandbox = "http://localhost:" + port + "/sandbox";
        return Map.ofEntries(
                Map.entry("DROPBRIDGE_SANDBOX_ENABLED", "true"),
                Map.entry("PTENGINE_URL", sandbox + "/ptengine/v1/user/profiles"),
                Map.entry("PTENGINE_API_KEY", "sandbox-ptengine-key"),
                Map.entry("ENGAGELAB_URL", sandbox + "/engagelab/v1/user/profile"),
                Map.entry("ENGAGELAB_API_KEY", "sandbox-engagelab-key"),
                Map.entry("ENGAGELAB_API_SECRET", "sandbox-engagelab-secret"),
                Map.entry("RABBITPRE_EVENTS_URL", sandbox + "/rabbitpre/api/open/event/batchAdd"),
                Map.entry("RABBITPRE_TOKEN_URL", sandbox + "/rabbitpre/api/open/app/getOrgAccessToken"),
                Map.entry("RABBITPRE_APP_ID", "sandbox-app"),
                Map.entry("RABBITPRE_APP_SECRET", "sandbox-app-secret"));
    }

    /** Waits until {@code /q/health/ready} answers 200; fails at once, with the log's end, if the process ends. */
    public PackagedApp awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with exit code " + process.exitValue() + ":\n" + logTail(40));
            }
            if (get("/q/health/ready").filter(answer -> answer.statusCode() == 200).isPresent()) {
                return this;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + logTail(40));
    }

    /** Waits until {@code /q/health/live} answers 200 (started, ready or not); fails at once, with the log's end, if the process ends. */
    public PackagedApp awaitLive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with exit code " + process.exitValue() + ":\n" + logTail(40));
            }
            if (get("/q/health/live").filter(answer -> answer.statusCode() == 200).isPresent()) {
                return this;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " not live after " + timeout + ":\n" + logTail(40));
    }

    /** GET of a path on the application's HTTP port; empty when nothing answers. */
    public Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of a metric's series (from {@code /q/metrics}) whose labels name the pipeline. */
    public double metric(String name, String pipeline) {
        return get("/q/metrics").orElseThrow().body().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("pipeline=\"" + pipeline + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The whole log so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Waits for the process to end by itself and returns its exit code; fails, with the log's end, if it still runs after the timeout. */
    public int awaitExitCode(Duration timeout) {
        if (!awaitExit(timeout)) {
            throw new IllegalStateException(name + " still running after " + timeout + ":\n" + logTail(40));
        }
        return process.exitValue();
    }

    /** SIGKILL: the JVM ends at once, without shutdown hooks; returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the orderly shutdown; a process still there after 30 s is killed. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(30))) {
            kill();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

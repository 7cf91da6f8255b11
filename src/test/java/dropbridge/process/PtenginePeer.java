package dropbridge.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Ptengine user-profiles API for processes under test: answers every well-formed upload with
 * success after an optional latency, and counts how often each {@code user_id} arrived and when
 * each request did ({@link System#nanoTime()}), so a test can tell who sent what, and how often.
 */
public final class PtenginePeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> requestTimes = new ConcurrentLinkedQueue<>();
    private volatile long latencyMs;

    public PtenginePeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/user/profiles", this::upload);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL to give the application as PTENGINE_URL. */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/v1/user/profiles";
    }

    public void latency(long millis) {
        latencyMs = millis;
    }

    /** How often each user_id arrived. */
    public Map<String, Integer> received() {
        Map<String, Integer> counts = new TreeMap<>();
        received.forEach((id, count) -> counts.put(id, count.get()));
        return counts;
    }

    public int requests() {
        return requestTimes.size();
    }

    /** When each request arrived, in {@link System#nanoTime()}. */
    public List<Long> requestTimes() {
        return List.copyOf(requestTimes);
    }

    private void upload(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            requestTimes.add(System.nanoTime());
            JsonNode upload = JSON.readTree(body);
            int userId = -1;
            for (int i = 0; i < upload.path("field_name").size(); i++) {
                if ("user_id".equals(upload.path("field_name").get(i).asText())) {
                    userId = i;
                }
            }
            for (JsonNode row : upload.path("values")) {
                received.computeIfAbsent(row.get(userId).asText(), id -> new AtomicInteger()).incrementAndGet();
            }
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            byte[] answer = ("{\"msg\":\"Success\",\"timestamp\":" + System.currentTimeMillis() / 1000 + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

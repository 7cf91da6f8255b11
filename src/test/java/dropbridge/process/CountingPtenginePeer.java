package dropbridge.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Ptengine profiles API in the test's own process, so that what it received outlives the
 * application it serves: it counts every user_id it is sent, answers each request after
 * {@code latencyMs} as the vendor does ({@code 200 {"msg":"success"}}) and refuses a wrong API key.
 * It also notes when each request arrived, so a test can tell when a process started sending.
 */
public final class CountingPtenginePeer implements AutoCloseable {

    static final String PATH = "/v1/user/profiles";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String apiKey;
    private final long latencyMs;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicLong rows = new AtomicLong();
    private final Queue<Long> arrivals = new ConcurrentLinkedQueue<>();

    public CountingPtenginePeer(String apiKey, long latencyMs) {
        this.apiKey = apiKey;
        this.latencyMs = latencyMs;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, this::answer);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    /**
     * The packaged application's settings that make it deliver Ptengine profiles to this peer, with
     * its key, {@code batchSize} users a request and {@code inFlight} requests at a time.
     */
    public Map<String, String> ptengineSettings(int batchSize, int inFlight) {
        return Map.of(
                "PTENGINE_URL", url(),
                "PTENGINE_API_KEY", apiKey,
                "PTENGINE_BATCH_SIZE", Integer.toString(batchSize),
                "PTENGINE_IN_FLIGHT", Integer.toString(inFlight));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Rows received so far, each time it was sent counted. */
    public long rows() {
        return rows.get();
    }

    /** How many times each user_id was received. */
    public Map<String, AtomicInteger> received() {
        return received;
    }

    public long receivedMoreThanOnce() {
        return received.values().stream().mapToLong(count -> Math.max(0, count.get() - 1)).sum();
    }

    /** When each request arrived ({@link System#nanoTime()}), answered or not. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    private void answer(HttpExchange exchange) throws IOException {
        arrivals.add(System.nanoTime());
        try (exchange) {
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"msg\":\"invalid api key\"}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            int userId = -1;
            for (int i = 0; i < body.get("field_name").size(); i++) {
                if ("user_id".equals(body.get("field_name").get(i).asText())) {
                    userId = i;
                }
            }
            Thread.sleep(latencyMs);
            for (JsonNode row : body.get("values")) {
                received.computeIfAbsent(row.get(userId).asText(), id -> new AtomicInteger()).incrementAndGet();
                rows.incrementAndGet();
            }
            reply(exchange, 200, "{\"msg\":\"success\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

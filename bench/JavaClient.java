// The reference client in plain Java, beside pyclient.py (PEER_DIR): it sends a CSV file's rows to the
// Stub as pyclient.py does (UTF-8, a byte order mark tolerated; bodies of 100 rows
// {"field_name": [header...], "values": [[...], ...]}; WORKERS threads over keep-alive connections,
// about WORKERS x 4 bodies queued at most; every answer 200), with commons-csv, Jackson's JsonGenerator
// and the JDK's HttpClient (HTTP/1.1).
//
//   java -cp <classes>:<commons-csv, commons-io, commons-codec, jackson-core> JavaClient PORT WORKERS < FILES
//
// It reads the paths of the files to send from standard input, one a line, and prints "ready" once it
// has started, then for each file, once sent: pass=N rows=R seconds=S rows_per_s=X cpu_s=C, where cpu_s
// is this process's CPU while it sent the file (the JVM's start not counted). bench/peer.sh compiles it
// into bench/work/javaclient and hands it one file at a time, reading the Stub's and the machine's CPU
// in between: the file ("java"), and with WARM=1 then 2M rows (not counted) and the file again
// ("java-warm"), all in the one JVM.

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

public final class JavaClient {

    private static final int BATCH_ROWS = 100;
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final int workers;
    private final ExecutorService pool;

    private JavaClient(int port, int workers) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/v1/user/profiles");
        this.workers = workers;
        // daemon threads: a failed send ends the process instead of leaving the pool waiting
        this.pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
    }

    public static void main(String[] args) throws Exception {
        JavaClient client = new JavaClient(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        BufferedReader files = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        int pass = 0;
        for (String file; (file = files.readLine()) != null; ) {
            client.pass(++pass, Path.of(file));
        }
    }

    /** Sends the file and prints the pass's line. */
    private void pass(int pass, Path file) throws Exception {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long rows = send(file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        System.out.println(String.format(Locale.ROOT, "pass=%d rows=%d seconds=%.2f rows_per_s=%.0f cpu_s=%.2f",
            pass, rows, seconds, rows / seconds, cpu));
    }

    /** Sends the file's rows in bodies of 100, WORKERS at a time; returns the rows sent. */
    private long send(Path file) throws Exception {
        try (Reader in = reader(file); CSVParser csv = CSVFormat.DEFAULT.parse(in)) {
            Iterator<CSVRecord> records = csv.iterator();
            List<String> fields = records.next().toList();
            Deque<Future<?>> queued = new ArrayDeque<>();
            List<String[]> batch = new ArrayList<>(BATCH_ROWS);
            long rows = 0;
            while (records.hasNext()) {
                batch.add(records.next().values());
                rows++;
                if (batch.size() == BATCH_ROWS) {
                    queued.add(submit(fields, batch));
                    batch = new ArrayList<>(BATCH_ROWS);
                    if (queued.size() > workers * 4) {
                        queued.remove().get();
                    }
                }
            }
            if (!batch.isEmpty()) {
                queued.add(submit(fields, batch));
            }
            for (Future<?> sent : queued) {
                sent.get();
            }
            return rows;
        }
    }

    /** The file as UTF-8 text, past its byte order mark if it starts with one. */
    private static Reader reader(Path file) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        return in;
    }

    /** Hands the batch to a worker, which writes its body and posts it. */
    private Future<?> submit(List<String> fields, List<String[]> batch) {
        return pool.submit(() -> {
            post(body(fields, batch));
            return null;
        });
    }

    /** The request body, written out with a JsonGenerator: {"field_name": [...], "values": [[...], ...]}. */
    private static byte[] body(List<String> fields, List<String[]> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("field_name");
            for (String field : fields) {
                json.writeString(field);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("values");
            for (String[] row : rows) {
                json.writeArray(row, 0, row.length);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Posts the body; anything but 200 fails the run. A keep-alive connection the JDK 17 client's
     * pool closed under the request ("header parser received no bytes") is tried once more, on a
     * new connection, as a client does with a stale connection; should the Stub have taken the
     * first try, peer.sh reports the rows it received twice as a MISMATCH.
     */
    private void post(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer perfkey")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofByteArray(body))
            .build();
        int status;
        try {
            status = http.send(request, BodyHandlers.discarding()).statusCode();
        } catch (IOException staleConnection) {
            status = http.send(request, BodyHandlers.discarding()).statusCode();
        }
        if (status != 200) {
            throw new IllegalStateException("the Stub answered " + status);
        }
    }

    /** This process's CPU so far, all threads, user and system. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

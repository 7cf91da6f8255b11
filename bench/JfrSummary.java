import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in JFR recordings: java bench/JfrSummary.java RECORDING.jfr[@FROM_MS-TO_MS] ...
 *
 * Reads the execution samples (jdk.ExecutionSample: a thread running Java code) and prints, per
 * area of code (Camel, Jackson, HttpClient, commons-csv, the project, the JDK), the share of
 * samples with a frame of that area anywhere on the stack (inclusive) and on top (self); the
 * methods most often on top, also with their nearest caller outside the JDK; samples per thread
 * group; and the garbage collections' pauses (jdk.GarbageCollection). FROM_MS-TO_MS (milliseconds
 * since the epoch) keeps only a recording's events that started in that time, such as the
 * delivery of one file without the start-up. Several recordings are summed.
 */
public class JfrSummary {

    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("dropbridge.", "project (dropbridge)");
        AREAS.put("org.apache.camel.", "Camel");
        AREAS.put("com.fasterxml.jackson.", "Jackson");
        AREAS.put("org.apache.hc.", "HttpClient 5");
        AREAS.put("org.apache.commons.csv.", "commons-csv");
        AREAS.put("io.vertx.", "Vert.x / Netty");
        AREAS.put("io.netty.", "Vert.x / Netty");
        AREAS.put("io.quarkus.", "Quarkus");
        AREAS.put("io.smallrye.", "Quarkus");
        AREAS.put("org.jboss.", "Quarkus");
        AREAS.put("io.micrometer.", "Micrometer");
        AREAS.put("java.", "JDK");
        AREAS.put("javax.", "JDK");
        AREAS.put("jdk.", "JDK");
        AREAS.put("sun.", "JDK");
    }

    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> topMethods = new HashMap<>();
    private final Map<String, Integer> callers = new HashMap<>();
    private final Map<String, Integer> threads = new HashMap<>();
    private final Map<String, Duration> pausesByCollector = new HashMap<>();
    private int samples;
    private int collections;
    private Duration pauses = Duration.ZERO;
    private Duration longest = Duration.ZERO;

    public static void main(String[] args) throws Exception {
        JfrSummary summary = new JfrSummary();
        for (String arg : args) {
            String[] recording = arg.split("@");
            Instant from = Instant.MIN;
            Instant to = Instant.MAX;
            if (recording.length > 1) {
                String[] window = recording[1].split("-");
                from = Instant.ofEpochMilli(Long.parseLong(window[0]));
                to = Instant.ofEpochMilli(Long.parseLong(window[1]));
            }
            for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(recording[0]))) {
                if (!event.getStartTime().isBefore(from) && !event.getStartTime().isAfter(to)) {
                    summary.add(event);
                }
            }
        }
        summary.print();
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        if (type.equals("jdk.GarbageCollection")) {
            Duration pause = event.getDuration("sumOfPauses");
            collections++;
            pauses = pauses.plus(pause);
            pausesByCollector.merge(event.getString("name"), pause, Duration::plus);
            if (pause.compareTo(longest) > 0) {
                longest = pause;
            }
        } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null
                && !event.getStackTrace().getFrames().isEmpty()) {
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            samples++;
            RecordedThread thread = event.getThread("sampledThread");
            threads.merge(thread == null || thread.getJavaName() == null ? "?" : threadGroup(thread.getJavaName()), 1, Integer::sum);
            RecordedFrame top = frames.get(0);
            self.merge(area(top), 1, Integer::sum);
            topMethods.merge(method(top), 1, Integer::sum);
            callers.merge(method(top) + "  <-  " + caller(frames), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(area(frame))) {
                    inclusive.merge(area(frame), 1, Integer::sum);
                }
            }
        }
    }

    private void print() {
        System.out.printf("execution samples: %d (a stack deeper than the recording's stackdepth is cut:"
                + " the inclusive share of outer code is then a floor)%n", samples);
        System.out.println("\narea                   inclusive   self");
        for (String area : new LinkedHashSet<>(AREAS.values())) {
            printArea(area);
        }
        printArea("other");
        System.out.println("\nmethods most often on top:");
        printTop(topMethods, 15);
        System.out.println("\nthe same, with the nearest caller outside the JDK:");
        printTop(callers, 15);
        System.out.println("\nsamples by thread:");
        printTop(threads, 10);
        System.out.printf("%ngarbage collections: %d, pauses %d ms in all, longest %d ms%n", collections, pauses.toMillis(),
                longest.toMillis());
        pausesByCollector.forEach((name, d) -> System.out.printf("  %s: %d ms%n", name, d.toMillis()));
    }

    private void printArea(String area) {
        int in = inclusive.getOrDefault(area, 0);
        if (in > 0) {
            System.out.printf("%-22s %7.1f%% %6.1f%%%n", area, 100.0 * in / samples, 100.0 * self.getOrDefault(area, 0) / samples);
        }
    }

    private void printTop(Map<String, Integer> counts, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    private static String area(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        for (Map.Entry<String, String> area : AREAS.entrySet()) {
            if (type.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return "other";
    }

    /** The first frame outside the JDK: whose code the sample was spent for. */
    private static String caller(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (!area(frame).equals("JDK")) {
                return method(frame);
            }
        }
        return "(JDK only)";
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Thread names without their numbers: "Camel (camel-1) thread #12 - senders" is one group. */
    private static String threadGroup(String name) {
        return name.replaceAll("#?\\d+", "#");
    }
}

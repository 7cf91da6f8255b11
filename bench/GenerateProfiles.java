import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes Ptengine profiles: java GenerateProfiles.java ROWS FILE [HEADER]. A FILE named *.json is
 * a JSON array of objects, one per line; any other is a CSV whose header is HEADER (by default
 * the attribute names Ptengine takes, a comma-separated list of six names otherwise).
 */
public class GenerateProfiles {

    private static final String ATTRIBUTES = "user_id,plan,city,score,signed_up,note";

    public static void main(String[] args) throws IOException {
        long rows = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        boolean json = file.toString().endsWith(".json");
        String[] names = ATTRIBUTES.split(",");
        String[] plans = {"free", "gold", "silver", "bronze"};
        String[] cities = {"Paris", "上海", "Berlin", "東京", "São Paulo"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(json ? "[\n" : (args.length > 2 ? args[2] : ATTRIBUTES) + "\n");
            for (long i = 1; i <= rows; i++) {
                String[] values = {"user-" + i, plans[(int) (i % plans.length)], cities[(int) (i % cities.length)],
                    Long.toString(i * 7919 % 1000), "2026-0" + (1 + i % 9) + "-1" + (i % 10), "row " + i + ", quoted"};
                if (json) {
                    out.write("{");
                    for (int c = 0; c < names.length; c++) {
                        out.write((c > 0 ? "," : "") + "\"" + names[c] + "\":\"" + values[c] + "\"");
                    }
                    out.write(i < rows ? "},\n" : "}\n");
                } else {
                    out.write(String.join(",", values[0], values[1], values[2], values[3], values[4], "\"" + values[5] + "\"") + "\n");
                }
            }
            if (json) {
                out.write("]\n");
            }
        }
    }
}

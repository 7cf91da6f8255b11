import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a Ptengine profile CSV: java GenerateProfiles.java ROWS FILE */
public class GenerateProfiles {

    public static void main(String[] args) throws IOException {
        long rows = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        String[] plans = {"free", "gold", "silver", "bronze"};
        String[] cities = {"Paris", "上海", "Berlin", "東京", "São Paulo"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("user_id,plan,city,score,signed_up,note\n");
            for (long i = 1; i <= rows; i++) {
                out.write("user-" + i + "," + plans[(int) (i % plans.length)] + "," + cities[(int) (i % cities.length)]
                        + "," + (i * 7919 % 1000) + ",2026-0" + (1 + i % 9) + "-1" + (i % 10)
                        + ",\"row " + i + ", quoted\"\n");
            }
        }
    }
}

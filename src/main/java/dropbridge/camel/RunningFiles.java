package dropbridge.camel;

import dropbridge.checkpoint.RunCheckpoint;
import dropbridge.delivery.FileRun;
import dropbridge.delivery.RunProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The files being delivered now, each with the report sink its drop named, and their gauges per
 * pipeline in {@code /q/metrics} (labelled by pipeline only, so the series stay few whatever the
 * files): {@code dropbridge_files_in_progress}, {@code dropbridge_files_in_progress_records_read}
 * and {@code dropbridge_files_in_progress_oldest_seconds}.
 */
@Singleton
public class RunningFiles {

    /**
     * A file being delivered; {@code reportSink} is null when its drop names none (a test route),
     * {@code checkpoint} when its drop keeps none.
     */
    record Running(FileRun<?> run, String reportSink, String sinkPrefix, RunCheckpoint checkpoint) {
    }

    private final Map<FileRun<?>, Running> runs = new ConcurrentHashMap<>();

    RunningFiles(Pipelines pipelines, MeterRegistry metrics) {
        for (String pipeline : pipelines.names()) {
            gauge(metrics, "dropbridge.files.in.progress", pipeline, progress -> progress.size());
            gauge(metrics, "dropbridge.files.in.progress.records.read", pipeline,
                    progress -> progress.stream().mapToLong(RunProgress::read).sum());
            gauge(metrics, "dropbridge.files.in.progress.oldest.seconds", pipeline,
                    progress -> progress.stream().mapToLong(p -> Duration.between(p.startedAt(), Instant.now()).toSeconds()).max().orElse(0));
        }
    }

    void add(FileRun<?> run, String reportSink, String sinkPrefix, RunCheckpoint checkpoint) {
        runs.put(run, new Running(run, reportSink, sinkPrefix, checkpoint));
    }

    void remove(FileRun<?> run) {
        runs.remove(run);
    }

    Collection<Running> all() {
        return List.copyOf(runs.values());
    }

    private void gauge(MeterRegistry metrics, String name, String pipeline, ToDoubleFunction<List<RunProgress>> value) {
        Gauge.builder(name, this, files -> value.applyAsDouble(files.progress(pipeline)))
                .tag("pipeline", pipeline)
                .register(metrics);
    }

    private List<RunProgress> progress(String pipeline) {
        return runs.keySet().stream().filter(run -> run.contract().pipeline().equals(pipeline)).map(FileRun::progress).toList();
    }
}

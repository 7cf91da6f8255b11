package dropbridge.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the lines (INFO and above), the WARN and ERROR lines, and the lines with a stack trace,
 * that the application's loggers write while it is open (not the test SFTP servers').
 */
public final class LogCount extends Handler implements AutoCloseable {

    /** The loggers of the test's own SFTP servers, whose refused clients they log as broken pipes. */
    private static final String TEST_SERVERS = "org.apache.sshd";

    private final List<String> lines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> thrown = new ArrayList<>();

    private LogCount() {
    }

    public static LogCount start() {
        LogCount count = new LogCount();
        Logger.getLogger("").addHandler(count);
        return count;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue() && !String.valueOf(record.getLoggerName()).startsWith(TEST_SERVERS)) {
            lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage());
        }
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && !String.valueOf(record.getLoggerName()).startsWith(TEST_SERVERS)) {
            warnings.add(record.getLoggerName() + ": " + record.getMessage());
        }
        if (record.getThrown() != null && !String.valueOf(record.getLoggerName()).startsWith(TEST_SERVERS)) {
            thrown.add(record.getLoggerName() + ": " + record.getThrown());
        }
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The lines logged with an exception attached (a stack trace), whatever their level. */
    synchronized List<String> thrown() {
        return List.copyOf(thrown);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}

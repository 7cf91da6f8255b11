package dropbridge.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the WARN and ERROR lines, and the lines with a stack trace, that the application logs while it is open. */
final class LogCount extends Handler implements AutoCloseable {

    private final List<String> warnings = new ArrayList<>();
    private final List<String> thrown = new ArrayList<>();

    private LogCount() {
    }

    static LogCount start() {
        LogCount count = new LogCount();
        Logger.getLogger("").addHandler(count);
        return count;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getLoggerName() + ": " + record.getMessage());
        }
        if (record.getThrown() != null) {
            thrown.add(record.getLoggerName() + ": " + record.getThrown());
        }
    }

    synchronized List<String> warnings() {
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

package dropbridge.camel;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Camel Quarkus logs every failed start with its stack trace before Quarkus ends the process; for
 * route files that were rejected that record says nothing the problems' own lines did not.
 */
@LoggingFilter(name = "route-files-rejected")
public final class RouteFilesRejectedLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(record.getThrown() instanceof RouteFilesRejected);
    }
}

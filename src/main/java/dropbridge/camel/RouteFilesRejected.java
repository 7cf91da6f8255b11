package dropbridge.camel;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Start-up stops because the route files have problems, each already logged on its own line.
 * Quarkus prints a configuration exception's message alone, without its stack trace.
 */
class RouteFilesRejected extends ConfigurationException {

    RouteFilesRejected(int problems) {
        super("start-up stopped: the route files have " + problems + (problems == 1 ? " problem" : " problems") + ", logged above");
    }
}

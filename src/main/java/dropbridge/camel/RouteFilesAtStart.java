package dropbridge.camel;

import dropbridge.mapping.Mappings;
import dropbridge.routes.RouteFilesCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.apache.camel.spi.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checks the route files before Camel loads them: the files Camel's routes collector finds for the
 * same include and exclude patterns (read from the configuration, as Camel's main takes them over
 * only after this event). A mistake stops start-up before any drop polls, with one ERROR line per
 * problem.
 */
@ApplicationScoped
class RouteFilesAtStart {

    private static final Logger LOG = Logger.getLogger(RouteFilesAtStart.class);

    void check(@Observes BeforeConfigure beforeRoutes, Mappings mappings,
            @ConfigProperty(name = "camel.main.routes-include-pattern") String includePattern,
            @ConfigProperty(name = "camel.main.routes-exclude-pattern") Optional<String> excludePattern) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Resource resource : beforeRoutes.getMain().getRoutesCollector()
                .findRouteResourcesFromDirectory(beforeRoutes.getCamelContext(), excludePattern.orElse(null), includePattern)) {
            files.put(resource.getLocation(), text(resource));
        }
        List<String> problems = RouteFilesCheck.check(files, mappings);
        if (!problems.isEmpty()) {
            problems.forEach(LOG::error);
            throw new RouteFilesRejected(problems.size());
        }
    }

    private static String text(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

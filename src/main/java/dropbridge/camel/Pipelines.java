package dropbridge.camel;

import dropbridge.delivery.ApiContract;
import dropbridge.delivery.InFlightLimit;
import dropbridge.routes.RouteFilesCheck;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterConfigure;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.jboss.logging.Logger;

/**
 * The pipelines the application knows: every {@link ApiContract} bean, found by CDI under its
 * pipeline's name, with the places in flight its files share. Once the routes are loaded and
 * before any drop starts, the credentials of each pipeline that a drop feeds are required; a
 * pipeline no drop uses needs none.
 */
@Singleton
public class Pipelines {

    private static final Logger LOG = Logger.getLogger(Pipelines.class);

    private final Map<String, ApiContract<?>> contracts = new HashMap<>();
    private final Map<String, InFlightLimit> inFlight = new HashMap<>();

    Pipelines(@Any Instance<ApiContract<?>> found) {
        for (ApiContract<?> contract : found) {
            contracts.put(contract.pipeline(), contract);
            inFlight.put(contract.pipeline(), new InFlightLimit(contract.pipeline(), contract.inFlight()));
        }
    }

    Set<String> names() {
        return new TreeSet<>(contracts.keySet());
    }

    ApiContract<?> contract(String pipeline) {
        ApiContract<?> contract = contracts.get(pipeline);
        if (contract == null) {
            throw new IllegalArgumentException("no pipeline named " + pipeline + "; known: " + new TreeSet<>(contracts.keySet()));
        }
        return contract;
    }

    InFlightLimit inFlight(String pipeline) {
        contract(pipeline);
        return inFlight.get(pipeline);
    }

    /** The drops among the loaded routes: each drop's route id and the pipeline it feeds. */
    Map<String, String> drops(CamelContext camel) {
        Map<String, String> drops = new TreeMap<>();
        for (RouteDefinition route : camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (parameters != null && parameters.get(RouteFilesCheck.PIPELINE_PARAMETER) != null && !contracts.containsKey(route.getId())) {
                drops.put(route.getId(), parameters.get(RouteFilesCheck.PIPELINE_PARAMETER).toString());
            }
        }
        return drops;
    }

    void requireCredentialsOfFedPipelines(@Observes AfterConfigure routesLoaded, CamelContext camel) {
        Set<String> fed = new TreeSet<>(drops(camel).values());
        fed.forEach(pipeline -> contract(pipeline).requireCredentials());
        LOG.infof("pipelines fed by a drop: %s", fed.isEmpty() ? "none" : String.join(", ", fed));
    }
}

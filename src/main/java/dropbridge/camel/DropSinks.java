package dropbridge.camel;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Where a drop's outcomes go, read from the drop's route as its template made it: the value of a
 * parameter such as {@code successSink} (its default is the drop's {@code sink}), with its
 * placeholders resolved as Camel resolved them when it created the route. Outcomes that wait for
 * a sink name the parameter, not the URI, which may hold a password.
 */
@Singleton
public class DropSinks {

    private final CamelContext camel;

    DropSinks(CamelContext camel) {
        this.camel = camel;
    }

    /** The sink URI the drop's route names in the parameter; an error when the drop or the parameter is gone. */
    public String uri(String dropRoute, String parameter) {
        RouteDefinition route = camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition(dropRoute);
        Map<String, Object> parameters = route == null ? null : route.getTemplateParameters();
        if (parameters == null || parameters.get(parameter) == null) {
            throw new IllegalStateException("the drop " + dropRoute + " is not in the routes any more, or names no " + parameter);
        }
        Properties local = new Properties();
        local.putAll(parameters);
        PropertiesComponent properties = camel.getPropertiesComponent();
        properties.setLocalProperties(local);
        try {
            return camel.resolvePropertyPlaceholders(parameters.get(parameter).toString());
        } finally {
            properties.setLocalProperties(null);
        }
    }
}

package dropbridge.camel;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.component.master.MasterConsumer;
import org.apache.camel.component.master.MasterEndpoint;

/**
 * Who leads the drops: every drop consumes through {@code master:<namespace>:<drop uri>}, and only
 * the replica that leads the namespace runs the drop's own consumer (the file, S3 or SFTP poller);
 * the others stand by. This reads the leadership from the drops' routes.
 */
@RegisterForReflection(targets = MasterConsumer.class, fields = true)
public final class Leadership {

    /** MasterConsumer keeps the consumer it runs while leading to itself; reading it is the only way to see its polls. */
    private static final Field DELEGATE = delegateField();

    private Leadership() {
    }

    /** The cluster namespace the drop's route consumes under, or empty when it is not behind {@code master:}. */
    static Optional<String> namespace(Route route) {
        return route.getEndpoint() instanceof MasterEndpoint master ? Optional.of(master.getNamespace()) : Optional.empty();
    }

    /**
     * Whether this replica runs the drop's consumer now: it leads the drop's namespace and has
     * started the consumer (or the drop is not clustered). Read without asking the cluster view,
     * which may be busy for seconds while it hands leadership over, so a health probe never waits.
     */
    static boolean leads(Route route) {
        return polling(route).isPresent();
    }

    /** The consumer that polls for the drop: its own, or behind {@code master:} the one running while this replica leads. */
    public static Optional<Consumer> polling(Route route) {
        if (!(route.getConsumer() instanceof MasterConsumer master)) {
            return Optional.ofNullable(route.getConsumer());
        }
        try {
            return Optional.ofNullable((Consumer) DELEGATE.get(master));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The id of the drop route a consumer polls for: a consumer behind {@code master:} is created
     * by the master consumer and does not know its route, which is found by its endpoint.
     */
    static Optional<String> routeId(Consumer consumer) {
        if (consumer instanceof RouteIdAware aware && aware.getRouteId() != null) {
            return Optional.of(aware.getRouteId());
        }
        return consumer.getEndpoint().getCamelContext().getRoutes().stream()
                .filter(route -> route.getEndpoint() instanceof MasterEndpoint master && master.getEndpoint() == consumer.getEndpoint())
                .map(Route::getRouteId)
                .findFirst();
    }

    /** Each namespace of the drops and whether this replica leads it. */
    static Map<String, Boolean> namespaces(CamelContext camel, Iterable<String> dropRouteIds) {
        Map<String, Boolean> namespaces = new TreeMap<>();
        for (String routeId : dropRouteIds) {
            Route route = camel.getRoute(routeId);
            if (route != null) {
                namespace(route).ifPresent(namespace -> namespaces.merge(namespace, leads(route), Boolean::logicalOr));
            }
        }
        return namespaces;
    }

    private static Field delegateField() {
        try {
            Field field = MasterConsumer.class.getDeclaredField("delegatedConsumer");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("camel-master changed: MasterConsumer has no delegatedConsumer", e);
        }
    }
}

package dropbridge.camel;

import dropbridge.delivery.FileFailedException;
import dropbridge.delivery.RequestPacer;
import dropbridge.delivery.RetryableApiException;
import dropbridge.engagelab.EngageLabProfileQuery;
import dropbridge.rabbitpre.TokenProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The plain classes the YAML routes name (exception types, bean methods called by name), kept
 * for reflection in a native image; the Camel step beans carry their own registration.
 */
@RegisterForReflection(targets = {RetryableApiException.class, FileFailedException.class, RequestPacer.class,
        EngageLabProfileQuery.class, TokenProvider.class})
final class NamedInRoutes {

    private NamedInRoutes() {
    }
}

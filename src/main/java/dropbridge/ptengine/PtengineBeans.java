package dropbridge.ptengine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The Ptengine contract as the bean {@code ptengine-profiles}, built from {@code dropbridge.ptengine.*}. */
@ApplicationScoped
class PtengineBeans {

    @Produces
    @Singleton
    @Named(PtengineProfiles.PIPELINE)
    PtengineProfiles contract(PtengineSettings settings) {
        return new PtengineProfiles(settings.url(), settings.apiKey().orElse(null), settings.batchSize(), settings.inFlight());
    }
}

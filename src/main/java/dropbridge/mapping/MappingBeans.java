package dropbridge.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The drops' mapping files, from the folders of {@code dropbridge.mappings-dirs}. */
@ApplicationScoped
class MappingBeans {

    @Produces
    @Singleton
    Mappings mappings(@ConfigProperty(name = "dropbridge.mappings-dirs") List<Path> folders) {
        return new Mappings(folders);
    }
}

package dropbridge.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The mapping files drops name ({@code mapping: <name>}): {@code <name>.yaml} in the first of the
 * mapping folders that holds it. Each is read once and kept.
 */
public final class Mappings {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final List<Path> folders;
    private final Map<String, RecordMapping> loaded = new ConcurrentHashMap<>();

    public Mappings(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The mapping of that name; {@link RecordMapping#NONE} for a drop that names none (null or blank). */
    public RecordMapping named(String name) throws MappingException {
        if (name == null || name.isBlank()) {
            return RecordMapping.NONE;
        }
        RecordMapping mapping = loaded.get(name);
        if (mapping == null) {
            mapping = load(name);
            loaded.put(name, mapping);
        }
        return mapping;
    }

    private RecordMapping load(String name) throws MappingException {
        if (!NAME.matcher(name).matches()) {
            throw new MappingException("mapping '" + name + "' is not a mapping name: letters, digits, '.', '_' and '-', the file name without .yaml");
        }
        Path file = file(name).orElseThrow(() -> new MappingException("mapping '" + name + "': there is no " + name + ".yaml in "
                + folders.stream().map(Path::toString).toList()));
        try {
            return MappingFile.parse(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Optional<Path> file(String name) {
        return folders.stream().map(folder -> folder.resolve(name + ".yaml")).filter(Files::isRegularFile).findFirst();
    }
}

package dropbridge.routes;

import dropbridge.mapping.MappingException;
import dropbridge.mapping.Mappings;
import dropbridge.record.ReadOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks a set of YAML route files the way a team edits them: every {@code templatedRoute} names
 * a template that exists, gives only parameters the template declares and every one it requires,
 * feeds a pipeline that exists, and names a mapping file that exists and holds a mapping, an
 * encoding and a delimiter that can be read with; route ids are unique. Each problem names its file, route and
 * parameter. Camel itself would accept an unknown parameter silently; the application runs this
 * check before Camel loads the files, and a problem stops start-up.
 */
public final class RouteFilesCheck {

    /** The template every pipeline is an instance of; its instances' route ids are the pipelines. */
    static final String PIPELINE_TEMPLATE = "pipeline";
    /** The drop kinds' template parameter that names the pipeline a drop feeds. */
    public static final String PIPELINE_PARAMETER = "pipeline";
    /** The drop kinds' template parameter that marks a drop check-only: true or false. */
    static final String CHECK_ONLY_PARAMETER = "checkOnly";
    private static final String MAPPING_PARAMETER = "mapping";
    private static final String ENCODING_PARAMETER = "encoding";
    private static final String DELIMITER_PARAMETER = "delimiter";

    private record Template(String file, Map<String, Boolean> requiredByName) {
    }

    private record Instance(String file, String routeId, String template, Map<String, String> parameters) {

        String where() {
            return file + ": templatedRoute '" + routeId + "'";
        }
    }

    private final Map<String, Template> templates = new HashMap<>();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, String> routeIds = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Mappings mappings;

    private RouteFilesCheck(Mappings mappings) {
        this.mappings = mappings;
    }

    /**
     * @param files    each file's name (for messages) and its YAML text
     * @param mappings the mapping files the drops may name
     * @return the problems found, each one line; empty when the files hold together
     */
    public static List<String> check(Map<String, String> files, Mappings mappings) {
        RouteFilesCheck check = new RouteFilesCheck(mappings);
        files.forEach(check::read);
        check.instances.forEach(check::checkInstance);
        return List.copyOf(check.problems);
    }

    private void read(String file, String yaml) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(yaml);
        } catch (RuntimeException notYaml) {
            problems.add(file + ": not valid YAML: " + notYaml.getMessage().lines().findFirst().orElse(""));
            return;
        }
        if (document == null) {
            return;
        }
        if (!(document instanceof List<?> items)) {
            problems.add(file + ": a route file is a YAML list of routes, templates and templated routes");
            return;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> entry) {
                readEntry(file, entry);
            }
        }
    }

    private void readEntry(String file, Map<?, ?> entry) {
        if (entry.get("routeTemplate") instanceof Map<?, ?> template) {
            Map<String, Boolean> parameters = new LinkedHashMap<>();
            for (Map<?, ?> parameter : maps(template.get("parameters"))) {
                parameters.put(String.valueOf(parameter.get("name")), !parameter.containsKey("defaultValue"));
            }
            templates.put(String.valueOf(template.get("id")), new Template(file, parameters));
        } else if (entry.get("templatedRoute") instanceof Map<?, ?> templated) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Map<?, ?> parameter : maps(templated.get("parameters"))) {
                parameters.put(String.valueOf(parameter.get("name")), String.valueOf(parameter.get("value")));
            }
            String routeId = String.valueOf(templated.get("routeId"));
            unique(file, routeId);
            instances.add(new Instance(file, routeId, String.valueOf(templated.get("routeTemplateRef")), parameters));
        } else if (entry.get("route") instanceof Map<?, ?> route && route.get("id") != null) {
            unique(file, String.valueOf(route.get("id")));
        }
    }

    private void unique(String file, String routeId) {
        String earlier = routeIds.putIfAbsent(routeId, file);
        if (earlier != null) {
            problems.add(file + ": route id '" + routeId + "' is already used in " + earlier);
        }
    }

    /** Every check of one templated route: a further check of an instance is called from here. */
    private void checkInstance(Instance instance) {
        Template template = templates.get(instance.template());
        if (template == null) {
            problems.add(instance.where() + ": unknown routeTemplateRef '" + instance.template() + "' (known: "
                    + new TreeSet<>(templates.keySet()) + ")");
            return;
        }
        checkParameterNames(instance, template);
        checkCheckOnly(instance);
        checkPipeline(instance);
        checkMapping(instance);
        checkReadOptions(instance);
    }

    private void checkParameterNames(Instance instance, Template template) {
        for (String given : instance.parameters().keySet()) {
            if (!template.requiredByName().containsKey(given)) {
                problems.add(instance.where() + ": unknown parameter '" + given + "'; template '" + instance.template() + "' ("
                        + template.file() + ") takes " + template.requiredByName().keySet());
            }
        }
        template.requiredByName().forEach((name, required) -> {
            if (required && !instance.parameters().containsKey(name)) {
                problems.add(instance.where() + ": missing parameter '" + name + "', which template '" + instance.template() + "' requires");
            }
        });
    }

    private void checkCheckOnly(Instance instance) {
        String checkOnly = instance.parameters().get(CHECK_ONLY_PARAMETER);
        if (checkOnly != null && !checkOnly.equals("true") && !checkOnly.equals("false")) {
            problems.add(instance.where() + ": parameter 'checkOnly' is '" + checkOnly + "'; it takes true or false");
        }
    }

    private void checkPipeline(Instance instance) {
        String pipeline = instance.parameters().get(PIPELINE_PARAMETER);
        if (pipeline != null && !instance.template().equals(PIPELINE_TEMPLATE) && !pipelines().contains(pipeline)) {
            problems.add(instance.where() + ": parameter 'pipeline' names '" + pipeline + "', which is no pipeline (known: " + pipelines() + ")");
        }
    }

    private void checkMapping(Instance instance) {
        String mapping = given(instance, MAPPING_PARAMETER);
        if (mapping == null) {
            return;
        }
        try {
            mappings.named(mapping);
        } catch (MappingException e) {
            problems.add(instance.where() + ": parameter 'mapping': " + e.getMessage());
        }
    }

    private void checkReadOptions(Instance instance) {
        try {
            ReadOptions.of(given(instance, ENCODING_PARAMETER), given(instance, DELIMITER_PARAMETER), 1);
        } catch (IllegalArgumentException e) {
            problems.add(instance.where() + ": " + e.getMessage());
        }
    }

    /** The parameter's value as written; null when it is not given or is a placeholder resolved only when the route starts. */
    private static String given(Instance instance, String parameter) {
        String value = instance.parameters().get(parameter);
        return value == null || value.contains("{{") ? null : value;
    }

    private Set<String> pipelines() {
        Set<String> names = new TreeSet<>();
        instances.stream().filter(i -> i.template().equals(PIPELINE_TEMPLATE)).forEach(i -> names.add(i.routeId()));
        return names;
    }

    private static List<Map<?, ?>> maps(Object list) {
        List<Map<?, ?>> maps = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> map) {
                    maps.add(map);
                }
            }
        }
        return maps;
    }
}

package dropbridge.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a mapping file ({@code routes/mappings/<name>.yaml}) strictly: an unknown key, a value of
 * the wrong kind or a skip rule without exactly one condition is a {@link MappingException} that
 * names the file and the key, so that a typo stops start-up instead of being ignored.
 */
public final class MappingFile {

    private static final Set<String> KEYS = Set.of("fields", "constants", "emptyValues", "keepOtherColumns", "skip");
    private static final Set<String> RULE_KEYS = Set.of("column", "equals", "in", "empty", "matches", "reason");
    private static final Set<String> CONDITIONS = Set.of("equals", "in", "empty", "matches");

    private final String file;

    private MappingFile(String file) {
        this.file = file;
    }

    /**
     * @param name the mapping's name, as drops give it
     * @param file the file's name, for messages
     */
    public static RecordMapping parse(String name, String file, String yaml) throws MappingException {
        return new MappingFile(file).parse(name, yaml);
    }

    private RecordMapping parse(String name, String yaml) throws MappingException {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(yaml);
        } catch (RuntimeException notYaml) {
            throw problem("not valid YAML: " + notYaml.getMessage().lines().findFirst().orElse(""));
        }
        if (!(document instanceof Map<?, ?> mapping)) {
            throw problem("a mapping is a YAML map with the keys " + sorted(KEYS));
        }
        unknownKeys(mapping, KEYS, "a mapping");
        Map<String, String> fields = texts(mapping.get("fields"), "fields");
        if (fields.isEmpty() && !Boolean.TRUE.equals(mapping.get("keepOtherColumns"))) {
            throw problem("'fields' names no field: list the pipeline's input names and the columns they are read from, "
                    + "or set keepOtherColumns: true");
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue().isEmpty()) {
                throw problem("fields: '" + field.getKey() + "' names no column");
            }
        }
        Map<String, String> constants = texts(mapping.get("constants"), "constants");
        for (String constant : constants.keySet()) {
            if (fields.containsKey(constant)) {
                throw problem("'" + constant + "' is both under fields and under constants");
            }
        }
        return new RecordMapping(name, fields, constants, omitEmpty(mapping.get("emptyValues")), flag(mapping.get("keepOtherColumns")),
                rules(mapping.get("skip")));
    }

    private boolean omitEmpty(Object value) throws MappingException {
        if (value == null || "omit".equals(value)) {
            return true;
        }
        if ("send".equals(value)) {
            return false;
        }
        throw problem("emptyValues is '" + value + "'; it takes omit (an empty value is not sent) or send (sent as \"\")");
    }

    private boolean flag(Object value) throws MappingException {
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw problem("keepOtherColumns is '" + value + "'; it takes true or false");
    }

    private List<SkipRule> rules(Object value) throws MappingException {
        List<SkipRule> rules = new ArrayList<>();
        if (value == null) {
            return rules;
        }
        if (!(value instanceof List<?> items)) {
            throw problem("'skip' is a list of rules, each with column, one of " + sorted(CONDITIONS) + ", and reason");
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> rule)) {
                throw problem("skip: each rule is a map with column, one of " + sorted(CONDITIONS) + ", and reason");
            }
            rules.add(rule(rule));
        }
        return rules;
    }

    private SkipRule rule(Map<?, ?> rule) throws MappingException {
        unknownKeys(rule, RULE_KEYS, "a skip rule");
        if (!(rule.get("column") instanceof String column) || column.isEmpty()) {
            throw problem("skip: a rule names no column");
        }
        List<String> conditions = rule.keySet().stream().map(String::valueOf).filter(CONDITIONS::contains).toList();
        if (conditions.size() != 1) {
            throw problem("skip: the rule on column '" + column + "' needs exactly one of " + sorted(CONDITIONS) + ", not "
                    + (conditions.isEmpty() ? "none" : conditions));
        }
        String reason = rule.get("reason") == null ? null : scalar(rule.get("reason"), "skip: reason");
        String where = "skip: the rule on column '" + column + "': ";
        return switch (conditions.get(0)) {
            case "equals" -> SkipRule.equalTo(column, scalar(rule.get("equals"), where + "equals"), reason);
            case "in" -> SkipRule.in(column, list(rule.get("in"), where + "in"), reason);
            case "empty" -> {
                if (!Boolean.TRUE.equals(rule.get("empty"))) {
                    throw problem(where + "empty takes true");
                }
                yield SkipRule.empty(column, reason);
            }
            default -> SkipRule.matching(column, pattern(scalar(rule.get("matches"), where + "matches"), where), reason);
        };
    }

    private Pattern pattern(String regex, String where) throws MappingException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw problem(where + "matches is not a valid regular expression: " + e.getDescription());
        }
    }

    private List<String> list(Object value, String key) throws MappingException {
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            throw problem(key + " takes a list of values, such as [free, trial]");
        }
        List<String> values = new ArrayList<>();
        for (Object item : items) {
            values.add(scalar(item, key));
        }
        return values;
    }

    private Map<String, String> texts(Object value, String key) throws MappingException {
        Map<String, String> texts = new LinkedHashMap<>();
        if (value == null) {
            return texts;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw problem("'" + key + "' is a map of names to values");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            texts.put(String.valueOf(entry.getKey()), scalar(entry.getValue(), key + ": " + entry.getKey()));
        }
        return texts;
    }

    /** A YAML scalar as text: {@code equals: 1} and {@code equals: "1"} mean the same. */
    private String scalar(Object value, String key) throws MappingException {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw problem(key + " takes a single value" + (value == null ? ", and has none" : ""));
    }

    private void unknownKeys(Map<?, ?> map, Set<String> known, String what) throws MappingException {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw problem("unknown key '" + key + "'; " + what + " takes " + sorted(known));
            }
        }
    }

    private MappingException problem(String problem) {
        return new MappingException(file + ": " + problem);
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}

package dev.slipway.bootstrap.configuration;

import dev.slipway.bootstrap.configuration.ConfigurationProblem.Problem;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.ResolvableType;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads why Spring Boot could not bind {@code slipway.yml} (an unknown key, a value of the wrong kind, a file that is
 * not YAML) and says it as a {@link ConfigurationProblem}: the key path, its line, and what is allowed there.
 */
public final class BindingFailures {

    private static final String ROOT = "slipway";

    private BindingFailures() {
    }

    /** The configuration problem behind a start-up failure, or empty when the failure has another cause. */
    public static Optional<ConfigurationProblem> explain(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable cause : chain) {
            if (cause instanceof ConfigurationProblem problem) return Optional.of(problem);
        }
        for (Throwable cause : chain) {
            if (cause instanceof UnboundConfigurationPropertiesException unbound) return Optional.of(unknownKeys(unbound));
        }
        BindException deepest = null;
        for (Throwable cause : chain) {
            if (cause instanceof BindException bind) deepest = bind;
        }
        if (deepest != null) return Optional.of(badValue(deepest));
        for (Throwable cause : chain) {
            if (cause instanceof MarkedYAMLException yaml) {
                String line = yaml.getProblemMark() == null ? "" : " (line %d, column %d)".formatted(yaml.getProblemMark().getLine() + 1,
                        yaml.getProblemMark().getColumn() + 1);
                return Optional.of(new ConfigurationProblem("the file" + line, "is not valid YAML: %s%s".formatted(
                        yaml.getContext() == null ? "" : yaml.getContext() + ", ", yaml.getProblem())));
            }
            if (cause instanceof YAMLException yaml) {
                return Optional.of(new ConfigurationProblem("the file", "is not valid YAML: " + firstLine(yaml.getMessage())));
            }
        }
        return Optional.empty();
    }

    private static ConfigurationProblem unknownKeys(UnboundConfigurationPropertiesException unbound) {
        Set<String> seen = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (ConfigurationProperty property : unbound.getUnboundProperties()) {
            Unknown unknown = firstUnknown(property.getName());
            if (seen.add(unknown.key())) {
                problems.add(new Problem(unknown.key() + where(property.getOrigin()),
                        "is not a known key; allowed under %s: %s".formatted(unknown.parent(), String.join(", ", unknown.allowed()))));
            }
        }
        return new ConfigurationProblem(problems);
    }

    private static ConfigurationProblem badValue(BindException bind) {
        ConfigurationProperty property = bind.getProperty();
        String key = bind.getName().toString();
        Object value = property == null ? null : property.getValue();
        String shown = value == null ? "the value" : "'%s'".formatted(value);
        String expected = expected(bind.getTarget().getType());
        return new ConfigurationProblem(key + where(property == null ? null : property.getOrigin()),
                "%s is not allowed here; %s".formatted(shown, expected));
    }

    /** What a value of this type looks like, in the words of the file. */
    private static String expected(ResolvableType type) {
        Class<?> raw = type.resolve(Object.class);
        if (raw.isEnum()) {
            List<String> names = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
            return "use " + (names.size() == 1 ? names.getFirst()
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast());
        }
        if (raw == Duration.class) return "expected a duration such as 500ms, 15s, 2m or 1h";
        if (raw == int.class || raw == Integer.class) return "expected a whole number";
        if (raw == boolean.class || raw == Boolean.class) return "expected true or false";
        if (List.class.isAssignableFrom(raw)) {
            return "expected a list such as [a, b]" + Optional.ofNullable(type.getGeneric(0).resolve())
                    .filter(Class::isEnum).map(e -> " whose items are " + expected(type.getGeneric(0)).substring(4)).orElse("");
        }
        if (Map.class.isAssignableFrom(raw)) return "expected a map of keys to values";
        if (raw.isRecord()) return "expected a map with the keys " + String.join(", ", keys(raw));
        return "expected text";
    }

    /** The first element of {@code name} that the file's structure does not know, with its parent and what it allows. */
    static Unknown firstUnknown(ConfigurationPropertyName name) {
        Class<?> type = SlipwayProperties.class;
        StringBuilder path = new StringBuilder(ROOT);
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
            Optional<RecordComponent> component = Arrays.stream(type.getRecordComponents())
                    .filter(c -> kebab(c.getName()).equals(element)).findFirst();
            if (component.isEmpty()) {
                return new Unknown(path + "." + element, path.toString(), keys(type));
            }
            path.append('.').append(element);
            ResolvableType next = ResolvableType.forType(component.get().getGenericType());
            if (Map.class.isAssignableFrom(next.resolve(Object.class))) {
                Class<?> value = next.getGeneric(1).resolve(Object.class);
                if (!value.isRecord() || i + 1 >= name.getNumberOfElements()) break;
                i++;
                path.append('.').append(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
                type = value;
            } else if (next.resolve(Object.class).isRecord()) {
                type = next.resolve(Object.class);
            } else {
                break;
            }
        }
        return new Unknown(name.toString(), path.toString(), keys(type));
    }

    record Unknown(String key, String parent, List<String> allowed) {}

    private static List<String> keys(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> kebab(c.getName())).toList();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String where(Origin origin) {
        for (Origin at = origin; at != null; at = at.getParent()) {
            if (at instanceof TextResourceOrigin text && text.getLocation() != null) {
                return " (line %d, column %d)".formatted(text.getLocation().getLine() + 1, text.getLocation().getColumn() + 1);
            }
        }
        return "";
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable at = failure; at != null && !chain.contains(at); at = at.getCause()) chain.add(at);
        return chain;
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("; "));
    }
}

package dev.slipway.domain.environment;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Where an environment's releases run: a target type ({@code local}, {@code ec2-ssm}, {@code ecs}) and its settings. */
public record TargetSpec(String type, Map<String, String> settings) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public TargetSpec {
        if (type == null || !TYPE.matcher(type).matches()) throw new IllegalArgumentException("target type '%s' is not a valid name".formatted(type));
        settings = settings == null ? Map.of() : Map.copyOf(new TreeMap<>(settings));
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    public String require(String key) {
        return setting(key).orElseThrow(() -> new IllegalArgumentException(
                "target '%s' needs the setting '%s'".formatted(type, key)));
    }
}

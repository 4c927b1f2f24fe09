package dev.slipway.domain.environment;

/**
 * Where a service's git repository lives: a working copy on this machine (its remote, if any, is its origin), and the
 * name it is hosted under ({@code owner/name} on GitHub), which webhooks use to find the service; may be empty.
 */
public record SourceRepository(String location, java.util.Optional<String> hostedAs) {

    public SourceRepository(String location) {
        this(location, java.util.Optional.empty());
    }

    public SourceRepository {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("a service needs a repository location");
        hostedAs = hostedAs == null ? java.util.Optional.empty() : hostedAs.map(String::strip).filter(h -> !h.isEmpty());
        hostedAs.ifPresent(h -> {
            if (!h.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("'%s' is not a hosted repository name: expected owner/name".formatted(h));
        });
    }

    /** Whether a webhook's repository ({@code owner/name}) is this one; GitHub names ignore case. */
    public boolean isHostedAs(String fullName) {
        return hostedAs.filter(h -> h.equalsIgnoreCase(fullName)).isPresent();
    }

    @Override
    public String toString() {
        return location;
    }
}

package dev.slipway.domain.environment;

/** Where a service's git repository lives: a working copy on this machine (its remote, if any, is its origin). */
public record SourceRepository(String location) {

    public SourceRepository {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("a service needs a repository location");
    }

    @Override
    public String toString() {
        return location;
    }
}

package dev.slipway.domain.release;

import java.util.List;
import java.util.Optional;

/** The commits a release brings since the environment's previous release ({@code since}), newest first. */
public record ReleaseNotes(Optional<String> since, List<Commit> commits) {

    public static final ReleaseNotes EMPTY = new ReleaseNotes(Optional.empty(), List.of());

    public ReleaseNotes {
        since = since == null ? Optional.empty() : since;
        commits = commits == null ? List.of() : List.copyOf(commits);
    }

    /** A one-line name for a deployment drawn from its commits: the newest subject, and how many more. */
    public String defaultName() {
        if (commits.isEmpty()) return "no new commits";
        String first = commits.getFirst().subject();
        return commits.size() == 1 ? first : "%s (+%d more)".formatted(first, commits.size() - 1);
    }
}

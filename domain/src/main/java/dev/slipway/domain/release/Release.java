package dev.slipway.domain.release;

import dev.slipway.domain.environment.Names;
import dev.slipway.domain.version.Version;

import java.util.Optional;

/**
 * A version of a service tied to one commit, named by its tag. {@code artifact} is what the target made of it
 * (an image digest, a bundle key, a release directory); empty until the artifact step has run.
 */
public record Release(String service, Version version, String tag, CommitId commit, Optional<String> artifact) {

    public Release {
        Names.require("service", service);
        if (version == null || tag == null || tag.isBlank() || commit == null) throw new IllegalArgumentException("a release needs a version, a tag and a commit");
        artifact = artifact == null ? Optional.empty() : artifact;
    }

    public static Release of(String service, Version version, String tag, CommitId commit) {
        return new Release(service, version, tag, commit, Optional.empty());
    }

    public Release withArtifact(String reference) {
        return new Release(service, version, tag, commit, Optional.of(reference));
    }

    public boolean sameAs(Release other) {
        return other != null && service.equals(other.service) && tag.equals(other.tag);
    }
}

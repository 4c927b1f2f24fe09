package dev.slipway.domain.environment;

import java.util.Optional;

/** Which branch an environment deploys from: an exact name ({@code dev}) or a prefix glob ({@code release/*}). */
public record BranchPolicy(String branch) {

    public BranchPolicy {
        if (branch == null || branch.isBlank() || branch.contains(" ") || branch.indexOf('*') >= 0 && !branch.endsWith("/*")) {
            throw new IllegalArgumentException("branch rule '%s' must be a branch name such as dev, or a prefix such as release/*".formatted(branch));
        }
    }

    public static BranchPolicy of(String branch) {
        return new BranchPolicy(branch);
    }

    public boolean allows(String candidate) {
        if (candidate == null) return false;
        if (branch.endsWith("/*")) return candidate.startsWith(branch.substring(0, branch.length() - 1));
        return branch.equals(candidate);
    }

    /** Empty when the branch may deploy, otherwise why it may not. */
    public Optional<String> refusal(Optional<String> current, String environment) {
        if (current.isEmpty()) {
            return Optional.of("the repository has no branch checked out (detached HEAD); %s deploys only from branch '%s'"
                    .formatted(environment, branch));
        }
        if (allows(current.get())) return Optional.empty();
        return Optional.of("%s deploys only from branch '%s', and the repository is on '%s'".formatted(environment, branch, current.get()));
    }

    /** The branch a deployment follows when the rule names exactly one. */
    public boolean isExact() {
        return !branch.endsWith("/*");
    }
}

package dev.slipway.domain.release;

import java.util.regex.Pattern;

/** A git commit's full object id. */
public record CommitId(String sha) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public CommitId {
        if (sha == null || !HEX.matcher(sha).matches()) throw new IllegalArgumentException("'%s' is not a full commit id".formatted(sha));
    }

    public static CommitId of(String sha) {
        return new CommitId(sha);
    }

    public String abbreviated() {
        return sha.substring(0, 7);
    }

    @Override
    public String toString() {
        return sha;
    }
}

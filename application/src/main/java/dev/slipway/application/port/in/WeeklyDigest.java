package dev.slipway.application.port.in;

import dev.slipway.application.port.in.DeliveryMetrics.MetricsReport;

import java.time.Instant;
import java.util.List;

/**
 * The weekly digest a team reads in Slack: what shipped to each environment in the seven days ending now (names, tags,
 * commit authors) and the four delivery keys against the week before. Sent once a week whichever replica asks first.
 */
public interface WeeklyDigest {

    /**
     * The digest of the seven days ending now, {@link DigestOutcome.Due} to the first caller in the week that starts
     * on the Monday (UTC) of now, in this process or any sharing the registry; {@link DigestOutcome.AlreadySent} after.
     */
    DigestOutcome weekly();

    sealed interface DigestOutcome {
        record Due(Digest digest) implements DigestOutcome {}

        record AlreadySent(String week) implements DigestOutcome {}
    }

    /** {@code week} names the digest's week ({@code 2026-12-07}); {@code metrics} has two weeks of trend: the one before, then this one. */
    record Digest(String week, Instant from, Instant to, List<Shipped> shipped, MetricsReport metrics) {
        public Digest {
            shipped = List.copyOf(shipped);
        }
    }

    /** A succeeded deploy or promotion of the week (not a rollback): its name, tag and the authors of its commits, first seen first. */
    record Shipped(String service, String environment, String tag, String name, List<String> authors, Instant finishedAt) {
        public Shipped {
            authors = List.copyOf(authors);
        }
    }
}

package dev.slipway.domain.release;

import java.time.Instant;

/** One commit as release notes show it. */
public record Commit(CommitId id, String author, Instant date, String subject) {

    public Commit {
        if (id == null || date == null) throw new IllegalArgumentException("a commit needs an id and a date");
        author = author == null ? "" : author;
        subject = subject == null ? "" : subject;
    }
}

package dev.slipway.adapter.jdbc;

import java.util.Locale;

/**
 * Where the registry lives: a JDBC URL and a user name, bound from {@code slipway.yml}. The password is never
 * here: it comes from the environment variable {@link #PASSWORD_VARIABLE} only. Without a URL the registry is an
 * H2 file under {@code .slipway/} in the working directory, which every Slipway process on this machine shares.
 * An H2 file URL that does not set {@code WRITE_DELAY} gets {@code WRITE_DELAY=0}, for the reason given at
 * {@link #DEFAULT_URL}.
 */
public record JdbcProperties(String url, String username, int poolSize) {

    /** The environment variable that holds the database password. */
    public static final String PASSWORD_VARIABLE = "SLIPWAY_DB_PASSWORD";

    /**
     * H2 in automatic mixed mode: the first process opens the file and serves it to the others over loopback, and
     * when it dies (even by {@code kill -9}) the next one to connect takes the file over. {@code WRITE_DELAY=0}
     * writes every commit to the file before the commit returns; H2's default flushes half a second later, and a
     * process killed within that half second would take the last deployments and locks with it.
     */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.slipway/registry;AUTO_SERVER=TRUE;WRITE_DELAY=0";

    /** H2's default administrator; PostgreSQL has no default here, the driver then asks for the URL's {@code user}. */
    private static final String H2_USER = "sa";

    public JdbcProperties {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("registry url must start with jdbc:h2: or jdbc:postgresql:, not '%s'".formatted(redacted(url)));
        }
        if (lower.contains("password=")) {
            throw new IllegalArgumentException("registry url must not carry a password: put it in the environment variable " + PASSWORD_VARIABLE);
        }
        if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.contains("write_delay")) {
            // Whoever builds an H2 file URL gets the durability the default has: a commit is on disk when it returns.
            url = url + ";WRITE_DELAY=0";
        }
        if (username == null || username.isBlank()) username = lower.startsWith("jdbc:h2:") ? H2_USER : null;
        if (poolSize == 0) poolSize = 4;
        if (poolSize < 1 || poolSize > 64) throw new IllegalArgumentException("registry pool size must be between 1 and 64, not " + poolSize);
    }

    /** The embedded default: an H2 file under {@code .slipway/}. */
    public static JdbcProperties defaults() {
        return new JdbcProperties(null, null, 0);
    }

    public static JdbcProperties of(String url, String username) {
        return new JdbcProperties(url, username, 0);
    }

    public boolean isPostgres() {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    public boolean isH2() {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }

    /** The URL up to its parameters, for messages: parameters may hold things nobody should read in a log. */
    private static String redacted(String url) {
        int cut = url.indexOf('?');
        int semicolon = url.indexOf(';');
        if (cut < 0 || semicolon >= 0 && semicolon < cut) cut = semicolon;
        return cut < 0 ? url : url.substring(0, cut) + "...";
    }
}

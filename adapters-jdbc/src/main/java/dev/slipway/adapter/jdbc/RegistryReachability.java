package dev.slipway.adapter.jdbc;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the registry can be used right now: the database answers within a few seconds and, for an embedded H2 file,
 * the file is still on disk (deleted under a running process, H2 goes on writing into a file nobody will ever open
 * again, and every deployment recorded after that is lost when the process stops). A server's readiness probe asks it.
 */
public final class RegistryReachability {

    private static final int VALID_WITHIN_SECONDS = 3;

    private final DataSource dataSource;
    private final Optional<Path> h2File;

    public RegistryReachability(DataSource dataSource, JdbcProperties properties) {
        this.dataSource = dataSource;
        this.h2File = h2File(properties.url());
    }

    /** Empty when the registry answers; otherwise why it cannot be used, in words for an operator. */
    public Optional<String> problem() {
        if (h2File.isPresent() && !Files.isRegularFile(h2File.get())) {
            return Optional.of("the registry file %s has disappeared; restore it from a backup or restart to start a new one".formatted(h2File.get()));
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_WITHIN_SECONDS)) return Optional.of("the registry database did not answer within %ds".formatted(VALID_WITHIN_SECONDS));
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("the registry database cannot be reached (SQLState %s)".formatted(e.getSQLState()));
        }
    }

    /** The file an H2 URL names ({@code jdbc:h2:file:PATH;...} or {@code jdbc:h2:PATH}), with H2's {@code .mv.db} ending. */
    static Optional<Path> h2File(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:") || lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        if (rest.toLowerCase(Locale.ROOT).startsWith("file:")) rest = rest.substring("file:".length());
        int parameters = rest.indexOf(';');
        String path = parameters < 0 ? rest : rest.substring(0, parameters);
        if (path.startsWith("~")) path = System.getProperty("user.home") + path.substring(1);
        return Optional.of(Path.of(path + ".mv.db").toAbsolutePath().normalize());
    }
}

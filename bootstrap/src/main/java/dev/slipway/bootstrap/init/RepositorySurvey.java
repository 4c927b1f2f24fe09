package dev.slipway.bootstrap.init;

import dev.slipway.domain.environment.Names;
import dev.slipway.domain.version.TagPattern;
import dev.slipway.domain.version.Version;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code slipway init} finds in a service's git working copy without asking: its remote, its branches, the tags it
 * already has and the pattern they follow ({@code 0.1.29-dev} follows {@code {version}-dev}), how the service is
 * probably started and which health path its code mentions. Reads only; never runs anything.
 */
record RepositorySurvey(Path workTree, Optional<String> remote, Optional<String> currentBranch, List<String> branches,
                        List<TagFamily> tagFamilies, Optional<String> startCommand, Optional<String> healthPath, boolean answersVersion) {

    /** Tags that follow one pattern: how many there are and the highest one. */
    record TagFamily(String pattern, int count, String latest) {}

    private static final Pattern VERSIONED = Pattern.compile("(.*?)(\\d+)\\.(\\d+)\\.(\\d+)(.*)");
    private static final List<String> HEALTH_PATHS = List.of("/healthz", "/health", "/actuator/health", "/status", "/ping");
    private static final List<String> SOURCE_ENDINGS = List.of(".py", ".js", ".ts", ".go", ".java", ".kt", ".rb", ".rs", ".php", ".cs");
    private static final long MAX_SOURCE_BYTES = 256 * 1024;
    private static final int MAX_SOURCE_FILES = 200;

    /** The git working copy that holds {@code folder}, or empty when there is none. */
    static Optional<RepositorySurvey> of(Path folder) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(folder.toFile());
        if (builder.getGitDir() == null) return Optional.empty();
        try (Repository repository = builder.build()) {
            Path workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
            Optional<String> remote = Optional.ofNullable(repository.getConfig().getString("remote", "origin", "url")).filter(u -> !u.isBlank());
            // A detached HEAD names a commit, not a branch.
            Optional<String> current = Optional.ofNullable(repository.getBranch()).filter(b -> !b.matches("[0-9a-f]{40}"));
            TreeSet<String> branches = new TreeSet<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) branches.add(ref.getName().substring(Constants.R_HEADS.length()));
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES + "origin/")) {
                String name = ref.getName().substring((Constants.R_REMOTES + "origin/").length());
                if (!name.equals(Constants.HEAD)) branches.add(name);
            }
            current.ifPresent(branches::add);
            List<String> tags = repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .map(ref -> ref.getName().substring(Constants.R_TAGS.length())).toList();
            List<String> files = sourceFiles(workTree);
            return Optional.of(new RepositorySurvey(workTree, remote, current, List.copyOf(branches), families(tags), startCommand(workTree),
                    healthPath(files), mentions(files, "/version")));
        }
    }

    /** Groups tags by the pattern they follow, the largest family first. */
    static List<TagFamily> families(List<String> tags) {
        Map<String, List<String>> byPattern = new LinkedHashMap<>();
        for (String tag : tags) {
            Matcher m = VERSIONED.matcher(tag);
            if (!m.matches()) continue;
            String pattern = m.group(1) + TagPattern.PLACEHOLDER + m.group(5);
            try {
                TagPattern.of(pattern);
            } catch (IllegalArgumentException notAPattern) {
                continue;
            }
            byPattern.computeIfAbsent(pattern, p -> new ArrayList<>()).add(tag);
        }
        List<TagFamily> families = new ArrayList<>();
        byPattern.forEach((pattern, members) -> {
            TagPattern tagPattern = TagPattern.of(pattern);
            tagPattern.latest(members).ifPresent(latest -> families.add(new TagFamily(pattern, members.size(), tagPattern.format(latest))));
        });
        families.sort(Comparator.comparingInt(TagFamily::count).reversed());
        return List.copyOf(families);
    }

    /** The environment a tag pattern suggests: {@code {version}-dev} suggests dev. */
    static Optional<String> environmentOf(String pattern) {
        String suffix = TagPattern.of(pattern).suffix();
        if (suffix.startsWith("-") && Names.isValid(suffix.substring(1))) return Optional.of(suffix.substring(1));
        return Optional.empty();
    }

    /** The service's name as its folder says it, when that is a valid name. */
    Optional<String> serviceName() {
        Path name = workTree.getFileName();
        if (name == null) return Optional.empty();
        String candidate = name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
        if (candidate.length() > 40) candidate = candidate.substring(0, 40).replaceAll("-+$", "");
        return Names.isValid(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    Optional<String> version(String pattern, String tag) {
        return TagPattern.of(pattern).parse(tag).map(Version::toString);
    }

    private static Optional<String> startCommand(Path workTree) {
        if (Files.isRegularFile(workTree.resolve("app.py"))) return Optional.of("python3 app.py");
        if (Files.isRegularFile(workTree.resolve("main.py"))) return Optional.of("python3 main.py");
        if (Files.isRegularFile(workTree.resolve("package.json"))) return Optional.of("npm start");
        if (Files.isRegularFile(workTree.resolve("go.mod"))) return Optional.of("go run .");
        if (Files.isRegularFile(workTree.resolve("start.sh"))) return Optional.of("./start.sh");
        return Optional.empty();
    }

    /** A few source files near the top of the tree, small enough to read; never the .git folder or build output. */
    private static List<String> sourceFiles(Path workTree) {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(workTree, 4)) {
            paths.filter(p -> workTree.relativize(p).toString().split("[/\\\\]", 2)[0].matches("(?!\\.)(?!node_modules$)(?!target$)(?!build$).*"))
                    .filter(Files::isRegularFile)
                    .filter(p -> SOURCE_ENDINGS.stream().anyMatch(p.getFileName().toString()::endsWith))
                    .limit(MAX_SOURCE_FILES)
                    .forEach(p -> read(p).ifPresent(texts::add));
        } catch (IOException | RuntimeException unreadable) {
            // A guess is only a default the user confirms; an unreadable tree leaves the usual one.
        }
        return texts;
    }

    private static Optional<String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes((int) MAX_SOURCE_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> healthPath(List<String> files) {
        return HEALTH_PATHS.stream().filter(path -> mentions(files, path)).findFirst();
    }

    private static boolean mentions(List<String> files, String path) {
        Pattern quoted = Pattern.compile("[\"'`]" + Pattern.quote(path) + "/?[\"'`]");
        return files.stream().anyMatch(text -> quoted.matcher(text).find());
    }
}

package dev.slipway.bootstrap.configuration;

import dev.slipway.bootstrap.configuration.ConfigurationProblem.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a key path such as {@code slipway.services.hello.environments.dev.tag} is written in slipway.yml: its line and
 * column, so that a problem found after binding (a tag pattern without {version}, an unknown target type) points at
 * the line to fix, as the parser's own problems do.
 */
public final class KeyLocations {

    private static final Pattern INDEX = Pattern.compile("(.*)\\[(\\d+)]");

    private KeyLocations() {
    }

    /** The problems with each key's line and column added where the file shows it and the key does not say it yet. */
    public static List<Problem> locate(Path file, List<Problem> problems) {
        Optional<Node> root = root(file);
        if (root.isEmpty()) return problems;
        return problems.stream().map(p -> p.key().contains("(line ") || !p.key().startsWith("slipway") ? p
                : find(root.get(), p.key()).map(mark -> new Problem("%s (line %d, column %d)".formatted(p.key(), mark.getLine() + 1, mark.getColumn() + 1),
                        p.message())).orElse(p)).toList();
    }

    private static Optional<Node> root(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > ConfigurationFile.MAX_BYTES) return Optional.empty();
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            return Optional.ofNullable(new Yaml(options).compose(new StringReader(Files.readString(file, StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The mark of the deepest element of {@code key} the file holds. */
    static Optional<Mark> find(Node root, String key) {
        Node at = root;
        Mark mark = null;
        for (String element : key.split("\\.")) {
            Matcher indexed = INDEX.matcher(element);
            String name = indexed.matches() ? indexed.group(1) : element;
            if (!(at instanceof MappingNode map)) break;
            NodeTuple found = null;
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(name)) found = tuple;
            }
            if (found == null) break;
            mark = found.getKeyNode().getStartMark();
            at = found.getValueNode();
            if (indexed.matches() && at instanceof SequenceNode list) {
                int index = Integer.parseInt(indexed.group(2));
                if (index >= list.getValue().size()) break;
                at = list.getValue().get(index);
                mark = at.getStartMark();
            }
        }
        return Optional.ofNullable(mark);
    }
}

package dev.slipway.bootstrap.configuration;

import dev.slipway.bootstrap.Launch;
import dev.slipway.bootstrap.SlipwayApplication;
import dev.slipway.domain.environment.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "seed pipelines on AWS" examples, put together in one slipway.yml, are accepted as they are written: the
 * ECS ones included, whose health check needs an endpoint. When one stops validating, the README is what must change.
 */
class AwsReadmeExamplesTest {

    private static final Pattern YAML = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path folder;

    private static List<String> examples() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf("## The seed pipelines on AWS");
        String section = readme.substring(from, readme.indexOf("\n## ", from + 1));
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML.matcher(section);
        while (m.find()) blocks.add(m.group(1));
        return blocks;
    }

    @Test
    void theSeedPipelineExamplesOnAwsValidateAsWritten() throws IOException {
        List<String> blocks = examples();
        assertThat(blocks).as("make deploy-dev, dual preview/production, several ECS services, CodePipeline to SSM").hasSize(4);
        String yaml = blocks.get(0) + blocks.get(3)
                + "    atta:\n      repository: .\n      environments:\n" + blocks.get(1)
                + "    platform:\n      repository: .\n      environments:\n        all:\n          branch: main\n          tag: \"v{version}\"\n" + blocks.get(2);
        Path file = folder.resolve("slipway.yml");
        Files.writeString(file, yaml);

        try (ConfigurableApplicationContext context = SlipwayApplication.application(new Launch(file, false, Optional.empty(), List.of())).run()) {
            Catalog catalog = context.getBean(Catalog.class);
            assertThat(catalog.services()).extracting(s -> s.name()).containsExactlyInAnyOrder("hello", "atta", "platform");
            assertThat(catalog.resolve(Optional.of("atta")).environment("preview").orElseThrow().target().setting("endpoint")).isPresent();
        }
    }

    @Test
    void anEcsExampleWithoutItsEndpointIsRefusedNamingIt() throws IOException {
        String yaml = examples().get(0) + "    atta:\n      repository: .\n      environments:\n"
                + examples().get(1).replace("endpoint: https://preview.atta.example.com, ", "");
        Path file = folder.resolve("slipway.yml");
        Files.writeString(file, yaml);

        try (ConfigurableApplicationContext context = SlipwayApplication.application(new Launch(file, false, Optional.empty(), List.of())).run()) {
            context.getBean(Catalog.class);
            throw new AssertionError("the configuration was accepted");
        } catch (RuntimeException failure) {
            List<String> problems = BindingFailures.explain(failure).orElseThrow(() -> new AssertionError("not explained", failure))
                    .problems().stream().map(Object::toString).toList();
            assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith("slipway.services.atta.environments.preview.target")
                    .contains("'endpoint' is required: the health check (GET /health)"));
        }
    }
}

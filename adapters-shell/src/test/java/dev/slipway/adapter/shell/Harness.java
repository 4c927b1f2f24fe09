package dev.slipway.adapter.shell;

import dev.slipway.domain.environment.Catalog;
import org.springframework.shell.core.command.CommandRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The shell adapter over fake ports, run headless the way `slipway <command>` runs it, with its output captured. */
final class Harness {

    final FakeUseCases ports = new FakeUseCases();
    final ShellSession session;
    final CommandRegistry registry;
    final ShellCommandParser parser;
    final SlipwayShellRunner runner;

    Harness(Catalog catalog, Map<String, String> environment) {
        session = new ShellSession(environment::get, "operator", ZoneOffset.UTC);
        registry = SlipwayCommands.registry(session, catalog, ports, ports, ports, ports, ports, ports, ports, ports, ports);
        parser = new ShellCommandParser(registry);
        runner = new SlipwayShellRunner(session, registry, parser);
    }

    Harness() {
        this(Fixtures.oneService(), Map.of("SLIPWAY_ACTOR", "ci-bot"));
    }

    Run run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = runner.headless(List.of(arguments), new PrintWriter(out), new PrintWriter(err), StandardCharsets.UTF_8);
        return new Run(exit, out.toString(), err.toString());
    }

    /** What one run printed and how it exited. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(out);
        }

        @Override
        public String toString() {
            return "exit %d\n--- stdout\n%s--- stderr\n%s".formatted(exit, out, err);
        }
    }
}

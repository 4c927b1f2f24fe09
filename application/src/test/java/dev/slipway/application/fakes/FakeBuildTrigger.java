package dev.slipway.application.fakes;

import dev.slipway.application.port.out.BuildTrigger;
import dev.slipway.application.port.out.StepContext;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A build system in memory: each project is scripted with its phases and how it ends ({@link #scripts}); a build
 * moves one phase further each time it is looked at. An unscripted project never ends.
 */
public final class FakeBuildTrigger implements BuildTrigger {

    /** How a project's builds go: the phases they pass through and the state they end in. */
    public record Script(List<String> phases, State ending, String reason) {}

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, Build> latest = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> variables = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeBuildTrigger scripts(String project, Script script) {
        scripts.put(project, script);
        return this;
    }

    /** The variables the build {@code id} was started with. */
    public Map<String, String> variablesOf(String id) {
        return variables.getOrDefault(id, Map.of());
    }

    @Override
    public String type() {
        return "fake-build";
    }

    @Override
    public Build start(String project, Map<String, String> variables, StepContext step) {
        String id = project + ":" + ids.incrementAndGet();
        this.variables.put(id, Map.copyOf(variables));
        Build build = new Build(project, id, State.IN_PROGRESS, List.of(), Optional.of(URI.create("https://builds.example/" + id)), "");
        latest.put(project, build);
        step.report("started " + id);
        return build;
    }

    @Override
    public Build await(Build build, StepContext step) {
        Script script = scripts.get(build.project());
        List<String> seen = new ArrayList<>(build.phases());
        while (Instant.now().isBefore(step.deadline())) {
            if (script != null && seen.size() == script.phases().size()) {
                Build done = new Build(build.project(), build.id(), script.ending(), seen, build.link(), script.ending() == State.SUCCEEDED ? "" : script.reason());
                latest.put(build.project(), done);
                return done;
            }
            if (script != null) {
                seen.add(script.phases().get(seen.size()));
                step.report("%s: %s".formatted(build.id(), seen.getLast()));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Build(build.project(), build.id(), State.IN_PROGRESS, seen, build.link(), "still running at the deadline");
    }

    @Override
    public Optional<Build> latest(String project) {
        return Optional.ofNullable(latest.get(project));
    }
}

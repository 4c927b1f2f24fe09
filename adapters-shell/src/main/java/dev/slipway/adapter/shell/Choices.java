package dev.slipway.adapter.shell;

import dev.slipway.adapter.shell.Parameter.Kind;
import dev.slipway.application.port.in.DeploymentHistory;
import dev.slipway.application.port.in.DeploymentHistory.HistoryRequest;
import dev.slipway.application.port.in.QueryOutcome;
import dev.slipway.domain.deployment.Deployment;
import dev.slipway.domain.deployment.Status;
import dev.slipway.domain.environment.Catalog;
import dev.slipway.domain.environment.Environment;
import dev.slipway.domain.environment.Service;
import dev.slipway.domain.release.Release;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The names a command may use: services and environments from the {@link Catalog}, versions and deployment ids from
 * the history. Checks typed names before a port is asked, and offers them to completion.
 */
final class Choices {

    private static final int RECENT = 50;

    private final Catalog catalog;
    private final DeploymentHistory history;

    Choices(Catalog catalog, DeploymentHistory history) {
        this.catalog = catalog;
        this.history = history;
    }

    /** Refuses a service or environment the catalog does not know, naming the ones it does. */
    void check(Invocation invocation) {
        Optional<String> service = invocation.find("service");
        service.ifPresent(name -> {
            if (catalog.find(name).isEmpty()) {
                throw new UsageError("no service named '%s'; known services: %s".formatted(name, String.join(", ", catalog.names())));
            }
        });
        for (Parameter parameter : invocation.spec().parameters()) {
            if (parameter.kind() != Kind.ENVIRONMENT) continue;
            invocation.find(parameter.name()).ifPresent(environment -> {
                List<String> known = environments(service);
                if (!known.contains(environment)) {
                    String whose = service.or(this::onlyService).map(name -> name + " has no environment").orElse("no service has an environment");
                    throw new UsageError("%s '%s'; environments: %s".formatted(whose, environment, String.join(", ", known)));
                }
            });
        }
    }

    /** The environment a command acts on, as the catalog resolves the service (the named one, or the only one). */
    Environment environment(Optional<String> service, String environment) {
        try {
            Service resolved = catalog.resolve(service);
            return resolved.environment(environment).orElseThrow(() -> new UsageError("%s has no environment '%s'; environments: %s"
                    .formatted(resolved.name(), environment, String.join(", ", resolved.environmentNames()))));
        } catch (IllegalArgumentException unresolved) {
            throw new UsageError(unresolved.getMessage());
        }
    }

    List<String> services() {
        return catalog.names();
    }

    /** The environments of the service, or of every service when none is named and several exist, in declared order. */
    List<String> environments(Optional<String> service) {
        Optional<Service> known = service.flatMap(catalog::find).or(() -> onlyService().flatMap(catalog::find));
        if (known.isPresent()) return known.get().environmentNames();
        Set<String> all = new LinkedHashSet<>();
        catalog.services().forEach(s -> all.addAll(s.environmentNames()));
        return List.copyOf(all);
    }

    /** What completion offers for a value of this kind, given the words typed so far. */
    List<CompletionProposal> propose(Kind kind, List<String> words) {
        Optional<String> service = valueOf("service", words);
        if (kind == Kind.DEPLOYMENT_ID) {
            // Each id with what it is, so that the list says which one to pick: tag, environment and status.
            return recent(service, Optional.empty())
                    .sorted((a, b) -> Boolean.compare(b.status() == Status.AWAITING_APPROVAL, a.status() == Status.AWAITING_APPROVAL))
                    .map(d -> new CompletionProposal(d.id().value()).category(category(kind))
                            .description("%s on %s, %s".formatted(d.release().tag(), d.environment(), d.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))))
                    .toList();
        }
        List<String> values = switch (kind) {
            case SERVICE -> services();
            case ENVIRONMENT -> environments(service);
            case VERSION -> recent(service, environmentIn(words, service)).map(Deployment::resultingRelease).flatMap(Optional::stream)
                    .map(Release::tag).distinct().toList();
            case DEPLOYMENT_ID -> recent(service, Optional.empty())
                    .sorted((a, b) -> Boolean.compare(b.status() == Status.AWAITING_APPROVAL, a.status() == Status.AWAITING_APPROVAL))
                    .map(d -> d.id().value()).toList();
            case BUMP -> List.of("patch", "minor", "major");
            case OUTPUT -> List.of("text", "json");
            case FLAG -> List.of("true", "false");
            case TEXT, DURATION, COUNT -> List.of();
        };
        return values.stream().map(value -> new CompletionProposal(value).category(category(kind))).toList();
    }

    private Stream<Deployment> recent(Optional<String> service, Optional<String> environment) {
        try {
            QueryOutcome<List<Deployment>> answer = history.history(new HistoryRequest(service, environment, RECENT));
            return answer instanceof QueryOutcome.Answer<List<Deployment>> a ? a.value().stream() : Stream.empty();
        } catch (RuntimeException unavailable) {
            // Completion is a convenience: a registry that cannot answer right now just offers nothing.
            return Stream.empty();
        }
    }

    private Optional<String> environmentIn(List<String> words, Optional<String> service) {
        List<String> known = environments(service);
        return words.stream().skip(1).filter(known::contains).findFirst();
    }

    private Optional<String> onlyService() {
        return catalog.services().size() == 1 ? Optional.of(catalog.services().getFirst().name()) : Optional.empty();
    }

    private static Optional<String> valueOf(String option, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("--" + option + "=")) return Optional.of(word.substring(option.length() + 3));
            if (word.equals("--" + option) && i + 1 < words.size() && !words.get(i + 1).isBlank()) return Optional.of(words.get(i + 1));
        }
        return Optional.empty();
    }

    private static String category(Kind kind) {
        return switch (kind) {
            case SERVICE -> "services";
            case ENVIRONMENT -> "environments";
            case VERSION -> "versions";
            case DEPLOYMENT_ID -> "deployments";
            default -> "values";
        };
    }
}

package dev.slipway.domain.environment;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A check outside the release itself that must pass while a deployment rolls out in waves and while it bakes: CloudWatch
 * alarms that must not be in ALARM, a Prometheus query whose value must stay at or below a maximum, or an HTTP answer
 * richer than the health check.
 */
public sealed interface Gate {

    /** The gate's kind as written in {@code slipway.yml}: {@code cloudwatch-alarms}, {@code prometheus}, {@code http}. */
    String kind();

    /** The gate in a few words, for plans and failures: {@code cloudwatch-alarms [hello-5xx]}. */
    String describe();

    /** Fails when any of the named CloudWatch alarms is in ALARM (or does not exist). */
    record CloudWatchAlarms(List<String> names) implements Gate {
        private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,255}");

        public CloudWatchAlarms {
            if (names == null || names.isEmpty()) throw new IllegalArgumentException("cloudwatch-alarms needs at least one alarm name");
            names = List.copyOf(names);
            for (String name : names) {
                if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("'%s' is not a CloudWatch alarm name".formatted(name));
            }
        }

        @Override
        public String kind() {
            return "cloudwatch-alarms";
        }

        @Override
        public String describe() {
            return "cloudwatch-alarms " + names;
        }
    }

    /** Fails when the Prometheus instant query {@code query} at {@code url} answers a value above {@code max}, or no value. */
    record Prometheus(URI url, String query, double max) implements Gate {
        public Prometheus {
            requireHttp(url, "prometheus url");
            if (query == null || query.isBlank() || query.length() > 2000) throw new IllegalArgumentException("prometheus query must be given (at most 2000 characters)");
            if (Double.isNaN(max) || Double.isInfinite(max)) throw new IllegalArgumentException("prometheus max must be a number");
        }

        @Override
        public String kind() {
            return "prometheus";
        }

        @Override
        public String describe() {
            return "prometheus %s <= %s".formatted(query, number(max));
        }
    }

    /**
     * Fails unless GET {@code url} answers {@code status} and, when {@code jsonPath} is set, the JSON value at that path
     * ({@code $.a.b[0]}) equals {@code equals}.
     */
    record Http(URI url, int status, Optional<String> jsonPath, Optional<String> equals) implements Gate {
        private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+|\\[\\d{1,6}])*");

        public Http {
            requireHttp(url, "http url");
            if (status < 100 || status > 599) throw new IllegalArgumentException("http status must be from 100 to 599, not " + status);
            jsonPath = jsonPath == null ? Optional.empty() : jsonPath.filter(p -> !p.isBlank());
            equals = equals == null ? Optional.empty() : equals;
            jsonPath.ifPresent(p -> {
                if (!PATH.matcher(p).matches()) throw new IllegalArgumentException("json-path '%s' must look like $.status or $.checks[0].state".formatted(p));
            });
            if (jsonPath.isPresent() != equals.isPresent()) throw new IllegalArgumentException("json-path and equals go together: give both or neither");
        }

        @Override
        public String kind() {
            return "http";
        }

        @Override
        public String describe() {
            return "http GET %s answers %d%s".formatted(url, status, jsonPath.map(p -> " with %s = %s".formatted(p, equals.orElse(""))).orElse(""));
        }
    }

    private static void requireHttp(URI url, String what) {
        if (url == null || url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("%s must be an http or https URL, not '%s'".formatted(what, url));
        }
    }

    /** A number as people write it: 0.05, 3, not 3.0. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}

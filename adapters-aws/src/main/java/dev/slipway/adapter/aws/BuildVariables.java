package dev.slipway.adapter.aws;

import java.util.Map;
import java.util.regex.Pattern;

/** The variables a build is started with (VERSION, IMAGE_TAG): strict names and values, checked before any call. */
final class BuildVariables {

    private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._:/@-]{0,256}");
    static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{1,99}");

    private BuildVariables() {
    }

    static void check(String project, Map<String, String> variables) {
        if (project == null || !PROJECT.matcher(project).matches()) throw new IllegalArgumentException("'%s' is not a project or pipeline name".formatted(project));
        variables.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("build variable name '%s' is not allowed".formatted(name));
            if (value == null || !VALUE.matcher(value).matches()) throw new IllegalArgumentException("build variable %s has a value that is not allowed".formatted(name));
        });
    }
}

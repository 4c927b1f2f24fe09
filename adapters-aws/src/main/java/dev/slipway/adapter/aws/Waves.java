package dev.slipway.adapter.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The waves an {@code ec2-ssm} fleet is rolled out in, as written ({@code 1, 25%, 100%}): each wave brings the number of
 * instances that run the new release up to a count or a share of the fleet (rounded up), in the fleet's stable order
 * (instance ids sorted). A wave that would add no instance is skipped; when the last wave falls short of the fleet, the
 * rest follow as one more wave.
 */
record Waves(List<String> sizes) {

    static final Waves ALL_AT_ONCE = new Waves(List.of("100%"));
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,4})(%?)");

    Waves {
        sizes = List.copyOf(sizes);
    }

    /** Reads {@code 1, 25%, 100%}; adds what is wrong with it to {@code problems}. */
    static Waves parse(String text, List<String> problems) {
        List<String> sizes = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) continue;
            Matcher m = SIZE.matcher(part.strip());
            if (!m.matches() || (!m.group(2).isEmpty() && Integer.parseInt(m.group(1)) > 100)) {
                problems.add("'waves' holds '%s'; each wave is a number of instances or a share of the fleet up to 100%%, such as [1, 25%%, 100%%]".formatted(part));
                return ALL_AT_ONCE;
            }
            sizes.add(part.strip());
        }
        if (sizes.isEmpty()) {
            problems.add("'waves' is empty; give the waves as instance counts or shares of the fleet, such as [1, 25%, 100%]");
            return ALL_AT_ONCE;
        }
        if (sizes.size() > 20) {
            problems.add("'waves' has %d waves; at most 20".formatted(sizes.size()));
            return ALL_AT_ONCE;
        }
        return new Waves(sizes);
    }

    /** The fleet cut into waves, each the instances it adds, in order. */
    List<List<String>> split(List<String> fleet) {
        List<List<String>> waves = new ArrayList<>();
        int reached = 0;
        for (String size : sizes) {
            int upTo = Math.min(fleet.size(), target(size, fleet.size()));
            if (upTo <= reached) continue;
            waves.add(List.copyOf(fleet.subList(reached, upTo)));
            reached = upTo;
        }
        if (reached < fleet.size()) waves.add(List.copyOf(fleet.subList(reached, fleet.size())));
        return waves;
    }

    private static int target(String size, int fleet) {
        if (size.endsWith("%")) {
            int share = Integer.parseInt(size.substring(0, size.length() - 1));
            return (int) Math.ceil(share * fleet / 100.0);
        }
        return Integer.parseInt(size);
    }

    /** The waves as written, for plans: {@code 1, 50%, 100%}. */
    String describe() {
        return String.join(", ", sizes);
    }
}

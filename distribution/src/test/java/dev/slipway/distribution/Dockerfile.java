package dev.slipway.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read as its instructions, enough to check one without a container engine: comments and parser
 * directives dropped, backslash continuations joined, each instruction tied to the build stage (FROM) it belongs to.
 */
record Dockerfile(List<Instruction> instructions) {

    /** One instruction: its keyword in upper case, the rest of its line, and the index of its stage (-1 before FROM). */
    record Instruction(String keyword, String arguments, int stage, int line) {
    }

    /** A build stage: its base image and its name ({@code AS name}), when it has one. */
    record Stage(String image, Optional<String> name, List<Instruction> instructions) {
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int stage = -1;
        StringBuilder pending = null;
        int startedAt = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) continue; // comments, and the syntax directive at the top, which is a comment too
            if (pending == null) {
                if (line.isEmpty()) continue;
                pending = new StringBuilder();
                startedAt = i + 1;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (continues) continue;
            String whole = pending.toString().strip();
            pending = null;
            int space = whole.indexOf(' ');
            String keyword = (space < 0 ? whole : whole.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : whole.substring(space + 1).strip().replaceAll("\\s+", " ");
            if (keyword.equals("FROM")) stage++;
            instructions.add(new Instruction(keyword, arguments, stage, startedAt));
        }
        if (pending != null) throw new IllegalArgumentException("the last instruction ends with a backslash");
        return new Dockerfile(List.copyOf(instructions));
    }

    List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        for (Instruction from : all("FROM")) {
            String[] words = from.arguments().split(" ");
            List<String> plain = List.of(words).stream().filter(w -> !w.startsWith("--")).toList();
            Optional<String> name = plain.size() >= 3 && plain.get(1).equalsIgnoreCase("AS") ? Optional.of(plain.get(2)) : Optional.empty();
            stages.add(new Stage(plain.getFirst(), name,
                    instructions.stream().filter(i -> i.stage() == from.stage() && !i.keyword().equals("FROM")).toList()));
        }
        return stages;
    }

    Stage finalStage() {
        return stages().getLast();
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }
}

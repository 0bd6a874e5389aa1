package com.pnhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A run's results: nested sections of figures, the goals met or missed, written as JSON and markdown. */
final class Report {

    /** An ordered map of figures; values are numbers, strings, lists or nested sections. */
    static final class Section extends LinkedHashMap<String, Object> {
    }

    record Goal(String name, String target, String measured, Boolean met) {
    }

    /** A side-by-side table for the markdown; its numbers are in a section of the JSON too. */
    record Table(String title, List<String> header, List<List<String>> rows, String note) {
    }

    final Section run = new Section();
    final Map<String, Section> scenarios = new LinkedHashMap<>();
    final List<Goal> goals = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    /** Sections a table already shows: in the JSON only. */
    final Set<String> jsonOnly = new HashSet<>();

    Section scenario(String name) {
        return scenarios.computeIfAbsent(name, k -> new Section());
    }

    void goal(String name, String target, String measured, Boolean met) {
        goals.add(new Goal(name, target, measured, met));
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    /** {@code a / b}, or 0 when b is 0 (a phase that did nothing has no rate). */
    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    void write(Path json, Path markdown) throws IOException {
        Files.createDirectories(json.getParent());
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("run", run);
        all.put("goals", goals);
        all.put("scenarios", scenarios);
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(json, mapper.writeValueAsString(all));
        Files.writeString(markdown, markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# pnhub benchmark run ").append(run.get("runId")).append("\n\n");
        table(md, run);
        md.append("\n## Goals\n\n| goal | target | measured | met |\n| --- | --- | --- | --- |\n");
        for (Goal g : goals) {
            md.append("| ").append(g.name()).append(" | ").append(g.target()).append(" | ").append(g.measured()).append(" | ")
                    .append(g.met() == null ? "n/a" : g.met() ? "yes" : "**no**").append(" |\n");
        }
        for (Table t : tables) {
            md.append("\n## ").append(t.title()).append("\n\n| ").append(String.join(" | ", t.header())).append(" |\n|");
            t.header().forEach(h -> md.append(" --- |"));
            md.append('\n');
            for (List<String> row : t.rows()) {
                md.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
            }
            if (t.note() != null) {
                md.append('\n').append(t.note()).append('\n');
            }
        }
        scenarios.forEach((name, section) -> {
            if (jsonOnly.contains(name)) {
                return;
            }
            md.append("\n## ").append(name).append("\n\n");
            section(md, section, "###");
        });
        return md.toString();
    }

    private static void section(StringBuilder md, Section s, String heading) {
        Section flat = new Section();
        s.forEach((k, v) -> {
            if (!(v instanceof Section)) {
                flat.put(k, v);
            }
        });
        table(md, flat);
        s.forEach((k, v) -> {
            if (v instanceof Section) {
                md.append('\n').append(heading).append(' ').append(k).append("\n\n");
                section(md, (Section) v, heading + "#");
            }
        });
    }

    private static void table(StringBuilder md, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        md.append("| | |\n| --- | --- |\n");
        values.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(String.valueOf(v).replace("|", "\\|")).append(" |\n"));
    }
}

package org.opencrm.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A benchmark's figures as markdown: written to a file and printed. */
final class Report {

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String name;
    private final Instant started = Instant.now();
    private final String loadAtStart = loadAverage();
    private final StringBuilder body = new StringBuilder();

    Report(String name) {
        this.name = name;
    }

    /** Where the report goes: {@code --out}, or {@code benchmarks/results/<name>-<UTC timestamp>.md}. */
    Path defaultPath() {
        return Path.of("benchmarks", "results", name + "-" + FILE_STAMP.format(started) + ".md");
    }

    /** A section, with the machine's load average when it starts. */
    Report heading(String text) {
        body.append("\n## ").append(text).append("\n\n");
        body.append("_Load average (1, 5, 15 min) when this section was written: ").append(loadAverage()).append("._\n\n");
        return this;
    }

    Report paragraph(String text) {
        body.append(text).append("\n\n");
        return this;
    }

    /** A table; every row has as many cells as the header. */
    Report table(List<String> header, List<List<String>> rows) {
        body.append('|').append(String.join("|", header)).append("|\n|");
        body.append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("Row " + row + " does not match header " + header);
            }
            body.append('|').append(String.join("|", row)).append("|\n");
        }
        body.append('\n');
        return this;
    }

    /** Writes the report with its environment (machine, load at start and end, options) and prints it. */
    Path write(Path path, String command, Map<String, String> options) {
        List<String> lines = new ArrayList<>();
        lines.add("# " + name + " benchmark, " + started.truncatedTo(ChronoUnit.SECONDS));
        lines.add("");
        lines.add("| | |");
        lines.add("|---|---|");
        lines.add("| command | `" + command + "` |");
        lines.add("| options | " + (options.isEmpty() ? "defaults" : options.toString()) + " |");
        lines.add("| git commit | " + System.getProperty("benchmark.commit", "unknown") + " |");
        lines.add("| machine | " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB |");
        lines.add("| load average (1, 5, 15 min) at start | " + loadAtStart + " |");
        lines.add("| load average at end | " + loadAverage() + " |");
        lines.add("| duration | " + Math.round(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0) + " s |");
        String text = String.join("\n", lines) + "\n\n" + body.toString().stripLeading();
        try {
            Path absolute = path.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Files.writeString(absolute, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + path, e);
        }
        System.out.println("\n" + text);
        System.out.println("Written to " + path);
        return path;
    }

    /** The machine's load averages from /proc/loadavg (the figures uptime shows), "unknown" elsewhere. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

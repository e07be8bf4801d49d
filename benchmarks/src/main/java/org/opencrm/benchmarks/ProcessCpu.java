package org.opencrm.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time used by the processes sharing the machine in a benchmark: the platform (a child JVM running the local
 * stack), PostgreSQL (every process of a {@code postgres} executable on the machine: pg_ctl detaches the
 * postmaster from this JVM) and the load generator (this JVM), read from {@code /proc/<pid>/stat} (Linux only;
 * elsewhere nothing is measured). On a noisy shared machine a rate moves with the neighbours; CPU per operation
 * moves much less, so it says what a change did.
 */
final class ProcessCpu {

    static final String PLATFORM = "platform";
    static final String POSTGRES = "PostgreSQL";
    static final String LOAD = "load generator";

    /** Linux's USER_HZ: the unit of utime and stime in /proc (100 on every mainstream kernel). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** CPU seconds used so far by each group, by the processes alive now. */
    static Map<String, Double> snapshot() {
        Map<String, Double> seconds = new TreeMap<>();
        ProcessHandle self = ProcessHandle.current();
        seconds.put(LOAD, cpuSeconds(self.pid()).orElse(0.0));
        self.descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("local-stack"))
                .forEach(process -> cpuSeconds(process.pid()).ifPresent(cpu -> seconds.merge(PLATFORM, cpu, Double::sum)));
        // From /proc itself: ProcessHandle.info() left out some backends of PostgreSQL's other user.
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(process -> process.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(ProcessCpu::isPostgres)
                    .forEach(process -> cpuSeconds(Long.parseLong(process.getFileName().toString()))
                            .ifPresent(cpu -> seconds.merge(POSTGRES, cpu, Double::sum)));
        } catch (IOException | UncheckedIOException e) {
            // Not Linux: PostgreSQL's share is not measured.
        }
        return seconds;
    }

    /** What each group used between two snapshots. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((group, seconds) -> used.put(group, Math.max(0, seconds - before.getOrDefault(group, 0.0))));
        return used;
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readSymbolicLink(process.resolve("exe")).toString().endsWith("/postgres");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<Double> cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command in parentheses: state is field 3, utime 14 and stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

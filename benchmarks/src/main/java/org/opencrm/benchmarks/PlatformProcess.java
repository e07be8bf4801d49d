package org.opencrm.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The five services started as {@code ./run.sh} starts them (the local stack's executable jar, the same JVM
 * options), in a process of their own, on the PostgreSQL the benchmark started; its output goes to
 * {@code benchmarks/target/platform-<gateway port>.log}. Set {@code BENCHMARK_PLATFORM_JAVA_OPTS} for its JVM.
 */
final class PlatformProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    /** What the local stack prints once every service listens. */
    private static final String READY = "Gateway (REST):";

    private final Process process;
    private final Path log;

    private PlatformProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static PlatformProcess start(int gatewayPort, int grpcPort, String postgresUrl, String user, String password) {
        Path jar = executableJar();
        Path log = Path.of("benchmarks", "target", "platform-" + gatewayPort + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        String options = System.getenv().getOrDefault("BENCHMARK_PLATFORM_JAVA_OPTS", "-XX:+UseParallelGC -Xmx2g");
        command.addAll(List.of(options.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(java.util.Map.of(
                "CRM_LOCAL_GATEWAY_PORT", Integer.toString(gatewayPort),
                "CRM_LOCAL_GRPC_PORT", Integer.toString(grpcPort),
                "CRM_LOCAL_POSTGRES_URL", postgresUrl,
                "CRM_LOCAL_POSTGRES_USER", user,
                "CRM_LOCAL_POSTGRES_PASSWORD", password,
                "CRM_LOCAL_SEED_DEMO", "false"));
        try {
            Files.createDirectories(log.getParent());
            System.out.println("Starting the platform in its own JVM (" + jar.getFileName() + "), output in " + log);
            Process process = builder.start();
            // Stopped with this JVM too when the benchmark is interrupted (Ctrl-C skips the close in its finally).
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-platform-process"));
            PlatformProcess platform = new PlatformProcess(process, log);
            platform.awaitReady();
            return platform;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the platform: " + command, e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The platform exited with " + process.exitValue() + "; see " + log);
            }
            Gateway.pause(200);
        }
        close();
        throw new IllegalStateException("The platform did not start within " + STARTUP + "; see " + log);
    }

    /** The local stack's executable jar, as {@code scripts/benchmark-run.sh} builds it. */
    private static Path executableJar() {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("local-stack", "target"), "local-stack-*-exec.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        } catch (IOException e) {
            throw new IllegalStateException("No local-stack/target: run from the project's root after a build", e);
        }
        throw new IllegalStateException("No local-stack/target/local-stack-*-exec.jar: build the project first");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "the platform process " + process.pid();
    }
}

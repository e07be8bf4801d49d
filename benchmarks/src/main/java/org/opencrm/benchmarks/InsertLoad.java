package org.opencrm.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-row JDBC inserts from their own JVM, for the schema-change benchmark. In the JVM that runs the platform
 * the inserting threads stopped with it at every garbage collection and safepoint (a 42 ms young collection showed
 * as 84 slow inserts), which is the platform's process and not the database a production client writes to.
 *
 * <p>Run by {@link #start}; the child reads its settings from a file, answers {@code ready} on its standard output
 * once every connection is open, inserts until it reads {@code stop}, and then writes its {@link SampleLog}s.
 */
public final class InsertLoad {

    /** What the child needs: where to connect, the statement and its template values, how many threads, how fast. */
    record Settings(String url, String user, String password, String sql, List<String> templateValues, int threads,
            int perSecond) {
    }

    private final Process process;
    private final BufferedWriter toChild;
    private final Path samples;

    private InsertLoad(Process process, Path samples) {
        this.process = process;
        this.toChild = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.samples = samples;
    }

    /** Starts the child JVM on this JVM's java and classpath and returns once its inserts run. */
    static InsertLoad start(Settings settings) throws IOException {
        Path dir = Files.createTempDirectory("insert-load");
        Path config = dir.resolve("settings.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(config))) {
            out.writeUTF(settings.url());
            out.writeUTF(settings.user());
            out.writeUTF(settings.password());
            out.writeUTF(settings.sql());
            out.writeInt(settings.templateValues().size());
            for (String value : settings.templateValues()) {
                out.writeUTF(value);
            }
            out.writeInt(settings.threads());
            out.writeInt(settings.perSecond());
        }
        Path samples = dir.resolve("samples.bin");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), InsertLoad.class.getName(), config.toString(), samples.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = fromChild.readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("The insert load process did not start: " + line);
        }
        return new InsertLoad(process, samples);
    }

    /** Stops the inserts and returns what each thread ran. */
    List<SampleLog> stop() throws IOException, InterruptedException {
        toChild.write("stop\n");
        toChild.flush();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("The insert load process did not finish cleanly");
        }
        List<SampleLog> logs = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(samples))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                logs.add(SampleLog.readFrom(in));
            }
        }
        return logs;
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(args[0])))) {
            String url = in.readUTF();
            String user = in.readUTF();
            String password = in.readUTF();
            String sql = in.readUTF();
            List<String> values = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                values.add(in.readUTF());
            }
            settings = new Settings(url, user, password, sql, values, in.readInt(), in.readInt());
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        List<SampleLog> logs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
            connections.add(connection);
            SampleLog log = new SampleLog();
            logs.add(log);
            Pacer pacer = Pacer.sharing(settings.perSecond(), settings.threads());
            threads.add(Thread.ofPlatform().name("inserter-" + i).unstarted(
                    () -> insert(connection, settings, pacer, log, stop, sequence)));
        }
        threads.forEach(Thread::start);
        System.out.println("ready");
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        do {
            command = commands.readLine();
        } while (command != null && !command.equals("stop"));
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        for (Connection connection : connections) {
            connection.close();
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            out.writeInt(logs.size());
            for (SampleLog log : logs) {
                log.writeTo(out);
            }
        }
    }

    private static void insert(Connection connection, Settings settings, Pacer pacer, SampleLog log, AtomicBoolean stop,
            AtomicLong sequence) {
        List<String> values = settings.templateValues();
        try (PreparedStatement insert = connection.prepareStatement(settings.sql())) {
            while (!stop.get()) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "live " + sequence.incrementAndGet());
                for (int i = 0; i < values.size(); i++) {
                    insert.setString(i + 3, values.get(i));
                }
                long started = pacer.awaitNext();
                try {
                    insert.executeUpdate();
                    log.record(started, System.nanoTime() - started);
                } catch (SQLException e) {
                    log.failed(e.getSQLState() + " " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            log.failed("could not prepare the insert: " + e.getMessage());
        }
    }
}

package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.embedded.TestInfrastructure;
import org.opencrm.proto.metadata.v1.SchemaOperation;
import org.opencrm.schema.ddl.DdlRenderer;
import org.opencrm.schema.ddl.SearchSupport;

/**
 * Renders the plan of a new workspace as migration-worker does and applies it to a fresh schema of a real
 * PostgreSQL, in one transaction, then checks the catalog and the behaviour of its constraints.
 */
class WorkspacePlanIT {

    private static final UUID WORKSPACE_ID = UUID.randomUUID();
    private static final String SCHEMA = WorkspaceSchemaName.of(WORKSPACE_ID);

    private static Connection connection;
    private static int statementCount;

    @BeforeAll
    static void applyTheWorkspacePlan() throws SQLException {
        connection = DriverManager.getConnection(TestInfrastructure.newDatabase(),
                TestInfrastructure.postgres().username(), TestInfrastructure.postgres().password());
        // What migration-worker's Flyway migration installs before any workspace exists.
        apply(SearchSupport.statements());
        List<String> statements = DdlRenderer.render(WORKSPACE_ID, SCHEMA, SchemaPlans.createWorkspace());
        statementCount = statements.size();
        apply(statements);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void createsEveryStandardTableInOneMigration() throws SQLException {
        assertThat(strings("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename", SCHEMA))
                .containsExactlyInAnyOrder("person", "company", "opportunity", "task", "note", "taskTarget",
                        "noteTarget", "timelineActivity", "workspaceMember", "attachment", "favorite");
        assertThat(statementCount).isEqualTo(SchemaPlans.createWorkspace().size()).isLessThan(250);
    }

    @Test
    void appliesAnotherWholeWorkspaceInUnderTwoSeconds() throws SQLException {
        UUID other = UUID.randomUUID();
        List<String> statements = DdlRenderer.render(other, WorkspaceSchemaName.of(other), SchemaPlans.createWorkspace());

        long started = System.nanoTime();
        apply(statements);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // About 150 ms for its 112 statements on a development machine; the bound leaves room for a busy one.
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void createsTheForeignKeysWithTwentysOnDelete() throws SQLException {
        List<Tuple> foreignKeys = rows("""
                SELECT t.relname, a.attname, r.relname, c.confdeltype::text
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_class r ON r.oid = c.confrelid
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.connamespace = ?::regnamespace AND r.relname NOT LIKE '\\_%'
                """, 4, SCHEMA);

        assertThat(foreignKeys).hasSize(31).contains(
                tuple("person", "companyId", "company", "n"),
                tuple("company", "accountOwnerId", "workspaceMember", "n"),
                tuple("taskTarget", "personId", "person", "c"),
                tuple("timelineActivity", "targetPersonId", "person", "c"),
                tuple("favorite", "forWorkspaceMemberId", "workspaceMember", "c"));
    }

    @Test
    void indexesSearchVectorsUniqueFieldsAndForeignKeys() throws SQLException {
        List<String> definitions = strings(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename NOT LIKE '\\_%'", SCHEMA);

        assertThat(definitions).filteredOn(d -> d.contains("USING gin")).hasSize(6)
                .allSatisfy(d -> assertThat(d).contains("WITH (fastupdate=off)"));
        assertThat(definitions).anySatisfy(d -> assertThat(d).startsWith("CREATE UNIQUE INDEX")
                .contains("\"workspaceMember\"", "\"userEmail\"", "\"deletedAt\" IS NULL"));
        assertThat(definitions).anySatisfy(d -> assertThat(d).contains("idx_opportunity_stage"));
        assertThat(definitions).anySatisfy(d -> assertThat(d).contains("idx_timelineActivity_targetTaskId"));
    }

    @Test
    void fillsTheSearchVectorFromTheSearchFields() throws SQLException {
        UUID person = insert("person", "\"nameFirstName\", \"emailsPrimaryEmail\", \"jobTitle\"",
                "'Ada', 'ada@example.com', 'Engineer'");

        assertThat(strings("SELECT \"searchVector\"::text FROM " + qualified("person") + " WHERE id = ?::uuid",
                person.toString()).getFirst()).contains("'ada'", "'engineer'");
    }

    @Test
    void cascadesAndNullsAsTwentyDoes() throws SQLException {
        UUID person = insert("person", "\"nameFirstName\"", "'Grace'");
        UUID task = insert("task", "\"title\"", "'Call Grace'");
        UUID target = insert("taskTarget", "\"taskId\", \"personId\"", "'" + task + "', '" + person + "'");
        UUID attachment = insert("attachment", "\"personId\", \"taskId\"", "'" + person + "', '" + task + "'");

        execute("DELETE FROM " + qualified("task") + " WHERE id = '" + task + "'");
        assertThat(strings("SELECT coalesce(\"taskId\"::text, 'null') FROM " + qualified("taskTarget")
                + " WHERE id = ?::uuid", target.toString())).containsExactly("null");

        execute("DELETE FROM " + qualified("person") + " WHERE id = '" + person + "'");
        assertThat(strings("SELECT id::text FROM " + qualified("taskTarget") + " WHERE id = ?::uuid",
                target.toString())).isEmpty();
        assertThat(strings("SELECT id::text FROM " + qualified("attachment") + " WHERE id = ?::uuid",
                attachment.toString())).isEmpty();
    }

    @Test
    void relatesANewCustomObjectToTheStandardOnes() throws SQLException {
        ObjectDefinition invoice =
                ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null);
        apply(DdlRenderer.render(WORKSPACE_ID, SCHEMA,
                SchemaPlans.createCustomObject(invoice, StandardObjects.all())));

        UUID invoiceId = insert("_invoice", "\"name\"", "'INV-1'");
        UUID activity = insert("timelineActivity", "\"targetInvoiceId\"", "'" + invoiceId + "'");
        execute("DELETE FROM " + qualified("_invoice") + " WHERE id = '" + invoiceId + "'");

        assertThat(strings("SELECT id::text FROM " + qualified("timelineActivity") + " WHERE id = ?::uuid",
                activity.toString())).isEmpty();
    }

    private static void apply(List<String> statements) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Test data only: the values are literals written by the tests themselves. */
    private static UUID insert(String table, String columns, String values) throws SQLException {
        List<String> ids = strings("INSERT INTO " + qualified(table) + " (" + columns + ") VALUES (" + values
                + ") RETURNING id::text");
        return UUID.fromString(ids.getFirst());
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String qualified(String table) {
        return SqlIdentifiers.quote(SCHEMA) + "." + SqlIdentifiers.quote(table);
    }

    private static List<String> strings(String sql, String... parameters) throws SQLException {
        return rows(sql, 1, parameters).stream().map(row -> (String) row.toArray()[0]).toList();
    }

    private static List<Tuple> rows(String sql, int columns, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<Tuple> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(new Tuple(row));
                }
            }
            return rows;
        }
    }
}

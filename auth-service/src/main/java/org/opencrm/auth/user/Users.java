package org.opencrm.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The accounts in {@code core."user"}; emails compare case-insensitively. */
@Component
public class Users {

    private final JdbcClient jdbc;
    private final Clock clock;

    Users(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates the account, or returns empty when the email is taken (the unique index decides, race-free). */
    public Optional<User> create(String email, String passwordHash) {
        User user = new User(UUID.randomUUID(), email, passwordHash);
        int inserted = jdbc.sql("INSERT INTO core.\"user\" (\"id\", \"email\", \"passwordHash\", \"createdAt\") "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (lower(\"email\")) DO NOTHING")
                .params(user.id(), email, passwordHash, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return inserted == 1 ? Optional.of(user) : Optional.empty();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT \"id\", \"email\", \"passwordHash\" FROM core.\"user\" WHERE lower(\"email\") = lower(?)")
                .param(email)
                .query(Users::user)
                .optional();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT \"id\", \"email\", \"passwordHash\" FROM core.\"user\" WHERE \"id\" = ?")
                .param(id)
                .query(Users::user)
                .optional();
    }

    private static User user(ResultSet row, int rowNumber) throws SQLException {
        return new User(row.getObject("id", UUID.class), row.getString("email"), row.getString("passwordHash"));
    }
}

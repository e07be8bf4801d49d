package org.opencrm.auth.session;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.auth.web.InvalidRequestException;
import org.opencrm.auth.web.Violation;
import org.opencrm.auth.web.Violations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class CredentialsTest {

    @Test
    void acceptsValidEmailAndPassword() {
        assertThatCode(() -> check("ada@example.com", "correct horse")).doesNotThrowAnyException();
    }

    @Test
    void requiresEmailAndPassword() {
        assertThat(violations(null, null)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("email", "required"),
                        tuple("password", "required"));
    }

    @Test
    void rejectsEmailWithoutDomain() {
        assertThat(violations("ada@localhost", "correct horse")).singleElement()
                .extracting(Violation::field, Violation::rule)
                .containsExactly("email", "email");
    }

    @Test
    void rejectsEmailWithSpaces() {
        assertThat(violations("ada lovelace@example.com", "correct horse")).singleElement()
                .extracting(Violation::rule).isEqualTo("email");
    }

    @Test
    void rejectsPasswordShorterThanEightCharacters() {
        assertThat(violations("ada@example.com", "1234567")).singleElement()
                .extracting(Violation::field, Violation::rule)
                .containsExactly("password", "min-length");
    }

    @Test
    void rejectsPasswordBcryptWouldTruncate() {
        assertThat(violations("ada@example.com", "é".repeat(37))).singleElement()
                .extracting(Violation::rule).isEqualTo("max-length");
    }

    @Test
    void normalizesEmailForStorageAndComparison() {
        assertThat(Credentials.normalizedEmail("  Ada@Example.COM ")).isEqualTo("ada@example.com");
    }

    private static void check(String email, String password) {
        Violations violations = new Violations();
        Credentials.checkEmail(email, violations);
        Credentials.checkNewPassword(password, violations);
        violations.throwIfAny();
    }

    private static List<Violation> violations(String email, String password) {
        return catchThrowableOfType(InvalidRequestException.class, () -> check(email, password)).violations();
    }
}

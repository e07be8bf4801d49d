package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {

    @Test
    void quotesAPlainName() {
        assertThat(SqlIdentifiers.quote("nameFirstName")).isEqualTo("\"nameFirstName\"");
    }

    @Test
    void doublesEmbeddedQuotesSoAnInjectionStaysOneIdentifier() {
        assertThat(SqlIdentifiers.quote("a\"; drop schema public; --"))
                .isEqualTo("\"a\"\"; drop schema public; --\"");
    }

    @Test
    void qualifiesATableWithItsSchema() {
        assertThat(SqlIdentifiers.qualify("workspace_1", "person")).isEqualTo("\"workspace_1\".\"person\"");
    }

    @Test
    void acceptsSixtyThreeBytes() {
        String name = "a".repeat(63);

        assertThat(SqlIdentifiers.quote(name)).isEqualTo('"' + name + '"');
    }

    @Test
    void rejectsNamesOverSixtyThreeBytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> SqlIdentifiers.quote("a".repeat(64)));
    }

    @Test
    void countsBytesNotCharacters() {
        // 32 two-byte characters: 32 characters, 64 bytes.
        assertThatIllegalArgumentException().isThrownBy(() -> SqlIdentifiers.quote("é".repeat(32)));
    }

    @Test
    void rejectsNul() {
        assertThatIllegalArgumentException().isThrownBy(() -> SqlIdentifiers.quote("a\0b"));
    }

    @Test
    void rejectsEmptyAndNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> SqlIdentifiers.quote(""));
        assertThatIllegalArgumentException().isThrownBy(() -> SqlIdentifiers.quote(null));
    }
}

package org.opencrm.metadata.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.api.InvalidInputException;
import org.opencrm.metadata.api.Violation;

class DisplayNameTest {

    @Test
    void acceptsOneToAHundredCharacters() {
        assertThat(WorkspaceProvisioning.validDisplayName("A")).isEqualTo("A");
        assertThat(WorkspaceProvisioning.validDisplayName(" Acme ")).isEqualTo("Acme");
        assertThat(WorkspaceProvisioning.validDisplayName("x".repeat(100))).hasSize(100);
    }

    @Test
    void rejectsMissingBlankAndTooLongNames() {
        assertThat(rule(null)).isEqualTo("required");
        assertThat(rule("   ")).isEqualTo("required");
        assertThat(rule("x".repeat(101))).isEqualTo("too-long");
    }

    private static String rule(String displayName) {
        Violation violation = catchThrowableOfType(InvalidInputException.class,
                () -> WorkspaceProvisioning.validDisplayName(displayName)).violations().getFirst();
        assertThat(violation.field()).isEqualTo("displayName");
        return violation.rule();
    }
}

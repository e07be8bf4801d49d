package org.opencrm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Set<String> KNOWN = Set.of("rows", "out");

    @Test
    void readsSpacedAndEqualsFormsWithDefaultsForTheRest() {
        Options options = Options.parse(new String[] {"--rows", "1_000_000", "--out=x.md"}, KNOWN);

        assertThat(options.integer("rows", 5)).isEqualTo(1_000_000);
        assertThat(options.text("out", "default.md")).isEqualTo("x.md");
        assertThat(Options.parse(new String[0], KNOWN).integer("rows", 5)).isEqualTo(5);
    }

    @Test
    void refusesUnknownOptionsMissingValuesAndNegativeNumbers() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--row", "1"}, KNOWN)).hasMessageContaining("Unknown option --row");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rows"}, KNOWN)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"rows"}, KNOWN)).hasMessageContaining("Expected --option");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rows", "-3"}, KNOWN).integer("rows", 0))
                .hasMessageContaining("--rows must be a whole number");
    }
}

package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnValuesTest {

    @Test
    void printsWholeNumbersWithoutAFraction() {
        assertThat(ColumnValues.doubleNode(500d).toString()).isEqualTo("500");
        assertThat(ColumnValues.doubleNode(-3d).toString()).isEqualTo("-3");
        assertThat(ColumnValues.doubleNode(12.5).toString()).isEqualTo("12.5");
        assertThat(ColumnValues.doubleNode(1e300).toString()).isEqualTo("1.0E300");
    }
}

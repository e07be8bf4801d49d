package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectTablesTest {

    @Test
    void standardObjectTableIsItsNameSingular() {
        assertThat(ObjectTables.tableName("person", false)).isEqualTo("person");
    }

    @Test
    void customObjectTableIsPrefixedWithUnderscore() {
        assertThat(ObjectTables.tableName("invoice", true)).isEqualTo("_invoice");
    }
}

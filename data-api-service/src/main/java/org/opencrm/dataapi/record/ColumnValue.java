package org.opencrm.dataapi.record;

import org.opencrm.proto.metadata.v1.Column;

import tools.jackson.databind.JsonNode;

/** A validated value for one column; JSON null stands for SQL NULL. */
record ColumnValue(Column column, JsonNode value) {
}

package org.opencrm.dataapi.record;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.opencrm.dataapi.model.ObjectModel;
import org.opencrm.schema.FieldColumn;
import org.springframework.jdbc.core.RowMapper;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a row of an object's table into the record's REST JSON: composite parts nested under their field, the
 * many-to-one side of a relation as its {@code <field>Id}. One instance serves one query.
 */
final class RecordRowMapper implements RowMapper<ObjectNode> {

    private final Collection<RecordKey> keys;
    private Set<String> columnsOfResult;

    RecordRowMapper(ObjectModel object) {
        this.keys = RecordKey.of(object).values();
    }

    @Override
    public ObjectNode mapRow(ResultSet row, int rowNum) throws SQLException {
        Set<String> present = columnsOf(row);
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (RecordKey key : keys) {
            if (key.composite()) {
                ObjectNode parts = JsonNodeFactory.instance.objectNode();
                for (FieldColumn column : key.columns()) {
                    if (present.contains(column.columnName())) {
                        parts.set(column.subField(), ColumnValues.read(row, column.column()));
                    }
                }
                if (!parts.isEmpty()) {
                    record.set(key.key(), parts);
                }
            } else {
                FieldColumn column = key.columns().getFirst();
                if (present.contains(column.columnName())) {
                    record.set(key.key(), ColumnValues.read(row, column.column()));
                }
            }
        }
        return record;
    }

    /** A column metadata lists but the table lacks (a migration in flight) is left out rather than failing the read. */
    private Set<String> columnsOf(ResultSet row) throws SQLException {
        if (columnsOfResult == null) {
            ResultSetMetaData metaData = row.getMetaData();
            Set<String> names = new HashSet<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                names.add(metaData.getColumnName(i));
            }
            columnsOfResult = names;
        }
        return columnsOfResult;
    }
}

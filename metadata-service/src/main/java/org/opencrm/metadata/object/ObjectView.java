package org.opencrm.metadata.object;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.opencrm.metadata.field.FieldView;
import org.opencrm.metadata.migration.MigrationStatus;

/**
 * An object as the metadata API shows it, with its fields. {@code migrationStatus} is the status of the
 * migration that creates its table.
 */
record ObjectView(
        UUID id,
        String nameSingular,
        String namePlural,
        String labelSingular,
        String labelPlural,
        String description,
        String icon,
        String targetTableName,
        boolean isCustom,
        boolean isActive,
        boolean isSystem,
        MigrationStatus migrationStatus,
        UUID migrationId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String migrationError,
        List<FieldView> fields) {

    ObjectView withFields(List<FieldView> newFields) {
        return new ObjectView(id, nameSingular, namePlural, labelSingular, labelPlural, description, icon,
                targetTableName, isCustom, isActive, isSystem, migrationStatus, migrationId, migrationError, newFields);
    }
}

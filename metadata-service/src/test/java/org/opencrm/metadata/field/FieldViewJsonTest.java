package org.opencrm.metadata.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.metadata.migration.MigrationStatus;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FieldViewJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void keepsTwentysPropertyNames() {
        JsonNode shown = json.valueToTree(view(MigrationStatus.PENDING, null));

        assertThat(shown.propertyNames()).contains("id", "objectMetadataId", "name", "label", "type", "isCustom",
                "isActive", "isNullable", "isUnique", "defaultValue", "options", "settings", "relation",
                "migrationStatus", "migrationId");
        assertThat(shown.path("isCustom").asBoolean()).isTrue();
        assertThat(shown.path("migrationStatus").asString()).isEqualTo("PENDING");
    }

    @Test
    void showsTheMigrationErrorOnlyWhenThereIsOne() {
        assertThat(json.valueToTree(view(MigrationStatus.APPLIED, null)).has("migrationError")).isFalse();
        assertThat(json.valueToTree(view(MigrationStatus.FAILED, "lock timeout")).path("migrationError").asString())
                .isEqualTo("lock timeout");
    }

    private static FieldView view(MigrationStatus status, String error) {
        return new FieldView(UUID.randomUUID(), UUID.randomUUID(), "nickname", "Nickname", "TEXT", null, null, true,
                true, false, true, false, null, null, null, null, status, UUID.randomUUID(), error);
    }
}

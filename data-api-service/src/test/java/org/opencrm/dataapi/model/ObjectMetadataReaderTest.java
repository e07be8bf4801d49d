package org.opencrm.dataapi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opencrm.schema.FieldColumn;
import org.opencrm.schema.FieldType;

import tools.jackson.databind.json.JsonMapper;

class ObjectMetadataReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID WORKSPACE = UUID.randomUUID();

    private static final String RESPONSE = """
            {"data": {"objects": [
              {"id": "11111111-1111-1111-1111-111111111111", "nameSingular": "pet", "namePlural": "pets",
               "isCustom": true, "isActive": true, "migrationStatus": "APPLIED", "fields": [
                 {"id": "21111111-1111-1111-1111-111111111111", "name": "id", "type": "UUID", "isActive": true,
                  "migrationStatus": "APPLIED"},
                 {"id": "31111111-1111-1111-1111-111111111111", "name": "species", "type": "SELECT",
                  "isActive": true, "isNullable": false, "migrationStatus": "APPLIED",
                  "options": [{"value": "DOG", "label": "Dog", "position": 0}, {"value": "CAT", "label": "Cat"}]},
                 {"id": "41111111-1111-1111-1111-111111111111", "name": "owner", "type": "RELATION",
                  "isActive": true, "migrationStatus": "APPLIED",
                  "settings": {"relationType": "MANY_TO_ONE", "onDelete": "CASCADE", "joinColumnName": "ownerId"},
                  "relation": {"targetObjectNameSingular": "person", "type": "MANY_TO_ONE", "onDelete": "CASCADE",
                               "targetFieldMetadataId": "51111111-1111-1111-1111-111111111111"}},
                 {"id": "61111111-1111-1111-1111-111111111111", "name": "nickname", "type": "TEXT",
                  "isActive": true, "migrationStatus": "PENDING"},
                 {"id": "71111111-1111-1111-1111-111111111111", "name": "legacy", "type": "TEXT",
                  "isActive": false, "migrationStatus": "APPLIED"}]},
              {"id": "81111111-1111-1111-1111-111111111111", "nameSingular": "robot", "namePlural": "robots",
               "isCustom": true, "isActive": true, "migrationStatus": "PENDING", "fields": []},
              {"id": "91111111-1111-1111-1111-111111111111", "nameSingular": "ghost", "namePlural": "ghosts",
               "isCustom": true, "isActive": false, "migrationStatus": "APPLIED", "fields": []}
            ]}, "totalCount": 3}""";

    @Test
    void keepsOnlyActiveObjectsAndAppliedActiveFields() {
        WorkspaceDataModel model = ObjectMetadataReader.read(WORKSPACE, JSON.readTree(RESPONSE));

        assertThat(model.objects()).extracting(ObjectModel::namePlural).containsExactly("pets");
        ObjectModel pets = model.objectByPlural("pets").orElseThrow();
        assertThat(model.objectBySingular("pet")).contains(pets);
        assertThat(pets.tableName()).isEqualTo("_pet");
        assertThat(pets.fields()).extracting(FieldModel::name).containsExactly("id", "createdAt", "updatedAt",
                "deletedAt", "position", "createdBy", "updatedBy", "species", "owner");
    }

    @Test
    void readsTypesAndTheirColumns() {
        ObjectModel pets = ObjectMetadataReader.read(WORKSPACE, JSON.readTree(RESPONSE)).objectByPlural("pets")
                .orElseThrow();

        FieldModel species = pets.field("species").orElseThrow();
        assertThat(species.type()).isInstanceOfSatisfying(FieldType.Select.class,
                select -> assertThat(select.options()).extracting(o -> o.value()).containsExactly("DOG", "CAT"));
        assertThat(species.nullable()).isFalse();
        assertThat(species.columns().getFirst().column().getEnumTypeName()).isEqualTo("_pet_species_enum");

        FieldModel owner = pets.field("owner").orElseThrow();
        assertThat(owner.columns()).extracting(FieldColumn::columnName).containsExactly("ownerId");
        assertThat(pets.field("id").orElseThrow().id()).isEqualTo(UUID.fromString("21111111-1111-1111-1111-111111111111"));
        assertThat(pets.field("createdBy").orElseThrow().columns()).extracting(FieldColumn::columnName)
                .containsExactly("createdBySource", "createdByWorkspaceMemberId", "createdByName", "createdByContext");
    }
}

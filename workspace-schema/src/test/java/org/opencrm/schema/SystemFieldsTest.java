package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.DefaultFunction;

class SystemFieldsTest {

    private static final ObjectDefinition COMPANY = StandardObjects.find("company").orElseThrow();

    @Test
    void areTwentysSystemFields() {
        assertThat(SystemFields.of(COMPANY))
                .extracting(FieldDefinition::name, f -> f.type().typeName(), FieldDefinition::nullable)
                .containsExactly(
                        tuple("id", "UUID", false),
                        tuple("createdAt", "DATE_TIME", false),
                        tuple("updatedAt", "DATE_TIME", false),
                        tuple("deletedAt", "DATE_TIME", true),
                        tuple("position", "POSITION", true),
                        tuple("createdBy", "ACTOR", false),
                        tuple("updatedBy", "ACTOR", false),
                        tuple("searchVector", "TS_VECTOR", true));
        assertThat(SystemFields.NAMES).allMatch(SystemFields::isSystemField);
        assertThat(SystemFields.isSystemField("name")).isFalse();
    }

    @Test
    void findsTheSearchFieldsAgainFromTheStoredSearchVector() {
        List<ObjectDefinition> objects = new ArrayList<>(StandardObjects.all());
        objects.add(ObjectDefinition.newCustomObject("invoice", "invoices", "Invoice", "Invoices", null));
        for (ObjectDefinition object : objects) {
            FieldType.TsVector stored = (FieldType.TsVector) SystemFields.of(object).getLast().type();

            assertThat(SystemFields.searchFields(object.fields(), stored)).as(object.nameSingular())
                    .isEqualTo(object.searchFields());
        }
        FieldType.TsVector person = (FieldType.TsVector) SystemFields.of(StandardObjects.find("person").orElseThrow())
                .getLast().type();
        assertThat(person.sources()).isNotEmpty();
    }

    @Test
    void stampsTimesWithNow() {
        assertThat(SystemFields.of(COMPANY)).filteredOn(f -> f.name().endsWith("At") && !f.nullable())
                .extracting(f -> f.defaultValue().toProto())
                .containsOnly(ColumnDefault.newBuilder().setFunction(DefaultFunction.DEFAULT_FUNCTION_NOW).build());
    }

    @Test
    void searchesTheSearchablePartsOfTheSearchFields() {
        assertThat(SystemFields.searchSourceColumns(COMPANY))
                .containsExactly("name", "domainNamePrimaryLinkLabel", "domainNamePrimaryLinkUrl");
        assertThat(SystemFields.of(COMPANY).getLast().type()).isEqualTo(FieldType.TsVector.ofTextColumns(
                List.of("name", "domainNamePrimaryLinkLabel", "domainNamePrimaryLinkUrl")));
    }

    @Test
    void searchesEmailsWithTheirDomainAndPhonesWithTheirCallingCode() {
        ObjectDefinition person = StandardObjects.find("person").orElseThrow();

        assertThat(SystemFields.searchSources(person)).containsExactly(
                SearchSource.text("nameFirstName"),
                SearchSource.text("nameLastName"),
                new SearchSource("emailsPrimaryEmail", SearchSource.Kind.EMAIL, null),
                new SearchSource("phonesPrimaryPhoneNumber", SearchSource.Kind.PHONE, "phonesPrimaryPhoneCallingCode"),
                SearchSource.text("phonesPrimaryPhoneCallingCode"),
                SearchSource.text("jobTitle"));
    }

    @Test
    void searchesRichTextByItsMarkdown() {
        ObjectDefinition task = StandardObjects.find("task").orElseThrow();

        assertThat(SystemFields.searchSourceColumns(task)).containsExactly("title", "bodyV2Markdown");
    }

    @Test
    void knowsWhichTypesHoldSearchableText() {
        assertThat(SystemFields.isSearchable(new FieldType.Text())).isTrue();
        assertThat(SystemFields.isSearchable(new FieldType.FullName())).isTrue();
        assertThat(SystemFields.isSearchable(new FieldType.RichTextV2())).isTrue();
        assertThat(SystemFields.isSearchable(new FieldType.Number())).isFalse();
        assertThat(SystemFields.isSearchable(new FieldType.RawJson())).isFalse();
    }
}

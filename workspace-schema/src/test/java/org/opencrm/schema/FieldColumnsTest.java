package org.opencrm.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_BOOLEAN;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_DATE;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_DOUBLE;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_ENUM;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_JSONB;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_NUMERIC;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_TEXT;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_TIMESTAMPTZ;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_TSVECTOR;
import static org.opencrm.proto.metadata.v1.ColumnType.COLUMN_TYPE_UUID;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.opencrm.proto.metadata.v1.Column;
import org.opencrm.proto.metadata.v1.SearchSourceKind;
import org.opencrm.proto.metadata.v1.ColumnDefault;
import org.opencrm.proto.metadata.v1.CreateEnumType;
import org.opencrm.proto.metadata.v1.DefaultFunction;

class FieldColumnsTest {

    private static final String TABLE = "_invoice";

    private static final List<SelectOption> OPTIONS = List.of(
            new SelectOption("OPEN", "Open", "green", 0),
            new SelectOption("PAID", "Paid", "blue", 1));

    @Test
    void mapsAtomicTypesToOneColumnNamedAfterTheField() {
        assertColumn(new FieldType.Uuid(), COLUMN_TYPE_UUID);
        assertColumn(new FieldType.Text(), COLUMN_TYPE_TEXT);
        assertColumn(new FieldType.RichText(), COLUMN_TYPE_TEXT);
        assertColumn(new FieldType.Number(), COLUMN_TYPE_DOUBLE);
        assertColumn(new FieldType.Position(), COLUMN_TYPE_DOUBLE);
        assertColumn(new FieldType.Numeric(), COLUMN_TYPE_NUMERIC);
        assertColumn(new FieldType.Boolean(), COLUMN_TYPE_BOOLEAN);
        assertColumn(new FieldType.Date(), COLUMN_TYPE_DATE);
        assertColumn(new FieldType.DateTime(), COLUMN_TYPE_TIMESTAMPTZ);
        assertColumn(new FieldType.RawJson(), COLUMN_TYPE_JSONB);
    }

    @Test
    void mapsArrayToATextArray() {
        Column column = only(new FieldType.Array());

        assertThat(column.getType()).isEqualTo(COLUMN_TYPE_TEXT);
        assertThat(column.getArray()).isTrue();
    }

    @Test
    void mapsSelectToAnEnumTypeNamedAfterTableAndColumn() {
        FieldDefinition status = FieldDefinition.of("status", "Status", new FieldType.Select(OPTIONS));

        Column column = FieldColumns.of(TABLE, status).getFirst().column();

        assertThat(column.getType()).isEqualTo(COLUMN_TYPE_ENUM);
        assertThat(column.getEnumTypeName()).isEqualTo("_invoice_status_enum");
        assertThat(column.getArray()).isFalse();
        assertThat(FieldColumns.enumTypes(TABLE, status)).containsExactly(CreateEnumType.newBuilder()
                .setTypeName("_invoice_status_enum").addValues("OPEN").addValues("PAID").build());
    }

    @Test
    void mapsMultiSelectToAnArrayOfItsEnum() {
        FieldDefinition tags = FieldDefinition.of("tags", "Tags", new FieldType.MultiSelect(OPTIONS));

        Column column = FieldColumns.of(TABLE, tags).getFirst().column();

        assertThat(column.getType()).isEqualTo(COLUMN_TYPE_ENUM);
        assertThat(column.getEnumTypeName()).isEqualTo("_invoice_tags_enum");
        assertThat(column.getArray()).isTrue();
        assertThat(FieldColumns.enumTypes(TABLE, tags).getFirst().getValuesList()).containsExactly("OPEN", "PAID");
    }

    @Test
    void mapsRatingToTheFixedRatingEnum() {
        FieldDefinition rating = FieldDefinition.of("score", "Score", new FieldType.Rating());

        assertThat(FieldColumns.of(TABLE, rating).getFirst().column().getEnumTypeName())
                .isEqualTo("_invoice_score_enum");
        assertThat(FieldColumns.enumTypes(TABLE, rating).getFirst().getValuesList())
                .containsExactly("RATING_1", "RATING_2", "RATING_3", "RATING_4", "RATING_5");
    }

    @Test
    void mapsTsVectorToAGeneratedColumnOverItsSources() {
        Column column = FieldColumns.of(TABLE, FieldDefinition.of("searchVector", "Search",
                new FieldType.TsVector(List.of(SearchSource.text("name"),
                        new SearchSource("emailsPrimaryEmail", SearchSource.Kind.EMAIL, null),
                        new SearchSource("phonesPrimaryPhoneNumber", SearchSource.Kind.PHONE,
                                "phonesPrimaryPhoneCallingCode"))))).getFirst().column();

        assertThat(column.getType()).isEqualTo(COLUMN_TYPE_TSVECTOR);
        assertThat(column.getSearchSourceColumnsList())
                .containsExactly("name", "emailsPrimaryEmail", "phonesPrimaryPhoneNumber");
        assertThat(column.getSearchSourcesList())
                .extracting(s -> s.getColumn(), s -> s.getKind(), s -> s.getCallingCodeColumn())
                .containsExactly(
                        tuple("name", SearchSourceKind.SEARCH_SOURCE_KIND_TEXT, ""),
                        tuple("emailsPrimaryEmail", SearchSourceKind.SEARCH_SOURCE_KIND_EMAIL, ""),
                        tuple("phonesPrimaryPhoneNumber", SearchSourceKind.SEARCH_SOURCE_KIND_PHONE,
                                "phonesPrimaryPhoneCallingCode"));
    }

    @Test
    void mapsFullName() {
        assertComposite(new FieldType.FullName(), "name",
                tuple("firstName", "nameFirstName", COLUMN_TYPE_TEXT),
                tuple("lastName", "nameLastName", COLUMN_TYPE_TEXT));
    }

    @Test
    void mapsEmails() {
        assertComposite(new FieldType.Emails(), "emails",
                tuple("primaryEmail", "emailsPrimaryEmail", COLUMN_TYPE_TEXT),
                tuple("additionalEmails", "emailsAdditionalEmails", COLUMN_TYPE_JSONB));
    }

    @Test
    void mapsPhones() {
        assertComposite(new FieldType.Phones(), "phones",
                tuple("primaryPhoneNumber", "phonesPrimaryPhoneNumber", COLUMN_TYPE_TEXT),
                tuple("primaryPhoneCountryCode", "phonesPrimaryPhoneCountryCode", COLUMN_TYPE_TEXT),
                tuple("primaryPhoneCallingCode", "phonesPrimaryPhoneCallingCode", COLUMN_TYPE_TEXT),
                tuple("additionalPhones", "phonesAdditionalPhones", COLUMN_TYPE_JSONB));
    }

    @Test
    void mapsLinks() {
        assertComposite(new FieldType.Links(), "domainName",
                tuple("primaryLinkLabel", "domainNamePrimaryLinkLabel", COLUMN_TYPE_TEXT),
                tuple("primaryLinkUrl", "domainNamePrimaryLinkUrl", COLUMN_TYPE_TEXT),
                tuple("secondaryLinks", "domainNameSecondaryLinks", COLUMN_TYPE_JSONB));
    }

    @Test
    void mapsAddress() {
        assertComposite(new FieldType.Address(), "address",
                tuple("addressStreet1", "addressAddressStreet1", COLUMN_TYPE_TEXT),
                tuple("addressStreet2", "addressAddressStreet2", COLUMN_TYPE_TEXT),
                tuple("addressCity", "addressAddressCity", COLUMN_TYPE_TEXT),
                tuple("addressPostcode", "addressAddressPostcode", COLUMN_TYPE_TEXT),
                tuple("addressState", "addressAddressState", COLUMN_TYPE_TEXT),
                tuple("addressCountry", "addressAddressCountry", COLUMN_TYPE_TEXT),
                tuple("addressLat", "addressAddressLat", COLUMN_TYPE_NUMERIC),
                tuple("addressLng", "addressAddressLng", COLUMN_TYPE_NUMERIC));
    }

    @Test
    void mapsCurrency() {
        assertComposite(new FieldType.Currency(), "amount",
                tuple("amountMicros", "amountAmountMicros", COLUMN_TYPE_NUMERIC),
                tuple("currencyCode", "amountCurrencyCode", COLUMN_TYPE_TEXT));
    }

    @Test
    void mapsActorWithItsSourceEnum() {
        FieldDefinition createdBy = FieldDefinition.of("createdBy", "Created by", new FieldType.Actor());

        assertComposite(new FieldType.Actor(), "createdBy",
                tuple("source", "createdBySource", COLUMN_TYPE_ENUM),
                tuple("workspaceMemberId", "createdByWorkspaceMemberId", COLUMN_TYPE_UUID),
                tuple("name", "createdByName", COLUMN_TYPE_TEXT),
                tuple("context", "createdByContext", COLUMN_TYPE_JSONB));
        Column source = FieldColumns.of(TABLE, createdBy).getFirst().column();
        assertThat(source.getEnumTypeName()).isEqualTo("_invoice_createdBySource_enum");
        assertThat(source.getDefaultValue().getEnumValue()).isEqualTo("MANUAL");
        assertThat(FieldColumns.enumTypes(TABLE, createdBy)).containsExactly(CreateEnumType.newBuilder()
                .setTypeName("_invoice_createdBySource_enum")
                .addAllValues(
                        List.of("EMAIL", "CALENDAR", "WORKFLOW", "API", "IMPORT", "MANUAL", "SYSTEM", "WEBHOOK"))
                .build());
    }

    @Test
    void mapsRichTextV2() {
        assertComposite(new FieldType.RichTextV2(), "bodyV2",
                tuple("blocknote", "bodyV2Blocknote", COLUMN_TYPE_TEXT),
                tuple("markdown", "bodyV2Markdown", COLUMN_TYPE_TEXT));
    }

    @Test
    void givesCompositeTextPartsTwentysEmptyDefault() {
        List<FieldColumn> columns =
                FieldColumns.of(TABLE, FieldDefinition.of("name", "Name", new FieldType.FullName()));

        assertThat(columns).allSatisfy(column -> {
            assertThat(column.column().getDefaultValue().getText()).isEmpty();
            assertThat(column.column().getDefaultValue().hasText()).isTrue();
            assertThat(column.column().getNullable()).isTrue();
        });
    }

    @Test
    void mapsManyToOneRelationToAForeignKeyColumn() {
        FieldDefinition company = FieldDefinition.of("company", "Company",
                FieldType.Relation.manyToOne("company", "invoices", OnDelete.CASCADE));

        assertThat(FieldColumns.of(TABLE, company))
                .extracting(FieldColumn::subField, FieldColumn::columnName, c -> c.column().getType())
                .containsExactly(tuple(null, "companyId", COLUMN_TYPE_UUID));
    }

    @Test
    void mapsOneToManyRelationToNoColumn() {
        FieldDefinition invoices = FieldDefinition.of("invoices", "Invoices",
                FieldType.Relation.oneToMany("invoice", "company"));

        assertThat(FieldColumns.of("company", invoices)).isEmpty();
    }

    @Test
    void mapsMorphRelationToOneColumnPerTarget() {
        FieldDefinition target = FieldDefinition.of("target", "Target",
                new FieldType.MorphRelation(List.of("person", "company"), OnDelete.CASCADE));

        assertThat(FieldColumns.of(TABLE, target))
                .extracting(FieldColumn::subField, FieldColumn::columnName, c -> c.column().getType())
                .containsExactly(
                        tuple("person", "targetPersonId", COLUMN_TYPE_UUID),
                        tuple("company", "targetCompanyId", COLUMN_TYPE_UUID));
    }

    @Test
    void carriesNullabilityAndDefaultOfAtomicFields() {
        FieldDefinition stage = FieldDefinition.of("stage", "Stage", new FieldType.Select(OPTIONS))
                .withDefault(new DefaultValue.EnumValue("OPEN"))
                .notNull();

        Column column = FieldColumns.of(TABLE, stage).getFirst().column();

        assertThat(column.getNullable()).isFalse();
        assertThat(column.getDefaultValue()).isEqualTo(ColumnDefault.newBuilder().setEnumValue("OPEN").build());
    }

    @Test
    void makesTheSystemIdThePrimaryKeyWithARandomDefault() {
        FieldDefinition id = SystemFields.of(StandardObjects.find("person").orElseThrow()).getFirst();

        Column column = FieldColumns.of("person", id).getFirst().column();

        assertThat(column.getName()).isEqualTo("id");
        assertThat(column.getPrimaryKey()).isTrue();
        assertThat(column.getNullable()).isFalse();
        assertThat(column.getDefaultValue().getFunction()).isEqualTo(DefaultFunction.DEFAULT_FUNCTION_GEN_RANDOM_UUID);
    }

    @Test
    void anOrdinaryUuidFieldIsNoPrimaryKey() {
        assertThat(only(new FieldType.Uuid()).getPrimaryKey()).isFalse();
    }

    @Test
    void describesCompositePartsForDataApi() {
        assertThat(CompositeSubFields.isComposite(new FieldType.Currency())).isTrue();
        assertThat(CompositeSubFields.isComposite(new FieldType.Text())).isFalse();
        assertThat(CompositeSubFields.of(new FieldType.Currency()))
                .extracting(CompositeSubField::name, sub -> sub.columnName("amount"), CompositeSubField::columnType)
                .containsExactly(
                        tuple("amountMicros", "amountAmountMicros", COLUMN_TYPE_NUMERIC),
                        tuple("currencyCode", "amountCurrencyCode", COLUMN_TYPE_TEXT));
    }

    private static Column only(FieldType type) {
        List<FieldColumn> columns = FieldColumns.of(TABLE, FieldDefinition.of("amount", "Amount", type));
        assertThat(columns).hasSize(1);
        assertThat(columns.getFirst().subField()).isNull();
        return columns.getFirst().column();
    }

    private static void assertColumn(FieldType type, org.opencrm.proto.metadata.v1.ColumnType expected) {
        Column column = only(type);
        assertThat(column.getName()).as(type.typeName()).isEqualTo("amount");
        assertThat(column.getType()).as(type.typeName()).isEqualTo(expected);
        assertThat(column.getArray()).as(type.typeName()).isFalse();
    }

    private static void assertComposite(FieldType type, String fieldName, Tuple... expected) {
        assertThat(FieldColumns.of(TABLE, FieldDefinition.of(fieldName, "Label", type)))
                .extracting(FieldColumn::subField, FieldColumn::columnName, c -> c.column().getType())
                .containsExactly(expected);
    }
}

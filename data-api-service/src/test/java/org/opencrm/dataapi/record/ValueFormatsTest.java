package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.schema.FieldType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ValueFormatsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void acceptsEmailsOfAnyTopLevelDomainAndRefusesMalformedOnes() {
        assertThat(rules(new FieldType.Emails(), "primaryEmail", "\"ada@example.museum\"")).isEmpty();
        assertThat(rules(new FieldType.Emails(), "primaryEmail", "\"a@b.c\"")).isEmpty();
        assertThat(rules(new FieldType.Emails(), "primaryEmail", "\"\"")).isEmpty();
        assertThat(rules(new FieldType.Emails(), "primaryEmail", "\"ada@example\"")).containsExactly("email");
        assertThat(rules(new FieldType.Emails(), "primaryEmail", "\"a b@example.com\"")).containsExactly("email");
        assertThat(rules(new FieldType.Emails(), "additionalEmails", "[\"x@y.z\", \"@y.z\"]")).containsExactly("email");
    }

    @Test
    void acceptsLinksWithOrWithoutSchemeButNotOtherSchemes() {
        assertThat(rules(new FieldType.Links(), "primaryLinkUrl", "\"example.com/path?q=1\"")).isEmpty();
        assertThat(rules(new FieldType.Links(), "primaryLinkUrl", "\"https://sub.example.co.uk\"")).isEmpty();
        assertThat(rules(new FieldType.Links(), "primaryLinkUrl", "\"javascript:alert(1)\"")).containsExactly("url");
        assertThat(rules(new FieldType.Links(), "primaryLinkUrl", "\"ftp://example.com\"")).containsExactly("url");
        assertThat(rules(new FieldType.Links(), "primaryLinkUrl", "\"no spaces.com\"")).containsExactly("url");
        assertThat(rules(new FieldType.Links(), "secondaryLinks", "[{\"url\": \"nope\"}]")).containsExactly("url");
    }

    @Test
    void checksPhoneNumbersCountryAndCallingCodes() {
        assertThat(rules(new FieldType.Phones(), "primaryPhoneNumber", "\"+1 (555) 010-9999\"")).isEmpty();
        assertThat(rules(new FieldType.Phones(), "primaryPhoneNumber", "\"12\"")).containsExactly("phone");
        assertThat(rules(new FieldType.Phones(), "primaryPhoneNumber", "\"1234567890123456\"")).containsExactly("phone");
        assertThat(rules(new FieldType.Phones(), "primaryPhoneCountryCode", "\"FR\"")).isEmpty();
        assertThat(rules(new FieldType.Phones(), "primaryPhoneCountryCode", "\"FRA\"")).containsExactly("country-code");
        assertThat(rules(new FieldType.Phones(), "primaryPhoneCallingCode", "\"+33\"")).isEmpty();
        assertThat(rules(new FieldType.Phones(), "additionalPhones", "[{\"number\": \"x\"}]")).containsExactly("phone");
    }

    @Test
    void checksCurrencyCodesWholeMicrosAndCoordinates() {
        assertThat(rules(new FieldType.Currency(), "currencyCode", "\"JPY\"")).isEmpty();
        assertThat(rules(new FieldType.Currency(), "currencyCode", "\"XYZ\"")).containsExactly("currency-code");
        assertThat(rules(new FieldType.Currency(), "amountMicros", "1500000")).isEmpty();
        assertThat(rules(new FieldType.Currency(), "amountMicros", "1500000.0")).isEmpty();
        assertThat(rules(new FieldType.Currency(), "amountMicros", "0.5")).containsExactly("whole-number");
        assertThat(rules(new FieldType.Address(), "addressLng", "-180")).isEmpty();
        assertThat(rules(new FieldType.Address(), "addressLng", "180.5")).containsExactly("range");
    }

    private static List<String> rules(FieldType type, String subField, String json) {
        JsonNode value = JSON.readTree(json);
        return ValueFormats.check(type, subField, "field." + subField, value).stream().map(Violation::rule).toList();
    }
}

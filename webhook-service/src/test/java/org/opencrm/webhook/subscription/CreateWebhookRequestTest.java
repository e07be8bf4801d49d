package org.opencrm.webhook.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencrm.webhook.FieldViolation;
import org.opencrm.webhook.InvalidRequestException;

import tools.jackson.databind.json.JsonMapper;

class CreateWebhookRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TargetUrlValidator URLS = new TargetUrlValidator(true, host -> {
        throw new AssertionError("private targets are allowed, nothing is resolved");
    });

    @Test
    void readsAValidRequestDroppingDuplicateOperations() {
        CreateWebhookRequest request = parse("""
                {"targetUrl": "https://partner.example/hook", "operations": ["person.*", "*.created", "person.*"],
                 "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "description": "sync"}""");

        assertThat(request.operations()).containsExactly("person.*", "*.created");
        assertThat(request.secret()).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(request.description()).isEqualTo("sync");
    }

    @Test
    void leavesTheSecretToBeGeneratedWhenAbsent() {
        assertThat(parse("{\"targetUrl\": \"https://partner.example/hook\", \"operations\": [\"*.*\"]}").secret()).isNull();
    }

    @Test
    void namesEachFieldOfTheWrongType() {
        assertThat(violations("{\"targetUrl\": 5, \"operations\": \"person.created\", \"secret\": true, \"description\": []}"))
                .extracting(FieldViolation::field, FieldViolation::rule)
                .containsExactly(
                        tuple("targetUrl", "type"),
                        tuple("operations", "type"),
                        tuple("secret", "type"),
                        tuple("description", "type"));
    }

    @Test
    void rejectsMalformedOperationsByPosition() {
        assertThat(violations("""
                {"targetUrl": "https://partner.example/hook", "operations": ["person.created", "Person.created", "person.viewed", 7, "a.b.c"]}"""))
                .extracting(FieldViolation::field)
                .containsExactly("operations[1]", "operations[2]", "operations[3]", "operations[4]");
    }

    @Test
    void rejectsAStandardWebhooksSecretThatIsNotBase64() {
        assertThat(violations("""
                {"targetUrl": "https://partner.example/hook", "operations": ["*.*"], "secret": "whsec_not*base64*at*all"}"""))
                .extracting(FieldViolation::rule).containsExactly("base64");
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        assertThat(violations("[]")).extracting(FieldViolation::field).containsExactly("body");
    }

    private static CreateWebhookRequest parse(String json) {
        return CreateWebhookRequest.parse(JSON.readTree(json), URLS);
    }

    private static List<FieldViolation> violations(String json) {
        InvalidRequestException thrown = catchThrowableOfType(InvalidRequestException.class, () -> parse(json));
        assertThat(thrown).isNotNull();
        return thrown.violations();
    }
}

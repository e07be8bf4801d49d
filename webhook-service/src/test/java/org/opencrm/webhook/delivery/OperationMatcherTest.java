package org.opencrm.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationMatcherTest {

    @ParameterizedTest
    @ValueSource(strings = {"person.created", "person.*", "*.created", "*.*"})
    void matchesExactAndWildcardOperations(String operation) {
        assertThat(OperationMatcher.matches(operation, "person.created")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"person.updated", "company.created", "company.*", "*.deleted", "people.created", "person"})
    void rejectsOperationsForOtherObjectsOrActions(String operation) {
        assertThat(OperationMatcher.matches(operation, "person.created")).isFalse();
    }

    @Test
    void doesNotTreatAnObjectNameAsAPrefix() {
        assertThat(OperationMatcher.matches("person.created", "personality.created")).isFalse();
    }

    @Test
    void matchesWhenAnyOperationOfTheWebhookMatches() {
        List<String> operations = List.of("company.updated", "*.destroyed");

        assertThat(OperationMatcher.matchesAny(operations, "opportunity.destroyed")).isTrue();
        assertThat(OperationMatcher.matchesAny(operations, "opportunity.deleted")).isFalse();
    }
}

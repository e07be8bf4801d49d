package org.opencrm.dataapi.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The grammar against the examples of Twenty's own parser tests and its REST documentation. */
class FilterParserTest {

    @Test
    void readsNestedConjunctionsAsTwentyDoes() {
        Filter filter = FilterParser.parse(
                "and(fieldNumber[eq]:1,or(fieldNumber[eq]:2,fieldNumber[eq]:3,and(fieldNumber[eq]:6,fieldNumber[eq]:7)),"
                        + "or(fieldNumber[eq]:4,fieldNumber[eq]:5))");

        assertThat(filter).isEqualTo(new Filter.All(List.of(
                eq("fieldNumber", "1", 4),
                new Filter.Any(List.of(eq("fieldNumber", "2", 25), eq("fieldNumber", "3", 43),
                        new Filter.All(List.of(eq("fieldNumber", "6", 65), eq("fieldNumber", "7", 83))))),
                new Filter.Any(List.of(eq("fieldNumber", "4", 106), eq("fieldNumber", "5", 124))))));
    }

    @Test
    void readsQuotedCommasNullChecksNotAndPatterns() {
        Filter filter = FilterParser.parse("and(fieldText[gt]:\"val,ue\",or(fieldNumber[is]:NOT_NULL,"
                + "not(fieldText[startsWith]:\"val\"),and(fieldNumber[eq]:6,fieldText[ilike]:\"%val%\")),"
                + "or(fieldNumber[eq]:4,fieldText[is]:NULL))");

        Filter.All all = (Filter.All) filter;
        Filter.Condition gt = (Filter.Condition) all.parts().getFirst();
        assertThat(gt.operator()).isEqualTo(FilterOperator.GT);
        assertThat(((Filter.Scalar) gt.value()).text()).isEqualTo("val,ue");
        Filter.Any any = (Filter.Any) all.parts().get(1);
        assertThat(((Filter.Scalar) ((Filter.Condition) any.parts().getFirst()).value()).text()).isEqualTo("NOT_NULL");
        assertThat(any.parts().get(1)).isInstanceOf(Filter.Not.class);
        Filter.Condition ilike = (Filter.Condition) ((Filter.All) any.parts().get(2)).parts().get(1);
        assertThat(((Filter.Scalar) ilike.value()).text()).isEqualTo("%val%");
    }

    @Test
    void readsATopLevelListAsAnd() {
        Filter filter = FilterParser.parse("name.firstName[eq]:John,companyId[in]:[\"a\", 'b' ,c]");

        Filter.All all = (Filter.All) filter;
        Filter.Condition name = (Filter.Condition) all.parts().getFirst();
        assertThat(name.path()).containsExactly("name", "firstName");
        Filter.Values values = (Filter.Values) ((Filter.Condition) all.parts().get(1)).value();
        assertThat(values.elements()).extracting(Filter.Scalar::text).containsExactly("a", "b", "c");
        assertThat(values.elements()).extracting(Filter.Scalar::quoted).containsExactly(true, true, false);
    }

    @Test
    void resolvesEscapesInsideQuotes() {
        Filter.Condition condition = (Filter.Condition) FilterParser.parse("city[eq]:\"a \\\"b\\\" \\\\ c') ,\"");

        assertThat(((Filter.Scalar) condition.value()).text()).isEqualTo("a \"b\" \\ c') ,");
    }

    @Test
    void readsAnEmptyFilterAsEverything() {
        assertThat(FilterParser.parse("  ")).isEqualTo(new Filter.All(List.of()));
    }

    @Test
    void namesTheCharacterWhereABrokenFilterFails() {
        assertFault("and(city[eq]:Paris", 18, "missing ')' to close the '(' at character 3");
        assertFault("city[eq]:Paris)", 14, "closes nothing");
        assertFault("city[equals]:Paris", 5, "unknown operator 'equals'");
        assertFault("city[eq]Paris", 8, "expected ':'");
        assertFault("city[eq]:\"Paris", 9, "unterminated");
        assertFault("city[eq]:\"Par\"is\"", 14, "after a quoted value");
        assertFault("city[eq]:Par'is", 12, "inside quotes");
        assertFault("xor(city[eq]:a)", 0, "unknown conjunction");
        assertFault("not(city[eq]:a,city[eq]:b)", 0, "exactly one");
        assertFault("city[in]:Paris", 9, "takes a list");
        assertFault("city[eq]:", 9, "missing value");
        assertFault("city[eq]:a,,", 11, "expected a field name");
        assertFault("name..first[eq]:a", 0, "not a field name");
        assertFault("city[eq]:a; DROP TABLE person", -1, null);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "and(".repeat(FilterParser.MAX_NESTING + 1) + "city[eq]:a" + ")".repeat(FilterParser.MAX_NESTING + 1);

        assertThatThrownBy(() -> FilterParser.parse(deep)).isInstanceOfSatisfying(InvalidQueryException.class,
                e -> assertThat(e.rule()).isEqualTo("nesting"));
    }

    private static void assertFault(String filter, int offset, String message) {
        if (offset < 0) {
            // a value that is not SQL injection but text: it parses, and the renderer binds it
            assertThat(((Filter.Scalar) ((Filter.Condition) FilterParser.parse(filter)).value()).text())
                    .isEqualTo("a; DROP TABLE person");
            return;
        }
        assertThatThrownBy(() -> FilterParser.parse(filter)).as(filter)
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("filter");
                    assertThat(e.offset()).as(filter + ": " + e.getMessage()).isEqualTo(offset);
                    assertThat(e.getMessage()).contains(message).contains("at character " + offset);
                });
    }

    private static Filter.Condition eq(String field, String value, int offset) {
        return new Filter.Condition(List.of(field), FilterOperator.EQ, new Filter.Scalar(value, false, offset + 16),
                offset);
    }
}

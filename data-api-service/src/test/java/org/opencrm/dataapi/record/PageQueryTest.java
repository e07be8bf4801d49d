package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageQueryTest {

    @Test
    void defaultsToSixtyRecordsFromTheStart() {
        PageQuery query = PageQuery.of(null, null, null);

        assertThat(query.limit()).isEqualTo(60);
        assertThat(query.startingAfter()).isNull();
        assertThat(query.endingBefore()).isNull();
    }

    @Test
    void keepsTheCursorsForTheListToRead() {
        assertThat(PageQuery.of("200", "abc.def", null).startingAfter()).isEqualTo("abc.def");
        assertThat(PageQuery.of("1", null, "abc.def").endingBefore()).isEqualTo("abc.def");
    }

    @Test
    void rejectsLimitsOutOfRangeNamingTheParameter() {
        for (String limit : new String[] {"201", "0", "-1", "ten"}) {
            assertThatThrownBy(() -> PageQuery.of(limit, null, null))
                    .isInstanceOfSatisfying(InvalidRecordRequestException.class,
                            e -> assertThat(e.violations().getFirst().field()).isEqualTo("limit"));
        }
    }

    @Test
    void rejectsBothDirectionsAtOnce() {
        assertThatThrownBy(() -> PageQuery.of(null, "a.b", "a.b"))
                .isInstanceOfSatisfying(InvalidRecordRequestException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("ending_before"));
    }
}

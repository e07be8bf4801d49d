package org.opencrm.dataapi.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

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
    void readsTheCursorsItGaveOut() {
        RecordCursor cursor = new RecordCursor(2.5, UUID.randomUUID());

        assertThat(PageQuery.of("200", cursor.encode(), null).startingAfter()).isEqualTo(cursor);
        assertThat(PageQuery.of("1", null, cursor.encode()).endingBefore()).isEqualTo(cursor);
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
    void rejectsForeignCursorsAndBothDirectionsAtOnce() {
        assertThatThrownBy(() -> PageQuery.of(null, "bm90LWpzb24", null))
                .isInstanceOfSatisfying(InvalidRecordRequestException.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("starting_after"));
        String cursor = new RecordCursor(1, UUID.randomUUID()).encode();
        assertThatThrownBy(() -> PageQuery.of(null, cursor, cursor))
                .isInstanceOf(InvalidRecordRequestException.class);
    }
}

package org.opencrm.dataapi.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void readsQuotedCommasDoubledQuotesAndLineBreaksWithTheLineEachRecordStartsOn() throws Exception {
        CsvReader csv = new CsvReader(new StringReader(
                "\uFEFFname,title\r\n\"Hopper, Grace\",\"Rear \"\"Amazing\"\" Admiral\"\r\n\"Multi\nLine\",x\n\nlast,\n"), 1000);

        assertThat(csv.next()).containsExactly("name", "title");
        assertThat(csv.recordLine()).isEqualTo(1);
        assertThat(csv.next()).containsExactly("Hopper, Grace", "Rear \"Amazing\" Admiral");
        assertThat(csv.recordLine()).isEqualTo(2);
        assertThat(csv.next()).containsExactly("Multi\nLine", "x");
        assertThat(csv.recordLine()).isEqualTo(3);
        assertThat(csv.next()).containsExactly("last", "");
        assertThat(csv.recordLine()).isEqualTo(6);
        assertThat(csv.next()).isNull();
    }

    @Test
    void rejectsTextAfterAClosingQuoteAndGoesOnWithTheNextRecord() throws Exception {
        CsvReader csv = new CsvReader(new StringReader("\"a\"b,c\nd,e\n"), 1000);

        assertThatThrownBy(csv::next).isInstanceOfSatisfying(CsvReader.MalformedRecordException.class,
                e -> assertThat(e.line()).isEqualTo(1));
        assertThat(csv.next()).containsExactly("d", "e");
        assertThat(csv.recordLine()).isEqualTo(2);
    }

    @Test
    void rejectsAnUnclosedQuoteAndARecordOverTheLengthLimit() throws Exception {
        assertThatThrownBy(new CsvReader(new StringReader("a,\"open\n"), 1000)::next)
                .isInstanceOf(CsvReader.MalformedRecordException.class).hasMessageContaining("not closed");
        CsvReader csv = new CsvReader(new StringReader("0123456789abcdef\nok\n"), 10);
        assertThatThrownBy(csv::next).isInstanceOf(CsvReader.MalformedRecordException.class).hasMessageContaining("longer");
        assertThat(csv.next()).containsExactly("ok");
    }
}

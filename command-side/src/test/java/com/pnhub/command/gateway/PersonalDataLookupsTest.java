package com.pnhub.command.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonalDataLookupsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void canReplaceEveryOccurrenceOfAPhoneInARejectedRecord() {
        byte[] record = utf8("{\"phone_no\":\"13900000001\",\"peer_no\":\"13900000002\",\"again\":\"13900000001\"}");
        assertThat(new String(PersonalDataLookups.replace(record, utf8("13900000001")), StandardCharsets.UTF_8))
                .isEqualTo("{\"phone_no\":\"erased\",\"peer_no\":\"13900000002\",\"again\":\"erased\"}");
    }

    @Test
    void canReplaceAPhoneInBytesThatAreNotUtf8() {
        // a record cut at 4096 bytes may end inside a multi-byte character
        byte[] record = {(byte) 0xE4, '1', '3', '9', '0', '0', '0', '0', '0', '0', '0', '1', (byte) 0xE4, (byte) 0xB8};
        byte[] scrubbed = PersonalDataLookups.replace(record, utf8("13900000001"));
        assertThat(scrubbed).containsExactly((byte) 0xE4, 'e', 'r', 'a', 's', 'e', 'd', (byte) 0xE4, (byte) 0xB8);
    }

    @Test
    void cannotChangeARecordWithoutThePhone() {
        byte[] record = utf8("1390000000");
        assertThat(PersonalDataLookups.replace(record, utf8("13900000001"))).isEqualTo(record);
    }
}

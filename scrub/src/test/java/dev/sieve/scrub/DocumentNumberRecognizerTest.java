package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentNumberRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "passport E12345678 on file | passport [document] on file",
            "Passport No. G87654321 | Passport No. [document]",
            "ssn: 078-05-1120 | ssn: [document]",
            "social security number 078051120 | social security number [document]",
            "ID card #AB1234567 | ID card #[document]",
            "driver's license D1234-5678-9012 | driver's license [document]",
            "license plate: 7ABC123 | license plate: [document]",
            "serial number=R58M12ABCDE | serial number=[document]",
            "VIN 1HGCM82633A004352 | VIN [document]",
            "护照号码：E12345678 | 护照号码：[document]",
            "驾驶证号 110105199001011234A | 驾驶证号 [document]",
            "车牌京A12345已登记 | 车牌[document]已登记",
            "plate 沪B·D12345 | plate [document]",
            "粤B 8X2K5 parked | [document] parked",
            "HKID A123456(7) | HKID [document](7)",
            "SN:R58M12ABCDE | SN:[document]",
            "港澳通行证 C12345678 | 港澳通行证 [document]"
    })
    void catches(String text, String expected) {
        assertThat(only(new DocumentNumberRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "passport photo uploaded", "passport expires 2030", "serial port 3", "plate 12", "vintage 2019 edition",
            "新iPhone15上市", "京东 app v12345", "ssn not given", "京A1234 is too short",
            "passports 12345678", "sn 2 of 3", "snap 12345"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(only(new DocumentNumberRecognizer(), text)).isEqualTo(text);
    }
}

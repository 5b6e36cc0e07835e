package dev.sieve.scrub;

import static dev.sieve.scrub.Scrubbing.all;
import static dev.sieve.scrub.Scrubbing.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandleRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "wechat_id:zhang.wei.1988 | wechat_id:[handle]",
            "WeChat: zhangwei_88 ok | WeChat: [handle] ok",
            "qq: 12345678 | qq: [handle]",
            "微信号：zhangwei88 | 微信号：[handle]",
            "我的微信是 x, 微信号: abc_12 | 我的微信是 x, 微信号: [handle]",
            "weibo=@小明同学 | weibo=@[handle]",
            "ping @alice_w now | ping [handle] now",
            "telegram: @alice | telegram: @[handle]",
            "加我微信zhangwei88好吗 | 加我微信[handle]好吗",
            "vx: zw_88 | vx: [handle]",
            "weixin id: zw88 | weixin id: [handle]",
            "wechat zhangwei1988 please | wechat [handle] please",
            "qq 123456789 add me | qq [handle] add me",
            "加微信 zhangwei1988 | 加微信 [handle]",
            "请加微信 zw_1988 谢谢 | 请加微信 [handle] 谢谢",
            "line id: alice_line | line id: [handle]",
            "转发微博@张伟 看看 | 转发微博[handle] 看看",
            "谢谢@zhangwei88 | 谢谢[handle]"
    })
    void catches(String text, String expected) {
        assertThat(only(new HandleRecognizer(), text)).isEqualTo(expected);
        assertThat(all(text)).as("through every recognizer").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "deadline: 2026-12-05", "config: debug", "line: 42", "an @ alone",
            "wechat pay failed", "qq 2024 update", "line no: 42", "error at line 12345", "user 10000 requests",
            "加微信 谢谢", "user@localhost"
    })
    void leavesNearMissesAlone(String text) {
        assertThat(all(text)).isEqualTo(text);
    }
}

package com.keepwell.scoring.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.keepwell.scoring.inference.OrtSessions;

/**
 * The tone heads were trained on hand-written sentences; these are different texts (the simulator's style and
 * others), so the test checks that the signal generalises, in both languages.
 */
class TextToneSignalsTest {

    private static TextToneSignals signals;

    @BeforeAll
    static void load() {
        signals = new TextToneSignals(OrtSessions.Settings.cpu(2));
    }

    @AfterAll
    static void close() throws Exception {
        signals.close();
    }

    @Test
    void english_complaints_read_negative_and_praise_positive() {
        assertThat(signals.negativeTone("Very disappointed. It broke after two days. I want a refund.", "en"))
                .isGreaterThan(0.7);
        assertThat(signals.negativeTone("The parcel never came and nobody answers my emails.", null))
                .isGreaterThan(0.6);
        assertThat(signals.negativeTone("Absolutely love it. The quality is excellent. Highly recommended.", "en"))
                .isLessThan(0.3);
        double praise = signals.negativeTone("Arrived quickly, works perfectly, will buy again.", null);
        assertThat(praise).isLessThan(0.5);
        assertThat(signals.negativeTone("It arrived late and damaged. Never again.", null)).isGreaterThan(praise + 0.3);
    }

    @Test
    void chinese_text_goes_to_the_chinese_model() {
        assertThat(signals.negativeTone("非常失望。用了两天就坏了。请给我退款。", "zh-CN")).isGreaterThan(0.7);
        assertThat(signals.negativeTone("非常喜欢！质量非常好。强烈推荐。", null)).isLessThan(0.3);
        assertThat(Languages.isChinese("非常喜欢！", null)).isTrue();
        assertThat(Languages.isChinese("Great stuff", null)).isFalse();
    }

    @Test
    void no_text_is_no_signal() {
        assertThat(signals.negativeTone(null, "en")).isNaN();
        assertThat(signals.negativeTone("  ", "en")).isNaN();
    }

    @Test
    void an_embedding_does_not_depend_on_the_rest_of_its_padded_batch() {
        try (SentenceEmbedder embedder = new SentenceEmbedder(SentenceEmbedder.Model.ALL_MINILM_L6_V2,
                OrtSessions.Settings.cpu(2))) {
            float[] alone = embedder.embed(java.util.List.of("Short text."))[0];
            float[] padded = embedder.embed(java.util.List.of("Short text.",
                    "A much longer sentence that forces padding of the short one in the same batch."))[0];
            for (int i = 0; i < alone.length; i++) {
                assertThat(padded[i]).isCloseTo(alone[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

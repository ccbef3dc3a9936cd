package com.keepwell.scoring.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.keepwell.scoring.features.TextSignals;
import com.keepwell.scoring.inference.OrtSessions;

/**
 * Negative tone of review and ticket text: the text is embedded by the transformer of its language, and the tone
 * head of that model turns the embedding into a probability. Models load on first use (the Chinese one only if a
 * Chinese text arrives); results are cached by text, since storefronts repeat short texts a lot.
 */
public final class TextToneSignals implements TextSignals, AutoCloseable {

    public static final String HEADS_RESOURCE = "text/tone-heads.json";

    private final OrtSessions.Settings settings;
    private final Map<String, ToneHead> heads;
    private final Cache<String, Double> cache = Caffeine.newBuilder().maximumSize(50_000).build();
    private volatile SentenceEmbedder english;
    private volatile SentenceEmbedder chinese;

    public TextToneSignals(OrtSessions.Settings settings) {
        this.settings = settings;
        this.heads = loadHeads();
    }

    static Map<String, ToneHead> loadHeads() {
        try (InputStream in = TextToneSignals.class.getClassLoader().getResourceAsStream(HEADS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(HEADS_RESOURCE + " is missing; rebuild it with ToneHeadTrainer");
            }
            ObjectMapper json = new ObjectMapper();
            return json.readValue(in, json.getTypeFactory().constructMapType(Map.class, String.class, ToneHead.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + HEADS_RESOURCE, e);
        }
    }

    @Override
    public double negativeTone(String text, String language) {
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        boolean zh = Languages.isChinese(text, language);
        return cache.get((zh ? "zh\u0000" : "en\u0000") + text, key -> {
            SentenceEmbedder embedder = zh ? chinese() : english();
            float[] embedding = embedder.embed(java.util.List.of(text))[0];
            return heads.get(embedder.model().name()).negativeProbability(embedding);
        });
    }

    private SentenceEmbedder english() {
        if (english == null) {
            synchronized (this) {
                if (english == null) {
                    english = new SentenceEmbedder(SentenceEmbedder.Model.ALL_MINILM_L6_V2, settings);
                }
            }
        }
        return english;
    }

    private SentenceEmbedder chinese() {
        if (chinese == null) {
            synchronized (this) {
                if (chinese == null) {
                    chinese = new SentenceEmbedder(SentenceEmbedder.Model.BGE_SMALL_ZH_V15, settings);
                }
            }
        }
        return chinese;
    }

    @Override
    public synchronized void close() throws Exception {
        if (english != null) {
            english.close();
        }
        if (chinese != null) {
            chinese.close();
        }
    }
}

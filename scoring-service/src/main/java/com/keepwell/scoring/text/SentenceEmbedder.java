package com.keepwell.scoring.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import com.keepwell.scoring.inference.OrtSessions;

/**
 * A pretrained sentence-embedding transformer run by ONNX Runtime, loaded from the model files inside a Maven
 * artifact (nothing is downloaded): all-MiniLM-L6-v2 (English, mean pooling) or bge-small-zh-v1.5 (Chinese, CLS
 * pooling). Embeddings are L2-normalised. The fp32 models are used: the int8 MiniLM's output depends on what
 * else is in a padded batch. Thread-safe (ONNX Runtime sessions are).
 */
public final class SentenceEmbedder implements AutoCloseable {

    public enum Model {
        ALL_MINILM_L6_V2("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", false, 384),
        BGE_SMALL_ZH_V15("bge-small-zh-v1.5.onnx", "bge-small-zh-v1.5-tokenizer.json", true, 512);

        final String onnx;
        final String tokenizer;
        final boolean clsPooling;
        public final int dimensions;

        Model(String onnx, String tokenizer, boolean clsPooling, int dimensions) {
            this.onnx = onnx;
            this.tokenizer = tokenizer;
            this.clsPooling = clsPooling;
            this.dimensions = dimensions;
        }
    }

    static final int MAX_TOKENS = 128;

    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSessions.Opened session;

    public SentenceEmbedder(Model model, OrtSessions.Settings settings) {
        this.model = model;
        // the tokenizer's native library is inside its jar; offline mode stops DJL looking for a newer one online
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
        try (InputStream tokenizerJson = resource(model.tokenizer)) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("truncation", "true",
                    "maxLength", String.valueOf(MAX_TOKENS), "padding", "false"));
            this.session = OrtSessions.open(model.name(), resource(model.onnx).readAllBytes(), settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + model + " model files", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the " + model + " model into ONNX Runtime", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = SentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath: the langchain4j-embeddings artifact that"
                    + " ships it is missing");
        }
        return in;
    }

    public Model model() {
        return model;
    }

    public OrtSessions.Provider provider() {
        return session.provider();
    }

    /** One L2-normalised embedding per text, padded per batch to its longest text. */
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int length = 0;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        LongBuffer ids = LongBuffer.allocate(batch * length);
        LongBuffer mask = LongBuffer.allocate(batch * length);
        LongBuffer types = LongBuffer.allocate(batch * length);
        for (Encoding e : encodings) {
            long[] tokenIds = e.getIds();
            long[] attention = e.getAttentionMask();
            long[] typeIds = e.getTypeIds();
            for (int j = 0; j < length; j++) {
                ids.put(j < tokenIds.length ? tokenIds[j] : 0);
                mask.put(j < attention.length ? attention[j] : 0);
                types.put(j < typeIds.length ? typeIds[j] : 0);
            }
        }
        ids.flip();
        mask.flip();
        types.flip();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {batch, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, ids, shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask, shape);
                OnnxTensor typeTensor = OnnxTensor.createTensor(env, types, shape);
                OrtSession.Result result = session.session().run(Map.of("input_ids", idTensor,
                        "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            return pool(hidden, encodings, batch, length);
        } catch (OrtException e) {
            throw new IllegalStateException("text embedding failed", e);
        }
    }

    private float[][] pool(FloatBuffer hidden, Encoding[] encodings, int batch, int length) {
        int dims = model.dimensions;
        float[][] out = new float[batch][dims];
        for (int b = 0; b < batch; b++) {
            float[] v = out[b];
            long[] attention = encodings[b].getAttentionMask();
            int tokens = model.clsPooling ? 1 : attention.length;
            int counted = 0;
            for (int j = 0; j < tokens; j++) {
                if (attention[j] == 0) {
                    continue;
                }
                int offset = (b * length + j) * dims;
                for (int d = 0; d < dims; d++) {
                    v[d] += hidden.get(offset + d);
                }
                counted++;
            }
            double norm = 0;
            for (int d = 0; d < dims; d++) {
                v[d] /= Math.max(1, counted);
                norm += v[d] * v[d];
            }
            float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < dims; d++) {
                v[d] *= scale;
            }
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}

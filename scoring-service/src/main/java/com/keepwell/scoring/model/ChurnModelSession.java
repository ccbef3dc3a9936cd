package com.keepwell.scoring.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import com.keepwell.scoring.inference.OrtSessions;

/**
 * The exported churn model in ONNX Runtime. Input rows are copied once into a direct, native-order buffer that
 * ONNX Runtime reads without another copy (each thread keeps its own, grown as needed). Returns the model's raw
 * churn probability; calibration is applied by the caller.
 */
public final class ChurnModelSession implements AutoCloseable {

    private final OrtSessions.Opened opened;
    private final int features;
    private final ThreadLocal<FloatBuffer> buffers = new ThreadLocal<>();

    public ChurnModelSession(String name, byte[] onnx, int features, OrtSessions.Settings settings) throws OrtException {
        this.opened = OrtSessions.open(name, onnx, settings);
        this.features = features;
    }

    public OrtSessions.Provider provider() {
        return opened.provider();
    }

    public float[] predict(float[][] rows) {
        FloatBuffer buffer = buffer(rows.length * features);
        for (float[] row : rows) {
            if (row.length != features) {
                throw new IllegalArgumentException("a row has " + row.length + " features, the model " + features);
            }
            buffer.put(row);
        }
        buffer.flip();
        return predict(buffer, rows.length);
    }

    /** {@code rows × features} values, row-major, from the buffer's position. */
    public float[] predict(FloatBuffer flat, int rows) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, flat, new long[] {rows, features});
                OrtSession.Result result = opened.session().run(Map.of(OnnxTreeExporter.INPUT, input))) {
            FloatBuffer probabilities = ((OnnxTensor) result.get(OnnxTreeExporter.PROBABILITIES).orElseThrow())
                    .getFloatBuffer();
            float[] churn = new float[rows];
            for (int i = 0; i < rows; i++) {
                churn[i] = probabilities.get(i * 2 + 1);
            }
            return churn;
        } catch (OrtException e) {
            throw new IllegalStateException("churn model inference failed", e);
        }
    }

    private FloatBuffer buffer(int size) {
        FloatBuffer buffer = buffers.get();
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, 1024) * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            buffers.set(buffer);
        }
        buffer.clear();
        return buffer;
    }

    @Override
    public void close() throws OrtException {
        opened.close();
    }
}

package com.keepwell.scoring.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.keepwell.scoring.features.FeatureSchema;
import com.keepwell.scoring.model.ChurnModelSession;

class OrtSessionsTest {

    private static byte[] defaultModel() throws Exception {
        try (var in = OrtSessionsTest.class.getClassLoader().getResourceAsStream("models/churn-default-v1/model.onnx")) {
            return in.readAllBytes();
        }
    }

    @Test
    void falls_back_to_the_cpu_when_cuda_is_not_available() throws Exception {
        // with the CPU build of ONNX Runtime (CI, this project's default) CUDA is asked for and not there
        org.junit.jupiter.api.Assumptions.assumeFalse(ai.onnxruntime.OrtEnvironment.getAvailableProviders()
                .contains(ai.onnxruntime.OrtProvider.CUDA), "the -Pgpu build has the CUDA provider");
        try (ChurnModelSession session = new ChurnModelSession("fallback-test", defaultModel(), FeatureSchema.V1.size(),
                new OrtSessions.Settings(true, 0, 1, 1))) {
            assertThat(session.provider()).isEqualTo(OrtSessions.Provider.CPU);
            float[] row = new float[FeatureSchema.V1.size()];
            java.util.Arrays.fill(row, Float.NaN);
            float[] p = session.predict(new float[][] {row, row});
            assertThat(p).hasSize(2);
            assertThat(p[0]).isBetween(0f, 1f).isEqualTo(p[1]);
        }
    }
}

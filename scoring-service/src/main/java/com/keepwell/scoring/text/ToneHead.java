package com.keepwell.scoring.text;

/**
 * A linear "is this text negative?" classifier on top of one embedding model: the few numbers that turn a 384- or
 * 512-dimensional embedding into one model feature. Trained by {@link ToneHeadTrainer}.
 */
public record ToneHead(String model, float[] weights, float bias) {

    public double negativeProbability(float[] embedding) {
        if (embedding.length != weights.length) {
            throw new IllegalArgumentException("embedding has " + embedding.length + " dimensions, the tone head "
                    + weights.length);
        }
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * embedding[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}

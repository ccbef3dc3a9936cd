package com.keepwell.scoring.registry;

import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.scoring.inference.OrtSessions;
import com.keepwell.scoring.model.ChurnModelSession;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.model.ParityCheck;
import com.keepwell.scoring.model.TreeEnsemble;

/**
 * Checks at publication that a bundle's ONNX file and its trees are the same model (the trees make the reason
 * codes, ONNX makes the score): both score rows whose values straddle the trees' own split thresholds, with a
 * share of missing values, and must agree within the parity tolerance.
 */
final class BundleCheck {

    private BundleCheck() {
    }

    static void requireConsistent(ModelBundle bundle) {
        TreeEnsemble ensemble;
        try {
            ensemble = bundle.ensemble();
        } catch (RuntimeException e) {
            throw unusable(bundle, "trees.json is not an XGBoost binary:logistic model: " + e.getMessage());
        }
        int features = bundle.manifest().featureNames().size();
        if (ensemble.features() != features) {
            throw unusable(bundle, "the trees use " + ensemble.features() + " features, the manifest names " + features);
        }
        float[][] rows = ensemble.probeRows(500, 17);
        float[] onnx;
        try (ChurnModelSession session = new ChurnModelSession("bundle-check", bundle.onnx(), features,
                OrtSessions.Settings.cpu(1))) {
            onnx = session.predict(rows);
        } catch (Exception e) {
            throw unusable(bundle, "ONNX Runtime cannot run model.onnx: " + e.getMessage());
        }
        double worst = 0;
        for (int i = 0; i < rows.length; i++) {
            worst = Math.max(worst, Math.abs(onnx[i] - ensemble.probability(rows[i])));
        }
        if (!(worst <= ParityCheck.TOLERANCE)) {
            throw unusable(bundle, String.format("model.onnx and trees.json disagree: max |Δp| = %.3g over %d probe rows",
                    worst, rows.length));
        }
    }

    private static ProblemException unusable(ModelBundle bundle, String why) {
        return new ProblemException(Problem.of("model-inconsistent", "Unusable model bundle", 422,
                "model " + bundle.version() + " was refused: " + why));
    }
}

package com.keepwell.scoring.inference;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Opens ONNX Runtime sessions on the best execution provider this process has: CUDA when the GPU build of ONNX
 * Runtime ({@code -Pgpu}) finds a device, otherwise the CPU. The choice is logged once per model, because "why is
 * it slow" starts with "which provider runs". Threads never spin while idle: on a small machine, spinning intra-op
 * threads steal the cores that Kafka, PostgreSQL and the JIT need.
 */
public final class OrtSessions {

    private static final Logger LOG = Logger.getLogger(OrtSessions.class);
    private static final Map<String, Provider> LOGGED = new ConcurrentHashMap<>();

    public enum Provider { CUDA, CPU }

    /** {@code preferCuda=false} forces the CPU (what the CPU-fallback test and CPU benchmarks use). */
    public record Settings(boolean preferCuda, int cudaDevice, int intraOpThreads, int interOpThreads) {

        public static Settings cpu(int intraOpThreads) {
            return new Settings(false, 0, intraOpThreads, 1);
        }

        public static Settings defaults() {
            return new Settings(true, 0, Math.max(1, Runtime.getRuntime().availableProcessors()), 1);
        }
    }

    /** A session and the provider it runs on. */
    public record Opened(OrtSession session, Provider provider) implements AutoCloseable {
        @Override
        public void close() throws OrtException {
            session.close();
        }
    }

    private OrtSessions() {
    }

    public static Opened open(String name, byte[] model, Settings settings) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        if (settings.preferCuda()) {
            try (OrtSession.SessionOptions options = options(settings)) {
                options.addCUDA(settings.cudaDevice());
                return logged(name, new Opened(env.createSession(model, options), Provider.CUDA), null);
            } catch (OrtException | UnsatisfiedLinkError e) {
                // the CPU build has no CUDA provider; the GPU build throws when CUDA or the device is missing
                return logged(name, new Opened(env.createSession(model, options(settings)), Provider.CPU), e);
            }
        }
        // CPU on purpose (checks, tests, CPU benchmarks): nothing worth an INFO line
        Opened opened = new Opened(env.createSession(model, options(settings)), Provider.CPU);
        LOG.debugf("ONNX Runtime runs %s on the CPU execution provider, as asked", name);
        return opened;
    }

    private static OrtSession.SessionOptions options(Settings settings) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(settings.intraOpThreads());
        options.setInterOpNumThreads(settings.interOpThreads());
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    private static Opened logged(String name, Opened opened, Throwable cudaFailure) {
        if (LOGGED.put(name, opened.provider()) != opened.provider()) {
            if (cudaFailure != null) {
                LOG.infof("ONNX Runtime runs %s on the CPU execution provider (CUDA unavailable: %s)", name,
                        firstLine(cudaFailure.getMessage()));
            } else {
                LOG.infof("ONNX Runtime runs %s on the %s execution provider", name, opened.provider());
            }
        }
        return opened;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

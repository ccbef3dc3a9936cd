package com.keepwell.scoring.registry;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.keepwell.infra.web.Problem;
import com.keepwell.infra.web.ProblemException;
import com.keepwell.scoring.features.FeatureSchema;
import com.keepwell.scoring.model.ModelBundle;
import com.keepwell.scoring.model.ModelManifest;

/**
 * Versioned churn models in PostgreSQL: every published bundle (manifest, ONNX file, trees), which one is
 * promoted, and the history of publishing, promotion and rollback. A bundle is only accepted when it was built
 * for this service's feature schema and its ONNX file and trees agree ({@link BundleCheck}). All scoring
 * instances serve the promoted version; they notice a change by polling.
 */
@ApplicationScoped
public class ModelRegistry {

    public record Entry(String version, boolean promoted, Instant publishedAt, ModelManifest manifest) {
    }

    public record Change(String version, String action, Instant at, String reason) {
    }

    private final DataSource dataSource;

    @Inject
    ModelRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT version, promoted, published_at, manifest FROM risk_model ORDER BY published_at DESC");
                ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                entries.add(new Entry(rows.getString(1), rows.getBoolean(2), rows.getTimestamp(3).toInstant(),
                        ModelBundle.manifest(rows.getBytes(4))));
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list models", e);
        }
    }

    @Transactional
    public List<Change> history() {
        List<Change> changes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT version, action, at, reason FROM risk_model_change ORDER BY id DESC LIMIT 200");
                ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                changes.add(new Change(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant(),
                        rows.getString(4)));
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the model history", e);
        }
    }

    @Transactional
    public Optional<ModelBundle> bundle(String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT manifest, onnx, trees FROM risk_model WHERE version = ?")) {
            q.setString(1, version);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next()
                        ? Optional.of(new ModelBundle(ModelBundle.manifest(rows.getBytes(1)), rows.getBytes(2), rows.getBytes(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read model " + version, e);
        }
    }

    @Transactional
    public Optional<String> promotedVersion() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT version FROM risk_model WHERE promoted");
                ResultSet rows = q.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the promoted model", e);
        }
    }

    /** Stores a new version (not promoted). */
    @Transactional
    public void publish(ModelBundle bundle) {
        ModelManifest m = bundle.manifest();
        if (!FeatureSchema.V1.version().equals(m.featureSchemaVersion())
                || !FeatureSchema.V1.names().equals(m.featureNames())) {
            throw new ProblemException(Problem.of("model-schema-mismatch", "Model built for other features", 422,
                    "model " + m.version() + " expects features " + m.featureSchemaVersion() + ", this service computes "
                            + FeatureSchema.V1.version() + "; retrain it with this version of the service"));
        }
        BundleCheck.requireConsistent(bundle);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM risk_model WHERE version = ?")) {
                exists.setString(1, m.version());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        throw new ProblemException(Problem.of("model-exists", "Model version exists", 409,
                                "model " + m.version() + " is already published; versions are immutable, publish under"
                                        + " a new version"));
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO risk_model (version, manifest, onnx, trees, published_at) VALUES (?, ?::jsonb, ?, ?, ?)")) {
                insert.setString(1, m.version());
                insert.setString(2, ModelBundle.JSON.writeValueAsString(m));
                insert.setBytes(3, bundle.onnx());
                insert.setBytes(4, bundle.trees());
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            record(c, m.version(), "PUBLISHED", null);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot publish model " + m.version(), e);
        }
    }

    @Transactional
    public void promote(String version, String reason) {
        try (Connection c = dataSource.getConnection()) {
            requireExists(c, version);
            try (PreparedStatement demote = c.prepareStatement("UPDATE risk_model SET promoted = FALSE WHERE promoted");
                    PreparedStatement promote = c.prepareStatement("UPDATE risk_model SET promoted = TRUE WHERE version = ?")) {
                demote.executeUpdate();
                promote.setString(1, version);
                promote.executeUpdate();
            }
            record(c, version, "PROMOTED", reason);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot promote model " + version, e);
        }
    }

    /** Promotes the version that was promoted before the current one; returns it. */
    @Transactional
    public String rollback(String reason) {
        String current = promotedVersion().orElseThrow(() -> new ProblemException(Problem.of("no-promoted-model",
                "No model to roll back", 409, "no model is promoted, so there is nothing to roll back")));
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT version FROM risk_model_change"
                        + " WHERE action IN ('PROMOTED', 'ROLLED_BACK_TO') AND version <> ? ORDER BY id DESC LIMIT 1")) {
            q.setString(1, current);
            String previous;
            try (ResultSet rows = q.executeQuery()) {
                if (!rows.next()) {
                    throw new ProblemException(Problem.of("no-previous-model", "No earlier model", 409,
                            "model " + current + " is the only one ever promoted; promote another version instead"));
                }
                previous = rows.getString(1);
            }
            try (PreparedStatement demote = c.prepareStatement("UPDATE risk_model SET promoted = FALSE WHERE promoted");
                    PreparedStatement promote = c.prepareStatement("UPDATE risk_model SET promoted = TRUE WHERE version = ?")) {
                demote.executeUpdate();
                promote.setString(1, previous);
                promote.executeUpdate();
            }
            record(c, current, "ROLLED_BACK", reason);
            record(c, previous, "ROLLED_BACK_TO", reason);
            return previous;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back from model " + current, e);
        }
    }

    /** Publishes and promotes the bundled default model when the registry is empty (first start). */
    @Transactional
    public boolean installDefault(String version) {
        if (!list().isEmpty()) {
            return false;
        }
        publish(ModelBundle.fromClasspath(version));
        promote(version, "default model shipped with the service");
        return true;
    }

    private static void requireExists(Connection c, String version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM risk_model WHERE version = ?")) {
            q.setString(1, version);
            try (ResultSet rows = q.executeQuery()) {
                if (!rows.next()) {
                    throw new ProblemException(Problem.of("model-not-found", "Unknown model version", 404,
                            "no model " + version + " is published; GET /api/models lists the versions"));
                }
            }
        }
    }

    private static void record(Connection c, String version, String action, String reason) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO risk_model_change (version, action, at, reason) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, version);
            insert.setString(2, action);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.setString(4, reason);
            insert.executeUpdate();
        }
    }
}

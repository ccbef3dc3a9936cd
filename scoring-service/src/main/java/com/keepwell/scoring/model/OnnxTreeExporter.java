package com.keepwell.scoring.model;

import java.util.ArrayList;
import java.util.List;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import com.keepwell.scoring.features.FeatureSchema;

/**
 * Writes a {@link TreeEnsemble} as an ONNX {@code ai.onnx.ml.TreeEnsembleClassifier}: input {@code features}
 * [N, F] float, outputs {@code label} [N] and {@code probabilities} [N, 2] (column 1 = churn). Hand-written
 * because no Java library exports XGBoost to ONNX (onnxmltools is Python; Tribuo exports no trees); the ONNX
 * message classes come from tribuo-util-onnx. Every export must pass {@link ParityCheck} before it is published.
 */
public final class OnnxTreeExporter {

    public static final String INPUT = "features";
    public static final String PROBABILITIES = "probabilities";

    private OnnxTreeExporter() {
    }

    public static byte[] export(TreeEnsemble ensemble, FeatureSchema schema, String modelVersion) {
        if (ensemble.features() != schema.size()) {
            throw new IllegalArgumentException("the ensemble has " + ensemble.features() + " features, schema "
                    + schema.version() + " has " + schema.size());
        }
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Long> featureIds = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<Long> trueIds = new ArrayList<>();
        List<Long> falseIds = new ArrayList<>();
        List<Long> missingTracksTrue = new ArrayList<>();
        List<Long> classTreeIds = new ArrayList<>();
        List<Long> classNodeIds = new ArrayList<>();
        List<Long> classIds = new ArrayList<>();
        List<Float> classWeights = new ArrayList<>();
        long treeId = 0;
        for (TreeEnsemble.Tree tree : ensemble.trees()) {
            for (int node = 0; node < tree.left().length; node++) {
                treeIds.add(treeId);
                nodeIds.add((long) node);
                if (tree.isLeaf(node)) {
                    featureIds.add(0L);
                    values.add(0f);
                    modes.add("LEAF");
                    trueIds.add(0L);
                    falseIds.add(0L);
                    missingTracksTrue.add(0L);
                    classTreeIds.add(treeId);
                    classNodeIds.add((long) node);
                    classIds.add(0L);
                    classWeights.add(tree.value()[node]);
                } else {
                    featureIds.add((long) tree.feature()[node]);
                    values.add(tree.threshold()[node]);
                    modes.add("BRANCH_LT");
                    trueIds.add((long) tree.left()[node]);
                    falseIds.add((long) tree.right()[node]);
                    missingTracksTrue.add(tree.defaultLeft()[node] ? 1L : 0L);
                }
            }
            treeId++;
        }
        NodeProto classifier = NodeProto.newBuilder()
                .setOpType("TreeEnsembleClassifier").setDomain("ai.onnx.ml").setName("churn_trees")
                .addInput(INPUT).addOutput("label").addOutput(PROBABILITIES)
                .addAttribute(ints("classlabels_int64s", List.of(0L, 1L)))
                .addAttribute(ints("nodes_treeids", treeIds))
                .addAttribute(ints("nodes_nodeids", nodeIds))
                .addAttribute(ints("nodes_featureids", featureIds))
                .addAttribute(floats("nodes_values", values))
                .addAttribute(strings("nodes_modes", modes))
                .addAttribute(ints("nodes_truenodeids", trueIds))
                .addAttribute(ints("nodes_falsenodeids", falseIds))
                .addAttribute(ints("nodes_missing_value_tracks_true", missingTracksTrue))
                .addAttribute(ints("class_treeids", classTreeIds))
                .addAttribute(ints("class_nodeids", classNodeIds))
                .addAttribute(ints("class_ids", classIds))
                .addAttribute(floats("class_weights", classWeights))
                .addAttribute(floats("base_values", List.of((float) ensemble.baseMargin())))
                .addAttribute(AttributeProto.newBuilder().setName("post_transform")
                        .setType(AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8("LOGISTIC")))
                .build();
        GraphProto graph = GraphProto.newBuilder()
                .setName("keepwell_churn")
                .addNode(classifier)
                .addInput(tensor(INPUT, TensorProto.DataType.FLOAT, -1, schema.size()))
                .addOutput(tensor("label", TensorProto.DataType.INT64, -1))
                .addOutput(tensor(PROBABILITIES, TensorProto.DataType.FLOAT, -1, 2))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("keepwell")
                .setModelVersion(1)
                .setDocString("Keepwell churn model " + modelVersion + "; features " + schema.version() + ": "
                        + String.join(",", schema.names()))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("model_version").setValue(modelVersion))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("feature_schema").setValue(schema.version()))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static AttributeProto ints(String name, List<Long> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                .addAllInts(values).build();
    }

    private static AttributeProto floats(String name, List<Float> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS)
                .addAllFloats(values).build();
    }

    private static AttributeProto strings(String name, List<String> values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        values.forEach(v -> b.addStrings(com.google.protobuf.ByteString.copyFromUtf8(v)));
        return b.build();
    }

    private static ValueInfoProto tensor(String name, TensorProto.DataType type, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }
}

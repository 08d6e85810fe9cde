"""Fits scikit-learn's LogisticRegression on its bundled iris data set and writes the model as ONNX with one
input per DataFrame column, as skl2onnx does for pandas frames.

    /usr/bin/python3 examples/onnx-dataframe/train.py

Writes (all committed):
  model/iris-logistic.onnx          Concat(columns) -> MatMul -> Add -> Softmax, built with onnx.helper
  requests/flowers.json             six flowers (two of each species) as a records-orient frame
  requests/sklearn-probabilities.json  what scikit-learn's predict_proba() returns for them

Needs Debian's python3-sklearn, python3-onnx and python3-numpy (no skl2onnx). Deterministic.
"""
import json
from pathlib import Path

import numpy as np
from onnx import TensorProto, checker, helper, numpy_helper, save
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

HERE = Path(__file__).resolve().parent
COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width"]

iris = load_iris()
model = LogisticRegression(max_iter=1000).fit(iris.data, iris.target)
classes = len(iris.target_names)

graph = helper.make_graph(
    nodes=[
        helper.make_node("Concat", COLUMNS, ["features"], axis=1),
        helper.make_node("MatMul", ["features", "coef"], ["weighted"]),
        helper.make_node("Add", ["weighted", "intercept"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ],
    name="iris_logistic",
    inputs=[helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", 1]) for name in COLUMNS],
    outputs=[helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", classes])],
    initializer=[
        numpy_helper.from_array(model.coef_.T.astype(np.float32), "coef"),
        numpy_helper.from_array(model.intercept_.astype(np.float32), "intercept"),
    ],
)
onnx_model = helper.make_model(
    graph,
    opset_imports=[helper.make_opsetid("", 13)],
    producer_name="inferschema examples/onnx-dataframe/train.py",
    doc_string="scikit-learn LogisticRegression on load_iris(): probability of setosa, versicolor, virginica",
)
onnx_model.ir_version = 8
checker.check_model(onnx_model)
save(onnx_model, str(HERE / "model" / "iris-logistic.onnx"))

picked = [0, 1, 50, 51, 100, 101]
flowers = [dict(zip(COLUMNS, iris.data[row].tolist())) for row in picked]
rows = ",\n".join(f"    {json.dumps(flower)}" for flower in flowers)
(HERE / "requests" / "flowers.json").write_text(f"{{\n  \"flowers\": [\n{rows}\n  ]\n}}\n")
(HERE / "requests" / "sklearn-probabilities.json").write_text(json.dumps(model.predict_proba(iris.data[picked]).tolist()) + "\n")
print(f"train accuracy {model.score(iris.data, iris.target):.4f}; wrote model/iris-logistic.onnx and requests/")

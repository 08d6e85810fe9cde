"""Fits scikit-learn's Ridge on its bundled diabetes data set and writes the model as ONNX.

    /usr/bin/python3 examples/onnx-regression/train.py

Writes (all committed):
  model/diabetes-ridge.onnx        MatMul + Add built with onnx.helper from the fitted coef_ and intercept_
  requests/patients.json           the first five rows of the data set, as a request body
  requests/sklearn-predictions.json  what scikit-learn's predict() returns for those rows

Needs Debian's python3-sklearn, python3-onnx and python3-numpy (no skl2onnx). Deterministic: running it again
writes the same bytes.
"""
import json
from pathlib import Path

import numpy as np
from onnx import TensorProto, checker, helper, numpy_helper, save
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge

HERE = Path(__file__).resolve().parent

features, target = load_diabetes(return_X_y=True)
model = Ridge(alpha=0.1).fit(features, target)

graph = helper.make_graph(
    nodes=[
        helper.make_node("MatMul", ["features", "coef"], ["weighted"]),
        helper.make_node("Add", ["weighted", "intercept"], ["prediction"]),
    ],
    name="diabetes_ridge",
    inputs=[helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", features.shape[1]])],
    outputs=[helper.make_tensor_value_info("prediction", TensorProto.FLOAT, ["batch"])],
    initializer=[
        numpy_helper.from_array(model.coef_.astype(np.float32), "coef"),
        numpy_helper.from_array(np.array(model.intercept_, dtype=np.float32), "intercept"),
    ],
)
onnx_model = helper.make_model(
    graph,
    opset_imports=[helper.make_opsetid("", 13)],
    producer_name="inferschema examples/onnx-regression/train.py",
    doc_string="scikit-learn Ridge(alpha=0.1) on load_diabetes(): disease progression one year after baseline",
)
onnx_model.ir_version = 8
checker.check_model(onnx_model)
save(onnx_model, str(HERE / "model" / "diabetes-ridge.onnx"))

rows = features[:5]
(HERE / "requests" / "patients.json").write_text(json.dumps({"features": rows.tolist()}, indent=1) + "\n")
(HERE / "requests" / "sklearn-predictions.json").write_text(json.dumps(model.predict(rows).tolist()) + "\n")
print(f"train R^2 {model.score(features, target):.4f}; wrote model/diabetes-ridge.onnx and requests/")

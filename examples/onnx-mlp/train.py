"""Trains scikit-learn's MLPClassifier on its bundled handwritten-digits data set and writes it as ONNX.

    /usr/bin/python3 examples/onnx-mlp/train.py [--hidden 512,512,512] [--max-iter 30] [--out model/digits-mlp.onnx]

Writes model/digits-mlp.onnx: Mul (pixels 0..16 scaled to 0..1, as the model was trained) then, per layer,
MatMul + Add (+ Relu, Softmax on the last), built with onnx.helper from the fitted coefs_ and intercepts_. Also
writes requests/digit.json (one 8x8 image, the request the batching bench sends), requests/digits.json (the
first five images) and requests/sklearn-probabilities.json (what predict_proba returns for those five).

Needs Debian's python3-sklearn, python3-onnx and python3-numpy (no skl2onnx). Deterministic (random_state=0).
"""
import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np
from onnx import TensorProto, checker, helper, numpy_helper, save
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

HERE = Path(__file__).resolve().parent
parser = argparse.ArgumentParser()
parser.add_argument("--hidden", default="512,512,512", help="units of each hidden layer")
parser.add_argument("--max-iter", type=int, default=30, help="training epochs")
parser.add_argument("--out", default=str(HERE / "model" / "digits-mlp.onnx"))
parser.add_argument("--no-requests", action="store_true", help="write only the model (the bench's larger one)")
args = parser.parse_args()
hidden = tuple(int(units) for units in args.hidden.split(","))

digits = load_digits()
pixels = digits.data / 16.0
model = MLPClassifier(hidden_layer_sizes=hidden, max_iter=args.max_iter, random_state=0)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    model.fit(pixels, digits.target)

nodes = [helper.make_node("Mul", ["pixels", "scale"], ["layer0"])]
initializers = [numpy_helper.from_array(np.array(1 / 16, dtype=np.float32), "scale")]
for index, (weights, bias) in enumerate(zip(model.coefs_, model.intercepts_)):
    last = index == len(model.coefs_) - 1
    initializers += [
        numpy_helper.from_array(weights.astype(np.float32), f"W{index}"),
        numpy_helper.from_array(bias.astype(np.float32), f"b{index}"),
    ]
    nodes += [
        helper.make_node("MatMul", [f"layer{index}", f"W{index}"], [f"product{index}"]),
        helper.make_node("Add", [f"product{index}", f"b{index}"], [f"logits{index}"]),
        helper.make_node("Softmax", [f"logits{index}"], ["probabilities"], axis=1)
        if last
        else helper.make_node("Relu", [f"logits{index}"], [f"layer{index + 1}"]),
    ]
graph = helper.make_graph(
    nodes,
    "digits_mlp",
    [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 64])],
    [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 10])],
    initializer=initializers,
)
onnx_model = helper.make_model(
    graph,
    opset_imports=[helper.make_opsetid("", 13)],
    producer_name="inferschema examples/onnx-mlp/train.py",
    doc_string=f"scikit-learn MLPClassifier{hidden} on load_digits(): probability of each digit 0-9",
)
onnx_model.ir_version = 8
checker.check_model(onnx_model)
Path(args.out).parent.mkdir(parents=True, exist_ok=True)
save(onnx_model, args.out)

rows = digits.data[:5]
if args.no_requests:
    print(f"hidden {hidden}: train accuracy {model.score(pixels, digits.target):.4f}; wrote {args.out}")
    sys.exit(0)
(HERE / "requests" / "digit.json").write_text(json.dumps({"pixels": [digits.data[0].tolist()]}) + "\n")
(HERE / "requests" / "digits.json").write_text(json.dumps({"pixels": rows.tolist()}) + "\n")
(HERE / "requests" / "sklearn-probabilities.json").write_text(json.dumps(model.predict_proba(rows / 16.0).tolist()) + "\n")
print(f"hidden {hidden}: train accuracy {model.score(pixels, digits.target):.4f}; wrote {args.out} and requests/")

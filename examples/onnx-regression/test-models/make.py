"""Writes the ONNX models that onnx-regression.test.ts expects init to refuse: each differs from the script's
sample (features: float32 [batch, 10]) in one way.

    /usr/bin/python3 examples/onnx-regression/test-models/make.py
"""
from pathlib import Path

import numpy as np
from onnx import TensorProto, checker, helper, numpy_helper, save

HERE = Path(__file__).resolve().parent


def linear(path, input_name, element_type, width, batch="batch"):
    dtype = np.float64 if element_type == TensorProto.DOUBLE else np.float32
    graph = helper.make_graph(
        [helper.make_node("MatMul", [input_name, "coef"], ["prediction"])],
        "mismatched",
        [helper.make_tensor_value_info(input_name, element_type, [batch, width])],
        [helper.make_tensor_value_info("prediction", element_type, [batch])],
        initializer=[numpy_helper.from_array(np.ones(width, dtype=dtype), "coef")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    checker.check_model(model)
    save(model, str(HERE / path))


linear("wrong-name.onnx", "x", TensorProto.FLOAT, 10)
linear("wrong-width.onnx", "features", TensorProto.FLOAT, 8)
linear("wrong-type.onnx", "features", TensorProto.DOUBLE, 10)
linear("fixed-batch.onnx", "features", TensorProto.FLOAT, 10, batch=1)

#!/usr/bin/env python3
"""An Open Inference Protocol gRPC client written as a Python user would write one, to drive inferschema's
gRPC service from outside Node.

It uses only Debian's python3-grpcio, python3-protobuf and python3-numpy, plus protoc (protobuf-compiler): the
message classes are generated from the .proto at run time, and the stub is built from the service descriptor
in that .proto (no grpc_tools needed). It sends the specification's example request as typed `contents` and as
`raw_input_contents` (numpy arrays as little-endian bytes), exact 64-bit integers, and bad requests, and prints
what it received as one JSON object; the test that runs it checks that object.

    python3 oip_client.py --target 127.0.0.1:8081 --proto open_inference_grpc.proto
"""
import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile

import grpc
import numpy as np


def load_messages(proto_path):
    """Generates the message classes of the .proto with protoc and imports them."""
    out = tempfile.mkdtemp(prefix="oip-pb2-")
    folder, name = os.path.split(os.path.abspath(proto_path))
    subprocess.run(["protoc", f"--proto_path={folder}", f"--python_out={out}", name], check=True)
    sys.path.insert(0, out)
    return importlib.import_module(os.path.splitext(name)[0] + "_pb2")


class InferenceStub:
    """One callable per rpc of GRPCInferenceService, read from the service descriptor of the .proto."""

    def __init__(self, channel, pb2):
        service = pb2.DESCRIPTOR.services_by_name["GRPCInferenceService"]
        self.rpcs = []
        for method in service.methods:
            request = getattr(pb2, method.input_type.name)
            response = getattr(pb2, method.output_type.name)
            path = f"/{service.full_name}/{method.name}"
            setattr(self, method.name, channel.unary_unary(path, request_serializer=request.SerializeToString, response_deserializer=response.FromString))
            self.rpcs.append(method.name)


def spec_request(pb2, raw):
    """The specification's example request: input0 UINT32 [2, 2], input1 BOOL [3], output requested by name."""
    input0 = np.array([[1, 2], [3, 4]], dtype=np.uint32)
    input1 = np.array([True, True, True])
    request = pb2.ModelInferRequest(model_name="spec-example-script", id="42")
    request.outputs.add(name="output")
    first = request.inputs.add(name="input0", datatype="UINT32", shape=list(input0.shape))
    second = request.inputs.add(name="input1", datatype="BOOL", shape=list(input1.shape))
    if raw:
        request.raw_input_contents.append(input0.astype("<u4").tobytes())
        request.raw_input_contents.append(input1.astype(np.uint8).tobytes())
    else:
        first.contents.uint_contents.extend(input0.flatten().tolist())
        second.contents.bool_contents.extend(input1.tolist())
    return request


def outputs_of(response):
    """Each output as {name, datatype, shape, data, raw}: data from raw_output_contents (numpy) or contents."""
    dtypes = {"FP32": "<f4", "FP64": "<f8", "INT64": "<i8", "UINT64": "<u8", "INT32": "<i4", "UINT32": "<u4", "BOOL": "u1"}
    fields = {"FP32": "fp32_contents", "FP64": "fp64_contents", "INT64": "int64_contents", "UINT64": "uint64_contents", "BOOL": "bool_contents"}
    result = []
    for index, output in enumerate(response.outputs):
        shape = list(output.shape)
        raw = len(response.raw_output_contents) > 0
        if raw:
            array = np.frombuffer(response.raw_output_contents[index], dtype=dtypes[output.datatype]).reshape(shape)
        else:
            array = np.array(list(getattr(output.contents, fields[output.datatype]))).reshape(shape)
        data = [str(value) for value in array.flatten().tolist()] if output.datatype in ("INT64", "UINT64") else array.tolist()
        result.append({"name": output.name, "datatype": output.datatype, "shape": shape, "raw": raw, "data": data})
    return result


def failure(call, request):
    """The status code and details of a call expected to fail."""
    try:
        call(request)
    except grpc.RpcError as error:
        return {"code": error.code().name, "details": error.details()}
    return {"code": "OK", "details": ""}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True)
    parser.add_argument("--proto", required=True)
    args = parser.parse_args()

    pb2 = load_messages(args.proto)
    with grpc.insecure_channel(args.target) as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        stub = InferenceStub(channel, pb2)
        report = {"rpcs": stub.rpcs}
        report["live"] = stub.ServerLive(pb2.ServerLiveRequest()).live
        report["ready"] = stub.ServerReady(pb2.ServerReadyRequest()).ready
        server = stub.ServerMetadata(pb2.ServerMetadataRequest())
        report["server"] = {"name": server.name, "version": server.version, "extensions": list(server.extensions)}
        report["model_ready"] = stub.ModelReady(pb2.ModelReadyRequest(name="spec-example-script")).ready
        metadata = stub.ModelMetadata(pb2.ModelMetadataRequest(name="spec-example-script"))
        report["metadata"] = {
            "name": metadata.name,
            "platform": metadata.platform,
            "inputs": [{"name": t.name, "datatype": t.datatype, "shape": list(t.shape)} for t in metadata.inputs],
            "outputs": [{"name": t.name, "datatype": t.datatype, "shape": list(t.shape)} for t in metadata.outputs],
        }

        for form in ("contents", "raw"):
            response = stub.ModelInfer(spec_request(pb2, raw=form == "raw"))
            report[f"infer_{form}"] = {"model_name": response.model_name, "id": response.id, "outputs": outputs_of(response)}

        ids = np.array([2**62 + 1, -(2**63) + 1], dtype=np.int64)
        exact = pb2.ModelInferRequest(model_name="ids")
        exact.inputs.add(name="id", datatype="INT64", shape=[1]).contents.int64_contents.extend([int(ids[0])])
        report["int64_contents"] = outputs_of(stub.ModelInfer(exact))
        exact_raw = pb2.ModelInferRequest(model_name="ids")
        exact_raw.inputs.add(name="id", datatype="INT64", shape=[1])
        exact_raw.raw_input_contents.append(ids[1:].astype("<i8").tobytes())
        report["int64_raw"] = outputs_of(stub.ModelInfer(exact_raw))

        wrong_type = spec_request(pb2, raw=False)
        wrong_type.inputs[0].datatype = "FP32"
        wrong_type.inputs[0].contents.Clear()
        wrong_type.inputs[0].contents.fp32_contents.extend([1.0, 2.0, 3.0, 4.0])
        short_raw = spec_request(pb2, raw=True)
        short_raw.raw_input_contents[0] = short_raw.raw_input_contents[0][:-1]
        unknown = spec_request(pb2, raw=False)
        unknown.model_name = "no-such-model"
        report["errors"] = {
            "wrong_datatype": failure(stub.ModelInfer, wrong_type),
            "short_raw": failure(stub.ModelInfer, short_raw),
            "unknown_model": failure(stub.ModelInfer, unknown),
            "unknown_model_metadata": failure(stub.ModelMetadata, pb2.ModelMetadataRequest(name="no-such-model")),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()

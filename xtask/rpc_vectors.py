"""Record how botocore frames RPC-protocol requests and reads responses.

Usage: python3 rpc_vectors.py <service-2.json> <out.json> <Operation>...

For the awsJson (`json`) and Smithy RPC v2 CBOR (`smithy-rpc-v2-cbor`)
protocols. For each operation:

- requests: inputs built by serde_vectors' Builder (every member set, one
  union member per variant), serialized by botocore's own serializer
  (`create_serializer`, no network); the vector records method, path,
  headers and body (text for JSON, base64 for CBOR).
- outputs: an output built the same way, written in the protocol's body
  format by botocore's own serializer code for that format (the JSON or
  CBOR serializer's value writer, applied to the output shape), then read
  back by botocore's response parser; the vector records the body and what
  the parser returned (`$bytes` / `$timestamp` markers for blobs and
  timestamps).
- errors: canned error bodies (every modelled error of the operation, with
  the namespace and `:`-suffix forms, the `x-amzn-query-error` header, no
  `__type`, a body that is not in the format) read by botocore's parser; the
  vector records the code, message and, for awsQueryCompatible services,
  botocore's `QueryErrorCode`.
"""
import base64
import json
import sys

import botocore
from botocore.awsrequest import HeadersDict
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from serde_vectors import Builder, built_inputs, jsonable, walk_shapes


class SpecialFloats(Builder):
    """Every float and double is NaN, Infinity or -Infinity in turn."""

    def value(self, shape, depth, name):
        if shape.type_name in ("float", "double"):
            self.counter += 1
            return [float("nan"), float("inf"), float("-inf")][self.counter % 3]
        return super().value(shape, depth, name)


def recordable(value):
    """`jsonable`, with NaN and the infinities as botocore's JSON strings."""
    value = jsonable(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: recordable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [recordable(v) for v in value]
    return value


def body_text(protocol, body):
    if protocol == "json":
        return {"text": body.decode("utf-8")}
    return {"base64": base64.b64encode(body).decode()}


def encode(serializer, protocol, value, shape):
    """The body botocore's serializer for `protocol` writes for `value`."""
    if protocol == "json":
        out = {}
        serializer._serialize(out, value, shape)
        return json.dumps(out).encode()
    out = bytearray()
    serializer._serialize_data_item(out, value, shape)
    return bytes(out)


def parsed_without_metadata(parsed):
    parsed = dict(parsed)
    parsed.pop("ResponseMetadata", None)
    return parsed


def error_cases(service, op, protocol):
    """(name, status, headers, body) of error responses for `op`."""
    prefix = service.metadata.get("targetPrefix", "svc")
    ns = "com.amazonaws." + service.metadata["endpointPrefix"].replace("-", "")

    def enc(value):
        if protocol == "json":
            return json.dumps(value).encode()
        ser = create_serializer(protocol, include_validation=False)
        out = bytearray()
        # A structure with string members, as the error bodies are.
        ser._serialize_type_map(out, value, _StringMap(), None)
        return bytes(out)

    cases = []
    for i, err in enumerate(op.error_shapes):
        code = err.error_code
        typed = f"{ns}#{err.name}" if i % 2 == 0 else f"{err.name}:http://internal.amazon.com/coral/{prefix}/"
        headers = {"x-amzn-RequestId": f"req-{op.name}-{i}"}
        if service.metadata.get("awsQueryCompatible") is not None:
            headers["x-amzn-query-error"] = f"{QUERY_CODES.get(code, code)};Sender"
        cases.append((f"{op.name}-{err.name}", 400, headers,
                      enc({"__type": typed, "message": f"{err.name} happened é"})))
    cases.append((f"{op.name}-capital-message", 400, {}, enc({"__type": "Unmodelled", "Message": "capital M"})))
    cases.append((f"{op.name}-no-type", 403, {}, enc({"message": "no type"})))
    cases.append((f"{op.name}-query-error-malformed", 400, {"x-amzn-query-error": "OnlyOnePart"},
                  enc({"__type": f"{ns}#Thing"})))
    cases.append((f"{op.name}-generic-5xx", 503, {}, b""))
    return cases


# The query codes awsQueryCompatible services send in `x-amzn-query-error`
# for errors whose model gives no code (SQS's models give none; these are
# the codes SQS documents for its Query API).
QUERY_CODES = {
    "QueueDoesNotExist": "AWS.SimpleQueueService.NonExistentQueue",
    "QueueDeletedRecently": "AWS.SimpleQueueService.QueueDeletedRecently",
    "QueueNameExists": "QueueAlreadyExists",
    "InvalidAttributeName": "InvalidAttributeName",
    "UnsupportedOperation": "AWS.SimpleQueueService.UnsupportedOperation",
}


def lookup_code(service, error):
    """The code botocore's error factory looks the error class up by: the
    QueryErrorCode for SQS (`_handle_sqs_compatible_error`), else the Code."""
    if service.service_name == "sqs" and error.get("QueryErrorCode"):
        return error["QueryErrorCode"]
    return error.get("Code")


class _StringMap:
    """A map shape of strings to strings, for writing canned CBOR error bodies."""

    class _S:
        type_name = "string"

    key = _S()
    value = _S()


def main():
    model_path, out_path, *operations = sys.argv[1:]
    with open(model_path) as f:
        service = ServiceModel(json.load(f))
    # The protocol botocore's client speaks (the first of `protocols` in its
    # order of preference), as the generator picks it.
    protocol = service.resolved_protocol
    assert protocol in ("json", "smithy-rpc-v2-cbor"), protocol
    serializer = create_serializer(protocol, include_validation=False)
    parser = create_parser(protocol)
    requests, outputs, errors = [], [], []
    for op_name in operations:
        op = service.operation_model(op_name)
        if op.input_shape is None:
            req = serializer.serialize_to_request({}, op)
            variants = [(0, {}, req)]
        else:
            variants = [(v, p, serializer.serialize_to_request(p, op)) for v, p in built_inputs(op)]
            has_floats = any(sh.type_name in ("float", "double") for sh in walk_shapes(op.input_shape))
            if protocol == "smithy-rpc-v2-cbor" and has_floats:
                # NaN and the infinities, as CBOR floats (JSON's are issue 12's).
                params = SpecialFloats(0).value(op.input_shape, 0, op_name)
                variants.append(("special-floats", params, serializer.serialize_to_request(params, op)))
        for variant, params, req in variants:
            requests.append({
                "operation": op_name,
                "variant": variant,
                "input": recordable(params),
                "method": req["method"],
                "url_path": req["url_path"],
                "headers": {k: v for k, v in sorted(req["headers"].items())},
                "body": body_text(protocol, req["body"]),
            })
        if op.output_shape is not None:
            value = Builder(0).value(op.output_shape, 0, op_name)
            body = encode(serializer, protocol, value, op.output_shape)
            hdrs = HeadersDict({"x-amzn-RequestId": "req-out"})
            parsed = parser.parse({"status_code": 200, "headers": hdrs, "body": body}, op.output_shape)
            outputs.append({
                "operation": op_name,
                "body": body_text(protocol, body),
                "parsed": jsonable(parsed_without_metadata(parsed)),
            })
        for name, status, headers, body in error_cases(service, op, protocol):
            hdrs = HeadersDict()
            for k, v in headers.items():
                hdrs[k] = v
            parsed = parser.parse({"status_code": status, "headers": hdrs, "body": body}, op.output_shape)
            error = parsed["Error"]
            lookup = lookup_code(service, error)
            modelled = [e.error_code for e in op.error_shapes]
            errors.append({
                "name": name,
                "operation": op_name,
                "status": status,
                "headers": headers,
                "body": body_text(protocol, body),
                "code": error.get("Code"),
                "query_error_code": error.get("QueryErrorCode"),
                "message": error.get("Message"),
                "request_id": parsed.get("ResponseMetadata", {}).get("RequestId"),
                # The modelled error botocore raises (by its code), if the
                # operation lists it.
                "modelled_code": lookup if lookup in modelled else None,
            })
    with open(out_path, "w") as f:
        json.dump({"botocore": botocore.__version__, "protocol": protocol, "requests": requests,
                   "outputs": outputs, "errors": errors}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out_path}: {len(requests)} requests, {len(outputs)} outputs, {len(errors)} errors "
          f"from botocore {botocore.__version__}")


if __name__ == "__main__":
    main()

"""Record how botocore applies host prefixes (`endpoint.hostPrefix`, with
`{label}`s filled from `hostLabel` members) to the request URL.

Usage: python3 host_prefix_vectors.py <out-dir>

Writes <out-dir>/vectors.json (botocore's URL, or its validation error, for
host-label values valid and not) and <out-dir>/neptune-graph/service-2.json
(the operations of neptune-graph that have a host prefix, with the shapes
they need), and checks that bedrock has no operation with a host prefix.
"""
import json
import os
import sys

import botocore
import botocore.session
from botocore.awsrequest import prepare_request_dict
from botocore.exceptions import ParamValidationError
from botocore.serialize import create_serializer

ENDPOINT = "https://{prefix}.us-east-1.amazonaws.com"
LABEL_VALUES = ["g-abc123", "my.graph-1", "UPPER.case", "bad_label", "a/b", "", "g\u00e9"]


def closure(model, names):
    shapes = model["shapes"]
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        refs = [m["shape"] for m in shape.get("members", {}).values()]
        for key in ("member", "key", "value"):
            if key in shape:
                refs.append(shape[key]["shape"])
        todo.extend(refs)
    return {n: shapes[n] for n in sorted(seen)}


def trimmed(session, service):
    loader = session.get_component("data_loader")
    api = loader.determine_latest_version(service, "service-2")
    model = loader.load_service_model(service, "service-2", api)
    ops = {n: op for n, op in model["operations"].items() if "endpoint" in op}
    names = []
    for op in ops.values():
        for key in ("input", "output"):
            if key in op:
                names.append(op[key]["shape"])
        names.extend(e["shape"] for e in op.get("errors", []))
    return {"version": model.get("version", "2.0"), "metadata": model["metadata"], "operations": ops,
            "shapes": closure(model, names)}


def minimal_params(shape, label_value):
    params = {}
    for name, member in shape.members.items():
        if member.serialization.get("hostLabel"):
            params[name] = label_value
        elif name in shape.required_members:
            params[name] = "x" if member.type_name == "string" else {}
    return params


def main():
    out_dir = sys.argv[1]
    session = botocore.session.get_session()
    bedrock = session.get_service_model("bedrock")
    assert not any(bedrock.operation_model(op).endpoint for op in bedrock.operation_names), "bedrock has host prefixes now"
    cases = []
    for service in ["neptune-graph", "signer"]:
        model = session.get_service_model(service)
        serializer = create_serializer(model.metadata["protocol"], include_validation=False)
        endpoint = ENDPOINT.format(prefix=model.metadata["endpointPrefix"])
        for op_name in model.operation_names:
            op = model.operation_model(op_name)
            if not op.endpoint or "hostPrefix" not in op.endpoint:
                continue
            has_labels = "{" in op.endpoint["hostPrefix"]
            for value in LABEL_VALUES if has_labels else [None]:
                params = minimal_params(op.input_shape, value) if op.input_shape else {}
                case = {"service": service, "operation": op_name, "host_prefix": op.endpoint["hostPrefix"],
                        "endpoint": endpoint, "label_value": value}
                try:
                    request = serializer.serialize_to_request(params, op)
                    prepare_request_dict(request, endpoint)
                    case["url"] = request["url"]
                except ParamValidationError as e:
                    case["error"] = str(e)
                cases.append(case)
    os.makedirs(os.path.join(out_dir, "neptune-graph"), exist_ok=True)
    with open(os.path.join(out_dir, "neptune-graph", "service-2.json"), "w") as f:
        json.dump(trimmed(session, "neptune-graph"), f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(out_dir, "vectors.json"), "w") as f:
        json.dump({"botocore": botocore.__version__, "bedrock_host_prefixes": 0, "cases": cases}, f, indent=1,
                  ensure_ascii=False)
        f.write("\n")
    print(f"{out_dir}/vectors.json: {len(cases)} cases from botocore {botocore.__version__}")


if __name__ == "__main__":
    main()

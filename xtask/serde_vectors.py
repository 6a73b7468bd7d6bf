"""Serialize generated inputs with botocore's real rest-json serializer.

Usage: python3 serde_vectors.py <service-2.json> <out.json> <Operation>...

For each operation, builds inputs that set every member (one union member at
a time, so every union member is covered across the inputs), in model member
order, and records what botocore sends: method, path, query, headers, body.
The Rust tests assert the generated types give the same JSON body byte for
byte, and (for HTTP bindings) the same request.
"""
import base64
import datetime
import json
import math
import sys

import botocore
from botocore.model import ServiceModel
from botocore.serialize import create_serializer

MAX_DEPTH = 6


class Builder:
    def __init__(self, variant, special_floats=False):
        # Which member each union takes: variant-th member (mod count).
        self.variant = variant
        self.counter = 0
        # Floats and doubles take NaN, Infinity and -Infinity in turn.
        self.special_floats = special_floats

    def value(self, shape, depth, name):
        t = shape.type_name
        self.counter += 1
        if t == "structure":
            if shape.is_document_type:
                return {"kind": name, "nested": [1, 2.5, True, None, {"k": "v"}]}
            # In the crate's member order (by name, ir::sort_members): botocore
            # writes body members in the caller's order.
            members = sorted(shape.members.items())
            if shape.is_tagged_union:
                if not members:
                    return {}
                mname, mshape = members[self.variant % len(members)]
                return {mname: self.value(mshape, depth + 1, mname)}
            out = {}
            for mname, mshape in members:
                required = mname in shape.required_members
                if depth >= MAX_DEPTH and not required:
                    continue
                out[mname] = self.value(mshape, depth + 1, mname)
            return out
        if t == "list":
            if depth >= MAX_DEPTH:
                return []
            return [self.value(shape.member, depth + 1, name)]
        if t == "map":
            if depth >= MAX_DEPTH:
                return {}
            key = shape.key.enum[0] if shape.key.enum else f"{name}-key"
            return {key: self.value(shape.value, depth + 1, name)}
        if t == "string":
            if shape.enum:
                return shape.enum[self.counter % len(shape.enum)]
            return f"{name}-{self.counter}-é"
        if t in ("integer", "long"):
            return self.counter
        if t in ("float", "double"):
            if self.special_floats:
                return [math.nan, math.inf, -math.inf][self.counter % 3]
            return self.counter + 0.25
        if t == "boolean":
            return self.counter % 2 == 0
        if t == "blob":
            return bytes([0, 1, 2, 250, 251, 252]) + name.encode()
        if t == "timestamp":
            micro = 123456 if self.counter % 2 else 0
            return datetime.datetime(2024, 5, 1, 12, 0, self.counter % 60, micro, tzinfo=datetime.timezone.utc)
        raise ValueError(f"unsupported shape type {t}")


def jsonable(value):
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    if isinstance(value, datetime.datetime):
        return {"$timestamp": value.isoformat()}
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def main():
    model_path, out_path, *operations = sys.argv[1:]
    with open(model_path) as f:
        service = ServiceModel(json.load(f))
    serializer = create_serializer(service.metadata["protocol"], include_validation=False)
    cases = []
    for op_name in operations:
        if op_name not in service.operation_names:
            print(f"skipped: {op_name} is not in {model_path}", file=sys.stderr)
            continue
        op = service.operation_model(op_name)
        inputs = list(built_inputs(op))
        if any(s.type_name in ("float", "double") for s in walk_shapes(op.input_shape)):
            # NaN and the infinities, which JSON bodies carry as strings.
            inputs.append(("special-floats", Builder(0, special_floats=True).value(op.input_shape, 0, op.name)))
        for variant, params in inputs:
            req = serializer.serialize_to_request(params, op)
            body = req["body"]
            if isinstance(body, bytes):
                body = body.decode()
            cases.append({
                "operation": op_name,
                "variant": variant,
                "input": jsonable(params),
                "method": req["method"],
                "url_path": req["url_path"],
                "query": req["query_string"],
                "headers": {k: v for k, v in sorted(req["headers"].items())},
                "body": body,
            })
    with open(out_path, "w") as f:
        json.dump({"botocore": botocore.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out_path}: {len(cases)} cases from botocore {botocore.__version__}")


def built_inputs(op):
    """An input for `op` from `Builder`, once per variant: as many as the
    largest tagged union in the input has members, so every union member is
    set in some case. Yields (variant, params)."""
    unions = [s for s in walk_shapes(op.input_shape) if s.type_name == "structure" and s.is_tagged_union]
    for variant in range(max([len(s.members) for s in unions] + [1])):
        yield variant, Builder(variant).value(op.input_shape, 0, op.name)


def walk_shapes(shape, seen=None):
    seen = set() if seen is None else seen
    if shape.name in seen:
        return
    seen.add(shape.name)
    yield shape
    if shape.type_name == "structure":
        for m in shape.members.values():
            yield from walk_shapes(m, seen)
    elif shape.type_name == "list":
        yield from walk_shapes(shape.member, seen)
    elif shape.type_name == "map":
        yield from walk_shapes(shape.value, seen)


if __name__ == "__main__":
    main()

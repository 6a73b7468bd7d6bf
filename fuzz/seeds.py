"""Writes the seed corpora of the fuzz targets from the committed vectors
(the same seeds as tests/fuzz_props.rs): fuzz/corpus/{fast_json,token,model}/.
Run from the repository root: python3 fuzz/seeds.py"""
import hashlib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(target, data):
    d = os.path.join(ROOT, "fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def strings(value, key, out):
    if isinstance(value, str) and "token" in key:
        out.append(value)
    elif isinstance(value, list):
        for v in value:
            strings(v, key, out)
    elif isinstance(value, dict):
        for k, v in value.items():
            strings(v, k.lower(), out)


serde = json.load(open(os.path.join(ROOT, "tests/vectors/serde/bedrock.json")))
for case in serde["cases"]:
    write("fast_json", f"{case['operation']}Request\n{case['body']}".encode())
write("fast_json", b"ModelInvocationJobInputDataConfig\n{\"x\":{\"a\":[[1]],\"a\":0}}")

tokens = []
pag = os.path.join(ROOT, "tests/vectors/paginators")
for name in sorted(os.listdir(pag)):
    if name.endswith(".json"):
        strings(json.load(open(os.path.join(pag, name))), "", tokens)
for t in tokens:
    write("token", t.encode())

for kind, path in [(0, "tests/fixtures/kitchen-sink/service-2.json"),
                   (0, "tests/vectors/host-prefix/neptune-graph/service-2.json"),
                   (1, "tests/fixtures/smithy/weather.json"), (1, "tests/fixtures/smithy/shapes.json")]:
    write("model", bytes([kind]) + open(os.path.join(ROOT, path), "rb").read())
# protocols: a kind byte (tests/src/harness.rs `protocols`), then a body botocore read.
import base64
def vectors(path):
    return json.load(open(os.path.join(ROOT, path)))
s3 = vectors("tests/vectors/xml/s3.json")
iam = vectors("tests/vectors/xml/iam.json")
cbor = vectors("tests/vectors/rpc/cloudwatchomni.json")
for case in s3["responses"]:
    if case["operation"] == "ListObjectsV2":
        write("protocols", b"\x00" + case["body"].encode())
for case in s3["errors"]:
    write("protocols", b"\x01" + case["body"].encode())
for case in iam["responses"]:
    if case["operation"] == "ListUsers":
        write("protocols", b"\x02" + case["body"].encode())
for case in iam["errors"]:
    write("protocols", b"\x03" + case["body"].encode())
for case in cbor["outputs"]:
    if case["operation"] == "GetAlert":
        write("protocols", b"\x04" + base64.b64decode(case["body"]["base64"]))
for case in cbor["errors"]:
    write("protocols", b"\x05" + base64.b64decode(case["body"]["base64"]))
print("seeds written under fuzz/corpus/")

"""Record the request checksums botocore adds to S3 calls (its
`httpchecksum.py`, default `request_checksum_calculation = when_supported`).

Usage: python3 checksum_vectors.py <out.json>

A botocore s3 client (static credentials, an http:// endpoint, so streaming
uploads get a header checksum rather than an aws-chunked trailer) makes each
call below; a `before-send` hook captures the request and answers it without
any network. The vector records the input and the checksum headers botocore
sent (`x-amz-checksum-*`, `x-amz-sdk-checksum-algorithm`, `Content-MD5`);
tests/checksum.rs builds the same input with the generated s3 crate and
compares.
"""
import base64
import json
import sys

import botocore
import botocore.session
from botocore.awsrequest import AWSResponse

BUCKET = "awsgen-bucket"
# (name, operation, parameters): bodies are text here, bytes for botocore.
CASES = [
    ("put-object-default-crc32", "put_object", {"Bucket": BUCKET, "Key": "a.txt", "Body": "hello world"}),
    ("put-object-empty-body", "put_object", {"Bucket": BUCKET, "Key": "empty"}),
    ("put-object-sha256", "put_object", {"Bucket": BUCKET, "Key": "a.txt", "Body": "hello world", "ChecksumAlgorithm": "SHA256"}),
    ("put-object-sha1", "put_object", {"Bucket": BUCKET, "Key": "a.txt", "Body": "hello world", "ChecksumAlgorithm": "SHA1"}),
    ("put-object-crc32-given", "put_object",
     {"Bucket": BUCKET, "Key": "a.txt", "Body": "hello world", "ChecksumCRC32": "DUoRhQ=="}),
    ("delete-objects-required", "delete_objects",
     {"Bucket": BUCKET, "Delete": {"Objects": [{"Key": "a.txt"}, {"Key": "dir/b c.txt"}], "Quiet": True}}),
    ("delete-objects-sha256", "delete_objects",
     {"Bucket": BUCKET, "Delete": {"Objects": [{"Key": "a.txt"}]}, "ChecksumAlgorithm": "SHA256"}),
]
HEADERS = ("x-amz-checksum-", "x-amz-sdk-checksum-algorithm", "content-md5")


def main():
    out_path = sys.argv[1]
    session = botocore.session.get_session()
    client = session.create_client(
        "s3", region_name="us-east-1", endpoint_url="http://localhost:5000",
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=botocore.config.Config(s3={"addressing_style": "path"}))
    captured = {}

    def before_send(request, **kwargs):
        captured["request"] = request
        return AWSResponse(request.url, 200, {}, None)

    client.meta.events.register("before-send", before_send)
    vectors = []
    for name, operation, params in CASES:
        call = dict(params)
        if "Body" in call:
            call["Body"] = call["Body"].encode()
        try:
            getattr(client, operation)(**call)
        except Exception:
            pass  # the empty canned response may not parse; the request is captured
        request = captured.pop("request")
        headers = {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()}
        body = request.body or b""
        if hasattr(body, "read"):
            body = body.read()
        if isinstance(body, str):
            body = body.encode()
        vectors.append({
            "name": name,
            "operation": operation,
            "input": params,
            "checksum_headers": {k: v for k, v in sorted(headers.items()) if k.startswith(HEADERS)},
            "body_base64": base64.b64encode(body).decode(),
        })
    with open(out_path, "w") as f:
        json.dump({"botocore": botocore.__version__, "cases": vectors}, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()

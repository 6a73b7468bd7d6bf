"""Record botocore's SigV4 signatures of real bedrock client calls.

Usage: python3 sigv4_vectors.py <out.json>

A botocore bedrock client (static credentials, region us-east-1, the clock
frozen at 2024-05-01T12:00:00Z) makes each call below; a `before-send` hook
captures the request exactly as it would go on the wire (method, URL,
headers, body) and answers it without any network. The vector records the
request without its signing headers and without the headers botocore adds
unsigned (`User-Agent`, `amz-sdk-invocation-id`, `amz-sdk-request`,
`Content-Length`) (`Authorization`, `X-Amz-Date`,
`X-Amz-Security-Token`) and those headers as botocore computed them; the Rust
test signs the same request with `aws-sigv4` at the same time and compares.
"""
import base64
import datetime
import json
import sys

import botocore.auth
import botocore.session
from botocore.awsrequest import AWSResponse

NOW = datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
SIGNING_HEADERS = {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"}
# Added after signing by botocore (and by the Rust client), and different on
# every run: left out of the vector.
# Content-Length is set after signing too (the Rust client's transport sets it).
UNSIGNED_HEADERS = {"user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "content-length"}
JOB_ARN = "arn:aws:bedrock:us-east-1:123456789012:model-customization-job/abc.def/x1y2"

# (name, credentials (key, secret, token), operation, parameters)
CASES = [
    ("list-invocation-jobs-query", ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None),
     "list_model_invocation_jobs",
     {"statusEquals": "Completed", "nameContains": "nightly batch #1 a+b=c", "maxResults": 4,
      "nextToken": "eyJ0b2tlbiI6ICIxMjMifQ==/+"}),
    ("list-invocation-jobs-no-query", ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None),
     "list_model_invocation_jobs", {}),
    ("get-customization-job-arn-label", ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN/+="),
     "get_model_customization_job", {"jobIdentifier": JOB_ARN}),
    ("create-customization-job-body", ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None),
     "create_model_customization_job",
     {"jobName": "job é 1", "customModelName": "model-1", "roleArn": "arn:aws:iam::123456789012:role/r",
      "baseModelIdentifier": "amazon.titan-text-express-v1", "clientRequestToken": "token-1",
      "trainingDataConfig": {"s3Uri": "s3://in/train.jsonl"}, "outputDataConfig": {"s3Uri": "s3://out/"},
      "hyperParameters": {"epochCount": "1"}}),
    ("tag-resource", ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None),
     "tag_resource", {"resourceARN": JOB_ARN, "tags": [{"key": "team", "value": "ml"}]}),
]


KEYS = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)

# The XML family: S3 (its `x-amz-content-sha256` payload hash, path signed
# as sent), and the query protocols' form bodies. (service, name,
# credentials, operation, parameters)
XML_CASES = [
    ("s3", "s3-list-objects-v2", KEYS, "list_objects_v2",
     {"Bucket": "awsgen-bucket", "Prefix": "dir/a b+c", "MaxKeys": 3, "ContinuationToken": "t/1=="}),
    ("s3", "s3-get-object-odd-key", KEYS, "get_object", {"Bucket": "awsgen-bucket", "Key": "dir/a b+c=d%e.txt"}),
    ("s3", "s3-create-bucket-xml-body", ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN/+="),
     "create_bucket", {"Bucket": "awsgen-bucket", "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}}),
    ("iam", "iam-list-users-form", KEYS, "list_users", {"PathPrefix": "/a b/", "MaxItems": 2}),
    ("sts", "sts-get-caller-identity", KEYS, "get_caller_identity", {}),
    ("ec2", "ec2-describe-instances-form", KEYS, "describe_instances",
     {"Filters": [{"Name": "instance-state-name", "Values": ["running"]}], "MaxResults": 5}),
]


def main():
    out_path = sys.argv[1]
    xml = len(sys.argv) > 2 and sys.argv[2] == "xml"
    cases = XML_CASES if xml else [("bedrock", *case) for case in CASES]
    botocore.auth.get_current_datetime = lambda *a, **k: NOW
    session = botocore.session.get_session()
    vectors = []
    for service, name, (key, secret, token), operation, params in cases:
        client = session.create_client(
            service, region_name="us-east-1", aws_access_key_id=key,
            aws_secret_access_key=secret, aws_session_token=token)
        captured = {}

        def before_send(request, **kwargs):
            captured["request"] = request
            return AWSResponse(request.url, 200, {}, None)

        if not hasattr(client, operation):
            print(f"skipped {name}: bedrock has no {operation} in botocore {botocore.__version__}", file=sys.stderr)
            continue
        client.meta.events.register("before-send", before_send)
        try:
            getattr(client, operation)(**params)
        except Exception:
            pass  # the empty canned response may not parse; the request is captured
        request = captured["request"]
        headers = [(k, v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()]
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        vectors.append({
            "name": name,
            "credentials": {"access_key_id": key, "secret_access_key": secret, "session_token": token},
            "region": "us-east-1",
            "service": client.meta.service_model.signing_name,
            "time": int(NOW.timestamp()),
            "method": request.method,
            "url": request.url,
            "headers": [[k, v] for k, v in headers if k.lower() not in SIGNING_HEADERS | UNSIGNED_HEADERS],
            "body_base64": base64.b64encode(body).decode(),
            "signed": {k.lower(): v for k, v in headers if k.lower() in SIGNING_HEADERS},
        })
    with open(out_path, "w") as f:
        json.dump({"botocore": botocore.__version__, "cases": vectors}, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()

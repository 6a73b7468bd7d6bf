"""Record botocore's SigV4 signatures of awsJson and rpcv2Cbor client calls.

Usage: python3 rpc_sigv4_vectors.py <out.json>

As sigv4_vectors.py (frozen clock, static credentials, a `before-send` hook
that captures the request and answers it without network), for calls of
dynamodb (awsJson 1.0), kinesis (awsJson 1.1), sqs and cloudwatch (awsJson
1.0, awsQueryCompatible) and eventbridgev2 (rpcv2Cbor). The Rust test builds the
same call with the generated operation (its input read from the recorded
body), signs it at the same time and compares the signature.
"""
import base64
import datetime
import json
import sys

import botocore.auth
import botocore.session
from botocore.awsrequest import AWSResponse

from http_vectors import in_crate_order
from sigv4_vectors import NOW, SIGNING_HEADERS, UNSIGNED_HEADERS

KEYS = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

# (name, service, session token, operation, parameters)
CASES = [
    ("dynamodb-put-item", "dynamodb", None, "put_item",
     {"TableName": "music", "Item": {"artist": {"S": "band é"}, "n": {"N": "7"}, "b": {"B": b"\x00\xff"}}}),
    ("dynamodb-list-tables-token", "dynamodb", "SESSIONTOKEN/+=", "list_tables", {}),
    ("kinesis-put-record", "kinesis", None, "put_record",
     {"StreamName": "s", "Data": b"payload \x00", "PartitionKey": "pk"}),
    ("sqs-send-message", "sqs", None, "send_message",
     {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", "MessageBody": "hello é"}),
    ("cloudwatch-put-metric-data", "cloudwatch", None, "put_metric_data",
     {"Namespace": "App", "MetricData": [{"MetricName": "latency", "Dimensions": [{"Name": "host", "Value": "a"}],
                                          "Timestamp": datetime.datetime(2024, 5, 1, 11, 59, 0, tzinfo=datetime.timezone.utc),
                                          "Value": 1.5}]}),
    ("eventbridgev2-put-events", "eventbridgev2", None, "put_events",
     {"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/bus", "Entries": [{"Source": "app", "DetailType": "t", "Detail": "{}",
                                          "Time": datetime.datetime(2024, 5, 1, 11, 59, 0, 250000, tzinfo=datetime.timezone.utc)}]}),
    ("eventbridgev2-list-event-buses-token", "eventbridgev2", "SESSIONTOKEN/+=", "list_event_buses", {"MaxResults": 5}),
]


def in_crate_order(value, shape):
    """`value` with every structure's members sorted by name, the order a
    typed Rust input serializes in (`ir::sort_members`); botocore writes the
    caller's order. Map entries keep theirs."""
    if shape.type_name == "structure" and isinstance(value, dict):
        return {k: in_crate_order(value[k], shape.members[k]) for k in sorted(value)}
    if shape.type_name == "list" and isinstance(value, list):
        return [in_crate_order(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: in_crate_order(v, shape.value) for k, v in value.items()}
    return value


def main():
    out_path = sys.argv[1]
    botocore.auth.get_current_datetime = lambda *a, **k: NOW
    session = botocore.session.get_session()
    vectors = []
    for name, service, token, operation, params in CASES:
        client = session.create_client(
            service, region_name="us-east-1", aws_access_key_id=KEYS[0],
            aws_secret_access_key=KEYS[1], aws_session_token=token)
        captured = {}

        def before_send(request, **kwargs):
            captured["request"] = request
            return AWSResponse(request.url, 200, {}, None)

        client.meta.events.register("before-send", before_send)
        api = client.meta.method_to_api_mapping[operation]
        input_shape = client.meta.service_model.operation_model(api).input_shape
        if input_shape is not None:
            params = in_crate_order(params, input_shape)
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
            "service": service,
            "operation": client.meta.method_to_api_mapping[operation],
            "credentials": {"access_key_id": KEYS[0], "secret_access_key": KEYS[1], "session_token": token},
            "region": "us-east-1",
            "signing_name": client.meta.service_model.signing_name,
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
    print(f"{out_path}: {len(vectors)} signed calls from botocore {botocore.__version__}")


if __name__ == "__main__":
    main()

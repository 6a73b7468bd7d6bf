"""Record how botocore frames bedrock requests and reads error responses.

Usage: python3 http_vectors.py <service-2.json> <out.json>

Requests: for each case (an operation and its parameters), botocore's own
rest-json serializer (`botocore.serialize.create_serializer`, no network)
serializes the parameters and `botocore.awsrequest.prepare_request_dict`
joins the URL exactly as a client would; the vector records the method, the
path and query string as sent, the headers the serializer sets and the body.
The members bound to the URI, query string and headers are listed under
`bindings` (the Rust test sets them on the typed input by hand; the body
members come from the body itself).

Errors: botocore's rest-json parser (`botocore.parsers.create_parser`) reads
canned error responses; the vector records the error code, message and
request id it finds.
"""
import base64
import datetime
import json
import sys

import botocore
from botocore.awsrequest import HeadersDict, prepare_request_dict
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from serde_vectors import built_inputs, jsonable

ENDPOINT = "https://bedrock.us-east-1.amazonaws.com"
UTC = datetime.timezone.utc


def ts(*args):
    return datetime.datetime(*args, tzinfo=UTC)


POLICY_ARN = "arn:aws:bedrock:us-east-1:123456789012:automated-reasoning-policy/abc123xyz"
VERSIONED_ARN = POLICY_ARN + ":2"
JOB_ARN = "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/j0b1d"
ODD = "a b%c?d#e&f=g+h/i~j*k'l(m)n!o\u00e9\U0001F600"

# (name, operation, parameters)
CASES = [
    ("list-invocation-jobs-every-query-member", "ListModelInvocationJobs", {
        "submitTimeAfter": ts(2024, 5, 1, 12, 0, 0, 123456),
        "submitTimeBefore": ts(2024, 6, 30, 23, 59, 59),
        "statusEquals": "InProgress",
        "nameContains": "nightly batch #1",
        "maxResults": 25,
        "nextToken": "eyJ0b2tlbiI6ICIxMjMifQ==/+",
        "sortBy": "CreationTime",
        "sortOrder": "Descending",
    }),
    ("list-invocation-jobs-no-members", "ListModelInvocationJobs", {}),
    ("list-invocation-jobs-page", "ListModelInvocationJobs", {"maxResults": 1, "nextToken": "abc"}),
    ("list-invocation-jobs-escaping", "ListModelInvocationJobs", {
        "nameContains": ODD,
        "statusEquals": "Hibernating",
    }),
    ("list-custom-models-owned", "ListCustomModels", {
        "creationTimeBefore": ts(2025, 1, 2, 3, 4, 5),
        "creationTimeAfter": ts(2024, 1, 2, 3, 4, 5, 1),
        "nameContains": "tuned",
        "baseModelArnEquals": "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k",
        "foundationModelArnEquals": "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
        "maxResults": 100,
        "nextToken": "t",
        "sortBy": "CreationTime",
        "sortOrder": "Ascending",
        "isOwned": True,
        "modelStatus": "Active",
    }),
    ("list-custom-models-not-owned", "ListCustomModels", {"isOwned": False, "maxResults": 0}),
    ("list-evaluation-jobs", "ListEvaluationJobs", {
        "creationTimeAfter": ts(2024, 2, 29, 0, 0, 0),
        "creationTimeBefore": ts(2024, 3, 1, 0, 0, 0, 500000),
        "statusEquals": "Completed",
        "applicationTypeEquals": "ModelEvaluation",
        "nameContains": "eval",
    }),
    ("list-model-copy-jobs", "ListModelCopyJobs", {
        "creationTimeAfter": ts(2023, 12, 31, 23, 59, 59, 999999),
        "statusEquals": "Failed",
        "sourceAccountEquals": "123456789012",
        "sourceModelArnEquals": "arn:aws:bedrock:us-west-2:123456789012:custom-model/m/abc",
        "targetModelNameContains": "copy",
    }),
    ("list-foundation-models-filters", "ListFoundationModels", {
        "byProvider": "Anthropic",
        "byCustomizationType": "FINE_TUNING",
        "byOutputModality": "TEXT",
        "byInferenceType": "ON_DEMAND",
    }),
    ("list-reasoning-policies-arn-in-query", "ListAutomatedReasoningPolicies", {
        "policyArn": VERSIONED_ARN,
        "maxResults": 10,
    }),
    ("get-invocation-job-arn-label", "GetModelInvocationJob", {"jobIdentifier": JOB_ARN}),
    ("get-invocation-job-odd-label", "GetModelInvocationJob", {"jobIdentifier": ODD}),
    ("get-foundation-model-label-and-query", "GetFoundationModel", {
        "modelIdentifier": "anthropic.claude-3-haiku-20240307-v1:0",
        "projectIdentifier": "arn:aws:bedrock:us-east-1:123456789012:project/p1",
    }),
    ("get-guardrail-version", "GetGuardrail", {"guardrailIdentifier": "gr-123", "guardrailVersion": "DRAFT"}),
    ("delete-guardrail-version", "DeleteGuardrail", {"guardrailIdentifier": "arn:aws:bedrock:us-east-1:123456789012:guardrail/gr-123", "guardrailVersion": "1"}),
    ("delete-policy-force", "DeleteAutomatedReasoningPolicy", {"policyArn": POLICY_ARN, "force": True}),
    ("delete-policy-no-force", "DeleteAutomatedReasoningPolicy", {"policyArn": POLICY_ARN, "force": False}),
    ("delete-policy-default", "DeleteAutomatedReasoningPolicy", {"policyArn": POLICY_ARN}),
    ("delete-build-workflow-timestamp-micros", "DeleteAutomatedReasoningPolicyBuildWorkflow", {
        "policyArn": POLICY_ARN,
        "buildWorkflowId": "wf-1",
        "lastUpdatedAt": ts(2024, 5, 1, 12, 0, 0, 654321),
    }),
    ("delete-test-case-timestamp", "DeleteAutomatedReasoningPolicyTestCase", {
        "policyArn": VERSIONED_ARN,
        "testCaseId": "tc 1",
        "lastUpdatedAt": ts(1999, 12, 31, 23, 59, 59),
    }),
    ("result-assets-enum-query", "GetAutomatedReasoningPolicyBuildWorkflowResultAssets", {
        "policyArn": POLICY_ARN,
        "buildWorkflowId": "wf-2",
        "assetType": "POLICY_DEFINITION",
        "assetId": "asset/1",
    }),
    ("project-storage-two-labels", "GetProjectDataRetentionStorage", {
        "projectIdentifier": "proj-1",
        "modelProvider": "Anthropic PBC",
    }),
    ("archive-project-post-without-body", "ArchiveProject", {"projectIdentifier": "proj-2"}),
    ("stop-invocation-job-post-without-body", "StopModelInvocationJob", {"jobIdentifier": JOB_ARN}),
    ("get-account-data-retention-empty-input", "GetAccountDataRetention", {}),
    ("delete-logging-configuration-empty-input", "DeleteModelInvocationLoggingConfiguration", {}),
    ("update-project-no-body-members-set", "UpdateProject", {"projectIdentifier": "proj-3"}),
    ("update-project-name", "UpdateProject", {"projectIdentifier": "proj-3", "name": "Proj \u00e9"}),
    ("list-tags-post-body", "ListTagsForResource", {"resourceARN": JOB_ARN}),
    ("batch-delete-evaluation-jobs", "BatchDeleteEvaluationJob", {"jobIdentifiers": [JOB_ARN, "job-2"]}),
    ("start-build-workflow-empty-payload", "StartAutomatedReasoningPolicyBuildWorkflow", {
        "policyArn": POLICY_ARN,
        "buildWorkflowType": "INGEST_CONTENT",
        "sourceContent": {},
    }),
    ("start-build-workflow-client-token", "StartAutomatedReasoningPolicyBuildWorkflow", {
        "policyArn": POLICY_ARN,
        "buildWorkflowType": "REFINE_POLICY",
        "clientRequestToken": "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        "sourceContent": {"workflowContent": {"documents": [{
            "document": b"%PDF-1.7 \x00\xff",
            "documentContentType": "pdf",
            "documentName": "rules.pdf",
        }]}},
    }),
]

# Operations whose inputs are built by serde_vectors' Builder: every member
# set (labels, headers and query included), one union member per variant.
BUILT = [
    "StartAutomatedReasoningPolicyBuildWorkflow",
    "UpdateAutomatedReasoningPolicy",
    "PutAccountDataRetentionStorage",
    "PutTrustedAccessProgramProjectEnrollment",
    "CreateGuardrailVersion",
    "CreateModelInvocationJob",
    "CreateEvaluationJob",
    "PutUseCaseForModelAccess",
]

# (name, operation, status, headers, body) of error responses.
ERRORS = [
    ("error-type-header", "ListModelInvocationJobs", 400,
     {"X-Amzn-ErrorType": "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
      "x-amzn-RequestId": "req-1"},
     b'{"message":"1 validation error detected"}'),
    ("error-type-in-body", "GetModelInvocationJob", 404, {"x-amzn-RequestId": "req-2"},
     b'{"__type":"com.amazonaws.bedrock#ResourceNotFoundException","message":"Job not found"}'),
    ("error-code-in-body", "GetModelInvocationJob", 404, {},
     b'{"code":"ResourceNotFoundException","Message":"capitalised message"}'),
    ("error-header-wins-over-body", "ListCustomModels", 429,
     {"x-amzn-errortype": "ThrottlingException", "x-amzn-requestid": "req-3"},
     b'{"__type":"ValidationException","message":"slow down"}'),
    ("error-unmodelled-code", "ListModelInvocationJobs", 400, {"X-Amzn-ErrorType": "ExpiredTokenException"},
     b'{"message":"The security token included in the request is expired"}'),
    ("error-code-not-modelled-for-operation", "ListFoundationModels", 404,
     {"X-Amzn-ErrorType": "ResourceNotFoundException"}, b'{"message":"no"}'),
    ("error-not-json", "ListModelInvocationJobs", 403, {"x-amzn-RequestId": "req-4"},
     b'Forbidden by proxy'),
    ("error-empty-body", "DeleteAutomatedReasoningPolicy", 409, {}, b''),
    ("error-html-5xx", "GetGuardrail", 502, {"X-Amzn-ErrorType": "InternalServerException"},
     b'<html><body>Bad gateway</body></html>'),
    ("error-empty-5xx", "GetGuardrail", 503, {}, b''),
    ("error-json-5xx", "GetGuardrail", 500, {}, b'{"__type":"InternalServerException","message":"oops"}'),
]


def in_crate_order(shape, value):
    """`value` with the members of every structure in it sorted by name."""
    t = shape.type_name
    if t == "structure" and isinstance(value, dict) and not shape.is_document_type:
        return {k: in_crate_order(shape.members[k], value[k]) for k in sorted(value)}
    if t == "list" and isinstance(value, list):
        return [in_crate_order(shape.member, v) for v in value]
    if t == "map" and isinstance(value, dict):
        return {k: in_crate_order(shape.value, v) for k, v in value.items()}
    return value


def serialize(serializer, service, name, op_name, params):
    op = service.operation_model(op_name)
    # botocore writes query parameters (and headers, and body members) in
    # the caller's order; a typed Rust input has only the crate's member
    # order (by name, ir::sort_members).
    if op.input_shape is not None:
        params = in_crate_order(op.input_shape, params)
    req = serializer.serialize_to_request(params, op)
    prepare_request_dict(req, endpoint_url=ENDPOINT)
    assert req["url"].startswith(ENDPOINT), req["url"]
    body = req["body"]
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    shape = op.input_shape
    bound = {}
    if shape is not None:
        for member, value in params.items():
            if shape.members[member].serialization.get("location"):
                bound[member] = jsonable(value)
    return {
        "name": name,
        "operation": op_name,
        "bindings": bound,
        "method": req["method"],
        "uri": req["url"][len(ENDPOINT):],
        "headers": dict(sorted(req["headers"].items())),
        "body": body,
    }


def parse_error(parser, service, name, op_name, status, headers, body):
    op = service.operation_model(op_name)
    hdrs = HeadersDict()
    for k, v in headers.items():
        hdrs[k] = v
    parsed = parser.parse({"status_code": status, "headers": hdrs, "body": body}, op.output_shape)
    error = parsed["Error"]
    return {
        "name": name,
        "operation": op_name,
        "status": status,
        "headers": headers,
        "body": body.decode("utf-8"),
        "code": error["Code"],
        "message": error.get("Message", ""),
        "request_id": parsed.get("ResponseMetadata", {}).get("RequestId"),
        "modelled": any(e.name == error["Code"] or e.error_code == error["Code"] for e in op.error_shapes),
    }


def main():
    model_path, out_path = sys.argv[1:]
    with open(model_path) as f:
        service = ServiceModel(json.load(f))
    serializer = create_serializer(service.metadata["protocol"], include_validation=False)
    requests = [serialize(serializer, service, *case) for case in CASES]
    for op_name in BUILT:
        op = service.operation_model(op_name)
        for variant, params in built_inputs(op):
            # HTTP carries ASCII header values only (botocore would send
            # Latin-1 and sign UTF-8); the Rust builder rejects the rest.
            for member, value in params.items():
                if op.input_shape.members[member].serialization.get("location") == "header":
                    params[member] = value.encode("ascii", "ignore").decode()
            requests.append(serialize(serializer, service, f"built-{op_name}-{variant}", op_name, params))
    parser = create_parser(service.metadata["protocol"])
    errors = [parse_error(parser, service, *case) for case in ERRORS]
    with open(out_path, "w") as f:
        json.dump({"botocore": botocore.__version__, "requests": requests, "errors": errors},
                  f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out_path}: {len(requests)} requests, {len(errors)} error responses from botocore {botocore.__version__}")


if __name__ == "__main__":
    main()

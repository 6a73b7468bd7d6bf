"""Record how botocore frames requests and reads responses of the XML family:
S3 and Route 53 (rest-xml), IAM, STS and SNS (query), EC2 (ec2).

Usage: python3 xml_vectors.py <models dir> <out dir>

For each service (models/<service>/service-2.json) writes <out dir>/<service>.json:

- requests: botocore's serializer (`botocore.serialize.create_serializer`,
  no network) over the case's parameters, joined into a URL by
  `prepare_request_dict`; the vector has the method, path and query, the
  headers the serializer sets and the body (a query form is encoded as
  `AWSPreparedRequest` does, with `urlencode(doseq=True)`). botocore walks
  the caller's dict in its order; the parameters are put in model member
  order first (recursively), the order a generated type serializes in.
- responses: botocore's parser (`botocore.parsers.create_parser`) over
  canned XML responses; the vector has its parsed output, body members only
  (headers are the REST bindings' vectors), without `ResponseMetadata`,
  timestamps as botocore's ISO 8601 form and blobs as base64.
- errors: the same parser over canned error responses: code and message.
"""
import base64
import datetime
import json
import os
import sys
from urllib.parse import urlencode

import botocore
from botocore.awsrequest import prepare_request_dict
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

UTC = datetime.timezone.utc
ODD = "a b%c?d#e&f=g+h/i~j*k'l(m)n!o\u00e9<x>&amp;\"q\""


def ts(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def iso(value):
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if value.microsecond else "%Y-%m-%dT%H:%M:%SZ"
    return value.strftime(fmt)


def jsonable(value):
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, datetime.datetime):
        return iso(value.astimezone(UTC))
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def in_model_order(value, shape):
    """The parameters with every structure's keys in the crate's member order
    (by name, `ir::sort_members`)."""
    if shape.type_name == "structure" and isinstance(value, dict):
        return {k: in_model_order(value[k], shape.members[k]) for k in sorted(value)}
    if shape.type_name == "list" and isinstance(value, list):
        return [in_model_order(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: in_model_order(v, shape.value) for k, v in value.items()}
    return value


S3_NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'
IAM_NS = 'xmlns="https://iam.amazonaws.com/doc/2010-05-08/"'
EC2_NS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"'

R53_NS = 'xmlns="https://route53.amazonaws.com/doc/2013-04-01/"'
SNS_NS = 'xmlns="http://sns.amazonaws.com/doc/2010-03-31/"'

SERVICES = {
    "route53": {
        "endpoint": "https://route53.amazonaws.com",
        "requests": [
            ("change-rrsets-xml-body", "ChangeResourceRecordSets", {
                "HostedZoneId": "Z1D633PJN98FT9",
                "ChangeBatch": {
                    "Comment": "web & <api>",
                    "Changes": [
                        {"Action": "UPSERT", "ResourceRecordSet": {
                            "Name": "www.example.com.", "Type": "A", "TTL": 300,
                            "ResourceRecords": [{"Value": "192.0.2.1"}, {"Value": "192.0.2.2"}]}},
                        {"Action": "DELETE", "ResourceRecordSet": {
                            "Name": "api.example.com.", "Type": "CNAME", "SetIdentifier": "w", "Weight": 10,
                            "AliasTarget": {"HostedZoneId": "Z2", "DNSName": "lb.example.com.", "EvaluateTargetHealth": False}}},
                    ],
                },
            }),
            ("create-hosted-zone", "CreateHostedZone", {
                "Name": "example.com.",
                "VPC": {"VPCRegion": "us-east-1", "VPCId": "vpc-1"},
                "CallerReference": "ref 1",
                "HostedZoneConfig": {"Comment": "", "PrivateZone": True},
            }),
            ("list-hosted-zones-query", "ListHostedZones", {"Marker": "m/1", "MaxItems": "2", "HostedZoneType": "PrivateHostedZone"}),
        ],
        "responses": [
            ("list-hosted-zones", "ListHostedZones", 200, {}, f"""<ListHostedZonesResponse {R53_NS}><HostedZones>
<HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name><CallerReference>r1</CallerReference><Config><Comment>c</Comment><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>
<HostedZone><Id>/hostedzone/Z2</Id><Name>b.com.</Name><CallerReference>r2</CallerReference><ResourceRecordSetCount>5</ResourceRecordSetCount></HostedZone>
</HostedZones><Marker>m</Marker><IsTruncated>true</IsTruncated><NextMarker>Z3</NextMarker><MaxItems>2</MaxItems></ListHostedZonesResponse>"""),
            ("change-rrsets", "ChangeResourceRecordSets", 200, {}, f"""<ChangeResourceRecordSetsResponse {R53_NS}><ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status><SubmittedAt>2024-05-01T12:00:00.123Z</SubmittedAt><Comment>x</Comment></ChangeInfo></ChangeResourceRecordSetsResponse>"""),
        ],
        "errors": [
            ("no-such-hosted-zone", "ChangeResourceRecordSets", 404, {},
             f"<ErrorResponse {R53_NS}><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
        ],
    },
    "sns": {
        "endpoint": "https://sns.us-east-1.amazonaws.com",
        "requests": [
            ("create-topic-attribute-map-tags", "CreateTopic", {
                "Name": "t1",
                "Attributes": {"DisplayName": "my topic", "FifoTopic": "false"},
                "Tags": [{"Key": "k", "Value": "v"}],
            }),
            ("publish-message-attributes", "Publish", {
                "TopicArn": "arn:aws:sns:us-east-1:123456789012:t1",
                "Message": ODD,
                "Subject": "s",
                "MessageAttributes": {
                    "a": {"DataType": "String", "StringValue": "x y"},
                    "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
                },
            }),
            ("get-topic-attributes", "GetTopicAttributes", {"TopicArn": "arn:aws:sns:us-east-1:123456789012:t1"}),
        ],
        "responses": [
            ("get-topic-attributes-map", "GetTopicAttributes", 200, {}, f"""<GetTopicAttributesResponse {SNS_NS}><GetTopicAttributesResult><Attributes>
<entry><key>Owner</key><value>123456789012</value></entry><entry><key>DisplayName</key><value>a &amp; b</value></entry>
</Attributes></GetTopicAttributesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetTopicAttributesResponse>"""),
            ("create-topic", "CreateTopic", 200, {}, f"""<CreateTopicResponse {SNS_NS}><CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:1:t1</TopicArn></CreateTopicResult></CreateTopicResponse>"""),
        ],
        "errors": [
            ("not-found", "GetTopicAttributes", 404, {},
             "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
        ],
    },
    "s3": {
        "endpoint": "https://s3.us-east-1.amazonaws.com",
        "requests": [
            ("create-bucket-configuration", "CreateBucket", {
                "Bucket": "awsgen-bucket",
                "ACL": "private",
                "CreateBucketConfiguration": {
                    "LocationConstraint": "eu-west-1",
                    "Tags": [{"Key": "team", "Value": "a&b <c>"}, {"Key": "empty", "Value": ""}],
                },
                "ObjectOwnership": "BucketOwnerEnforced",
            }),
            ("create-bucket-no-configuration", "CreateBucket", {"Bucket": "awsgen-bucket"}),
            ("put-object-headers-metadata", "PutObject", {
                "Bucket": "awsgen-bucket",
                "Key": "dir/sub dir/" + ODD,
                "Body": b"hello \x00\xff",
                "ContentType": "text/plain",
                "ContentLength": 8,
                "Metadata": {"owner": "me", "n": "1"},
                "StorageClass": "STANDARD_IA",
                "Tagging": "a=1&b=2",
                "Expires": "Wed, 21 Oct 2015 07:28:00 GMT",
            }),
            ("get-object-range-query", "GetObject", {
                "Bucket": "awsgen-bucket",
                "Key": "k/1.txt",
                "Range": "bytes=0-9",
                "VersionId": "v 1",
                "ResponseContentType": "application/json",
                "IfModifiedSince": ts(2024, 5, 1, 12, 0, 0),
                "PartNumber": 2,
            }),
            ("list-objects-v2-every-query", "ListObjectsV2", {
                "Bucket": "awsgen-bucket",
                "Delimiter": "/",
                "EncodingType": "url",
                "MaxKeys": 3,
                "Prefix": "dir/" + ODD,
                "ContinuationToken": "1/+==",
                "FetchOwner": True,
                "StartAfter": "a",
                "OptionalObjectAttributes": ["RestoreStatus"],
            }),
            ("list-objects-v2-bucket-only", "ListObjectsV2", {"Bucket": "awsgen-bucket"}),
        ],
        "responses": [
            ("list-objects-v2-page", "ListObjectsV2", 200, {}, f"""<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult {S3_NS}><Name>awsgen-bucket</Name><Prefix>dir/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
<Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>
<Contents><Key>dir/a &amp; b.txt</Key><LastModified>2024-05-01T12:00:00.000Z</LastModified><ETag>&quot;abc&quot;</ETag>
<ChecksumAlgorithm>CRC32</ChecksumAlgorithm><ChecksumAlgorithm>SHA256</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType>
<Size>6</Size><Owner><ID>o1</ID><DisplayName>me</DisplayName></Owner><StorageClass>STANDARD</StorageClass></Contents>
<Contents><Key>dir/c.txt</Key><LastModified>2024-05-02T01:02:03.456Z</LastModified><ETag>"def"</ETag><Size>0</Size><StorageClass>GLACIER</StorageClass>
<RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress><RestoreExpiryDate>2024-06-01T00:00:00Z</RestoreExpiryDate></RestoreStatus></Contents>
<CommonPrefixes><Prefix>dir/x/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>dir/y/</Prefix></CommonPrefixes>
<NextContinuationToken>t/2==</NextContinuationToken><StartAfter>dir/</StartAfter></ListBucketResult>"""),
            ("list-objects-v2-empty", "ListObjectsV2", 200, {}, f"""<ListBucketResult {S3_NS}><Name>b</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>"""),
            ("list-objects-v2-one-content", "ListObjectsV2", 200, {}, f"""<ListBucketResult {S3_NS}><Contents><Key>only</Key><Size>1</Size></Contents><EncodingType>url</EncodingType></ListBucketResult>"""),
        ],
        "errors": [
            ("no-such-key-bare-error", "GetObject", 404, {"x-amz-request-id": "r1"},
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key><RequestId>r1</RequestId><HostId>h</HostId></Error>"),
            ("no-such-bucket", "ListObjectsV2", 404, {},
             "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b</BucketName></Error>"),
            ("wrapped-error", "CreateBucket", 409, {},
             "<ErrorResponse><Error><Code>BucketAlreadyExists</Code><Message>taken</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
            ("empty-body-404", "GetObject", 404, {}, ""),
        ],
    },
    "iam": {
        "endpoint": "https://iam.amazonaws.com",
        "requests": [
            ("create-user-tags", "CreateUser", {
                "Path": "/awsgen/",
                "UserName": "user " + ODD,
                "PermissionsBoundary": "arn:aws:iam::123456789012:policy/b",
                "Tags": [{"Key": "k1", "Value": "v 1"}, {"Key": "k2", "Value": ""}],
            }),
            ("create-user-empty-tags", "CreateUser", {"UserName": "u", "Tags": []}),
            ("list-users-page", "ListUsers", {"PathPrefix": "/", "Marker": "m/1+=", "MaxItems": 2}),
            ("list-users-no-members", "ListUsers", {}),
        ],
        "responses": [
            ("create-user", "CreateUser", 200, {}, f"""<CreateUserResponse {IAM_NS}><CreateUserResult><User><Path>/awsgen/</Path><UserName>u1</UserName>
<UserId>AIDA1</UserId><Arn>arn:aws:iam::123456789012:user/awsgen/u1</Arn><CreateDate>2024-05-01T12:00:00Z</CreateDate>
<Tags><member><Key>k</Key><Value>v</Value></member></Tags></User></CreateUserResult>
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CreateUserResponse>"""),
            ("list-users-truncated", "ListUsers", 200, {}, f"""<ListUsersResponse {IAM_NS}><ListUsersResult><IsTruncated>true</IsTruncated><Marker>m2</Marker>
<Users><member><Path>/</Path><UserName>a</UserName><UserId>A</UserId><Arn>arn:aws:iam::1:user/a</Arn><CreateDate>2024-05-01T12:00:00.123Z</CreateDate>
<PasswordLastUsed>2024-05-02T00:00:00Z</PasswordLastUsed></member>
<member><Path>/</Path><UserName>b</UserName><UserId>B</UserId><Arn>arn:aws:iam::1:user/b</Arn><CreateDate>2024-05-01T12:00:00Z</CreateDate></member></Users>
</ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>"""),
            ("list-users-empty", "ListUsers", 200, {}, f"""<ListUsersResponse {IAM_NS}><ListUsersResult><IsTruncated>false</IsTruncated><Users/></ListUsersResult></ListUsersResponse>"""),
        ],
        "errors": [
            ("entity-already-exists", "CreateUser", 409, {},
             "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>EntityAlreadyExists</Code><Message>User with name u already exists.</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
            ("unmodelled", "ListUsers", 400, {},
             "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>bad token</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
        ],
    },
    "sts": {
        "endpoint": "https://sts.amazonaws.com",
        "requests": [("get-caller-identity", "GetCallerIdentity", {})],
        "responses": [
            ("get-caller-identity", "GetCallerIdentity", 200, {}, """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::123456789012:user/u</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>"""),
        ],
        "errors": [
            ("expired-token", "GetCallerIdentity", 403, {},
             "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>expired</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
        ],
    },
    "ec2": {
        "endpoint": "https://ec2.us-east-1.amazonaws.com",
        "requests": [
            ("run-instances-nested", "RunInstances", {
                "BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 8, "DeleteOnTermination": True, "VolumeType": "gp3"}}],
                "ImageId": "ami-12c6146b",
                "InstanceType": "t2.micro",
                "MaxCount": 2,
                "MinCount": 1,
                "SecurityGroupIds": ["sg-1", "sg-2"],
                "SecurityGroups": [],
                "UserData": "IyEvYmluL3No",
                "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": ODD}]}],
                "Placement": {"AvailabilityZone": "us-east-1a"},
                "DryRun": False,
            }),
            ("describe-instances-filters", "DescribeInstances", {
                "InstanceIds": ["i-1", "i-2"],
                "DryRun": True,
                "Filters": [{"Name": "instance-state-name", "Values": ["running", "pending"]}, {"Name": "tag:Name", "Values": []}],
                "NextToken": "t/1+=",
                "MaxResults": 5,
            }),
            ("describe-instances-no-members", "DescribeInstances", {}),
        ],
        "responses": [
            ("describe-instances-page", "DescribeInstances", 200, {}, f"""<DescribeInstancesResponse {EC2_NS}><requestId>r</requestId>
<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/>
<instancesSet><item><instanceId>i-1</instanceId><imageId>ami-1</imageId><instanceState><code>16</code><name>running</name></instanceState>
<instanceType>t2.micro</instanceType><launchTime>2024-05-01T12:00:00.000Z</launchTime><placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy></placement>
<monitoring><state>disabled</state></monitoring><tagSet><item><key>Name</key><value>web &amp; db</value></item></tagSet>
<securityGroups><groupSet/></securityGroups><groupSet><item><groupId>sg-1</groupId><groupName>default</groupName></item></groupSet>
<ebsOptimized>false</ebsOptimized><amiLaunchIndex>0</amiLaunchIndex></item></instancesSet></item></reservationSet>
<nextToken>r-1</nextToken></DescribeInstancesResponse>"""),
            ("run-instances", "RunInstances", 200, {}, f"""<RunInstancesResponse {EC2_NS}><requestId>r</requestId><reservationId>r-2</reservationId><ownerId>1</ownerId>
<groupSet/><instancesSet><item><instanceId>i-2</instanceId><instanceState><code>0</code><name>pending</name></instanceState></item>
<item><instanceId>i-3</instanceId><instanceState><code>0</code><name>pending</name></instanceState></item></instancesSet></RunInstancesResponse>"""),
        ],
        "errors": [
            ("not-found", "DescribeInstances", 400, {},
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does not exist</Message></Error></Errors><RequestID>r</RequestID></Response>"),
        ],
    },
}


def serialize(serializer, service, endpoint, name, op_name, params):
    op = service.operation_model(op_name)
    params = in_model_order(params, op.input_shape) if op.input_shape else params
    req = serializer.serialize_to_request(params, op)
    prepare_request_dict(req, endpoint_url=endpoint)
    body = req["body"]
    if isinstance(body, dict):
        body = urlencode(body, doseq=True)
    elif isinstance(body, bytes):
        body = body.decode("utf-8", "surrogateescape") if b"\0" not in body else None
    url = req["url"][len(endpoint):] or "/"
    return {
        "name": name,
        "operation": op_name,
        "params": jsonable(params),
        "method": req["method"],
        "uri": url,
        "headers": dict(req["headers"]),
        "body": body,
    }


def body_members(parsed, shape):
    return {
        k: v for k, v in parsed.items()
        if k in shape.members and "location" not in shape.members[k].serialization
    }


def parse(parser, service, name, op_name, status, headers, body):
    op = service.operation_model(op_name)
    parsed = parser.parse({"status_code": status, "headers": headers, "body": body.encode()}, op.output_shape)
    return {
        "name": name,
        "operation": op_name,
        "status": status,
        "headers": headers,
        "body": body,
        "parsed": jsonable(body_members(parsed, op.output_shape)),
    }


def parse_error(parser, service, name, op_name, status, headers, body):
    op = service.operation_model(op_name)
    parsed = parser.parse({"status_code": status, "headers": headers, "body": body.encode()}, op.output_shape)
    error = parsed.get("Error", {})
    return {
        "name": name,
        "operation": op_name,
        "status": status,
        "headers": headers,
        "body": body,
        "code": error.get("Code"),
        "message": error.get("Message"),
    }


def main():
    models, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    for svc, cases in SERVICES.items():
        with open(os.path.join(models, svc, "service-2.json")) as f:
            service = ServiceModel(json.load(f))
        protocol = service.metadata["protocol"]
        serializer = create_serializer(protocol, include_validation=False)
        parser = create_parser(protocol)
        vectors = {
            "botocore": botocore.__version__,
            "protocol": protocol,
            "requests": [serialize(serializer, service, cases["endpoint"], *c) for c in cases["requests"]],
            "responses": [parse(parser, service, *c) for c in cases["responses"]],
            "errors": [parse_error(parser, service, *c) for c in cases["errors"]],
        }
        path = os.path.join(out, f"{svc}.json")
        with open(path, "w") as f:
            json.dump(vectors, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{path}: {len(vectors['requests'])} requests, {len(vectors['responses'])} responses, "
              f"{len(vectors['errors'])} errors from botocore {botocore.__version__}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Record botocore's paginator behaviour as test vectors.

Drives botocore's real ``botocore.paginate.Paginator``/``PageIterator`` (the
engine behind boto3's paginators and the AWS CLI's --max-items, --page-size
and --starting-token) with a fake operation method that returns canned pages
and records the keyword arguments of every request. Paginator configs and
operation models come from the installed botocore's own data
(paginators-1.json with sdk-extras merged).

Each case becomes one pretty-printed JSON file in the output directory (see
README.md there for the format). Output is deterministic: rerunning with the
same botocore version rewrites identical files.

Usage: python paginator_vectors.py OUT_DIR
Run through ``cargo xtask paginator-vectors``, which pins botocore.
"""

import base64
import copy
import json
import os
import sys

import botocore
import botocore.session
import jmespath
from botocore.exceptions import BotoCoreError
from botocore.paginate import PageIterator, Paginator, TokenEncoder

BOTOCORE_VERSION = "1.44.8"
FORMAT_VERSION = 1

if botocore.__version__ != BOTOCORE_VERSION:
    sys.exit(
        f"botocore {BOTOCORE_VERSION} is required, found {botocore.__version__}"
    )

SESSION = botocore.session.get_session()


# --------------------------------------------------------------------------
# JSON form of Python values: bytes become {"$bytes": "<base64>"}
# --------------------------------------------------------------------------


def to_json(v):
    if isinstance(v, bytes):
        return {"$bytes": base64.b64encode(v).decode("ascii")}
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    return v


def from_json(v):
    if isinstance(v, dict):
        if len(v) == 1 and "$bytes" in v:
            return base64.b64decode(v["$bytes"])
        return {k: from_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [from_json(x) for x in v]
    return v


def tok(d):
    """A resume token as botocore's encoder writes it."""
    return TokenEncoder().encode(from_json(d))


def b64json(obj):
    """Base64 of arbitrary JSON (for hand-made starting tokens)."""
    return base64.b64encode(json.dumps(obj).encode("utf-8")).decode("ascii")


# --------------------------------------------------------------------------
# The fake operation
# --------------------------------------------------------------------------


class FetchError(Exception):
    """The canned failure of one request."""


def _failure_resume_token():
    """Our engine's resume token for a failed call, read from botocore's state.

    botocore has no such token; ours is defined on botocore's own state at the
    moment of the call: the StartingToken when the first call of a resumed
    iteration fails, None when the first call of a fresh one fails, otherwise
    botocore's encoding of the token members sent with the failed call.
    """
    frame = sys._getframe()
    while frame is not None and frame.f_code is not PageIterator.__iter__.__code__:
        frame = frame.f_back
    assert frame is not None, "not called from PageIterator.__iter__"
    local = frame.f_locals
    if local["first_request"]:
        return local["self"]._starting_token
    return TokenEncoder().encode(local["next_token"])


class FakeMethod:
    def __init__(self, responses):
        self.responses = responses
        self.requests = []
        self.failures = []

    def __call__(self, **kwargs):
        self.requests.append(to_json(copy.deepcopy(kwargs)))
        index = len(self.requests) - 1
        if index >= len(self.responses):
            raise AssertionError(f"case ran out of canned pages at request {index}")
        response = self.responses[index]
        if isinstance(response, dict) and "$error" in response:
            self.failures.append((index, _failure_resume_token()))
            raise FetchError(response["$error"])
        return from_json(copy.deepcopy(response))


def load(service, operation):
    config = SESSION.get_paginator_model(service).get_paginator(operation)
    model = SESSION.get_service_model(service).operation_model(operation)
    limit_type = None
    if config.get("limit_key"):
        limit_type = model.input_shape.members[config["limit_key"]].type_name
    return json.loads(json.dumps(config)), model, limit_type


def describe_error(exc, pages, phase):
    message = str(exc)
    if isinstance(exc, BotoCoreError) and "message" in exc.kwargs:
        message = exc.kwargs["message"]
    elif isinstance(exc, KeyError):
        message = str(exc)
    return {
        "type": type(exc).__name__,
        "message": message,
        "after_pages": pages,
        "raised_by": phase,
    }


def run(config, model, params, pagination_config, responses):
    """One iteration: requests, pages, resume token, error."""
    fake = FakeMethod(responses)
    paginator = Paginator(fake, config, model)
    out = {"requests": fake.requests, "pages": [], "resume_token": None, "error": None}
    kwargs = from_json(copy.deepcopy(params))
    try:
        iterator = paginator.paginate(
            PaginationConfig=from_json(dict(pagination_config)), **kwargs
        )
    except Exception as exc:  # noqa: BLE001 - every exception is recorded
        out["error"] = describe_error(exc, 0, "paginate")
        return out, fake
    try:
        for page in iterator:
            out["pages"].append(to_json(copy.deepcopy(page)))
    except Exception as exc:  # noqa: BLE001
        out["error"] = describe_error(exc, len(out["pages"]), "iteration")
    out["resume_token"] = iterator.resume_token
    return out, fake


def full_result(config, model, params, pagination_config, responses):
    fake = FakeMethod(responses)
    paginator = Paginator(fake, config, model)
    try:
        iterator = paginator.paginate(
            PaginationConfig=from_json(dict(pagination_config)),
            **from_json(copy.deepcopy(params)),
        )
        return to_json(iterator.build_full_result()), None
    except Exception as exc:  # noqa: BLE001
        return None, {"type": type(exc).__name__, "message": describe_error(exc, 0, "")["message"]}


def primary_items(config, pages):
    expr = jmespath.compile(
        config["result_key"][0] if isinstance(config["result_key"], list) else config["result_key"]
    )
    items = []
    for page in pages:
        value = expr.search(page)
        if isinstance(value, list):
            items.extend(value)
        elif isinstance(value, str):
            items.extend(value)
    return items


def build(case):
    config, model, limit_type = load(case["service"], case["operation"])
    params = case.get("params", {})
    pc = case.get("pagination_config", {})
    responses = case["pages"]
    expected, fake = run(config, model, params, pc, responses)
    full, full_error = full_result(config, model, params, pc, responses)
    expected["full_result"] = full
    expected["full_result_error"] = full_error
    vector = {
        "format": FORMAT_VERSION,
        "botocore_version": botocore.__version__,
        "name": case["name"],
        "description": case["description"],
        "service": case["service"],
        "operation": case["operation"],
        "paginator": config,
        "limit_key_type": limit_type,
        "params": params,
        "pagination_config": pc,
        "pages": responses,
        "expected": expected,
    }
    if fake.failures:
        # Our engine's addition: the resume token carried by a fetch error,
        # checked here against botocore by resuming from it.
        assert "MaxItems" not in pc, "fetch failure cases do not use MaxItems"
        index, token = fake.failures[0]
        remaining = responses[index + 1:]
        resumed_pc = {k: v for k, v in pc.items() if k == "PageSize"}
        if token is not None:
            resumed_pc["StartingToken"] = token
        resumed, _ = run(config, model, params, resumed_pc, remaining)
        # No item lost, none repeated.
        uninterrupted = [r for r in responses if not (isinstance(r, dict) and "$error" in r)]
        straight, _ = run(config, model, params, {k: v for k, v in pc.items() if k != "MaxItems"}, uninterrupted)
        got = primary_items(config, expected["pages"]) + primary_items(config, resumed["pages"])
        want = primary_items(config, straight["pages"])
        assert got == want, (case["name"], got, want)
        vector["resume_after_error"] = {
            "failed_request": index,
            "resume_token": token,
            "pagination_config": resumed_pc,
            "pages": remaining,
            "expected": resumed,
        }
    return vector


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------

CASES = []


def case(name, service, operation, description, pages, params=None, pagination_config=None):
    CASES.append(
        {
            "name": name,
            "service": service,
            "operation": operation,
            "description": description,
            "pages": pages,
            "params": params or {},
            "pagination_config": pagination_config or {},
        }
    )


ERROR = {"$error": "simulated transport failure"}


# --- bedrock ListModelInvocationJobs: nextToken / maxResults ---------------

def bj(names, token=None, **extra):
    page = {"invocationJobSummaries": [{"jobName": n, "jobArn": f"arn:job/{n}"} for n in names]}
    if token is not None:
        page["nextToken"] = token
    page.update(extra)
    return page


B = ("bedrock", "ListModelInvocationJobs")
ABCDE = [bj("ab", "t1"), bj("cd", "t2"), bj("e")]

case("bedrock-basic", *B, "Three pages, no PaginationConfig.", ABCDE)
case("bedrock-max-items-mid-page", *B, "MaxItems 3 truncates the second page; token carries boto_truncate_amount.",
     ABCDE, pagination_config={"MaxItems": 3})
case("bedrock-max-items-page-boundary", *B, "MaxItems 2 stops at a page boundary; token is the next token.",
     ABCDE, pagination_config={"MaxItems": 2})
case("bedrock-max-items-first-page", *B, "MaxItems 1 truncates the first page: token null + amount.",
     ABCDE, pagination_config={"MaxItems": 1})
case("bedrock-max-items-zero", *B, "MaxItems 0 yields the first page emptied.",
     ABCDE, pagination_config={"MaxItems": 0})
case("bedrock-max-items-zero-empty-first-page", *B, "MaxItems 0 with an empty first page stops at the boundary.",
     [bj("", "t1"), bj("ab")], pagination_config={"MaxItems": 0})
case("bedrock-max-items-beyond-total", *B, "MaxItems larger than the total.",
     ABCDE, pagination_config={"MaxItems": 10})
case("bedrock-max-items-exact-total", *B, "MaxItems equal to the total: no token, no resume token.",
     ABCDE, pagination_config={"MaxItems": 5})
case("bedrock-page-size", *B, "PageSize replaces the caller's maxResults on every request.",
     ABCDE, params={"maxResults": 50, "statusEquals": "Completed"}, pagination_config={"PageSize": 2})
case("bedrock-page-size-and-max-items", *B, "PageSize with MaxItems.",
     ABCDE, pagination_config={"PageSize": 2, "MaxItems": 3})
case("bedrock-caller-token-kept", *B, "A token member set by the caller is sent on the first request.",
     [bj("cd", "t2"), bj("e")], params={"nextToken": "t1"})
case("bedrock-starting-token-mid-page", *B, "Resume from the MaxItems 3 token.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": 1})})
case("bedrock-starting-token-boundary", *B, "Resume from a page-boundary token.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": tok({"nextToken": "t1"})})
case("bedrock-starting-token-then-truncated-later", *B, "Resumed with a skip, then truncated on a later page.",
     [bj("cd", "t2"), bj("efg", "t3"), bj("h")],
     pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": 1}), "MaxItems": 2})
case("bedrock-starting-token-then-truncated-first-page", *B, "Resumed with a skip and truncated on the same page.",
     [bj("cde", "t2"), bj("f")],
     pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": 1}), "MaxItems": 1})
case("bedrock-starting-token-skip-zero", *B, "boto_truncate_amount 0 present.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": 0})})
case("bedrock-starting-token-null-with-skip", *B, "Resume the MaxItems 1 token: no nextToken sent, skip 1.",
     ABCDE, pagination_config={"StartingToken": tok({"nextToken": None, "boto_truncate_amount": 1})})
case("bedrock-starting-token-negative-skip", *B, "A negative skip slices from the end, as Python does.",
     [bj("cde", "t2"), bj("f")], pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": -1})})
case("bedrock-starting-token-skip-beyond-page", *B, "A skip larger than the page empties it.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": 5})})
case("bedrock-starting-token-none-string", *B, "A token value \"None\" removes the member.",
     [bj("ab")], params={"nextToken": "stale"}, pagination_config={"StartingToken": tok({"nextToken": "None"})})
case("bedrock-legacy-token", *B, "Legacy form token___skip.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": "t1___1"})
case("bedrock-legacy-none-token", *B, "Legacy form None___skip.",
     ABCDE, pagination_config={"StartingToken": "None___2"})
case("bedrock-raw-token", *B, "A raw service token (neither JSON nor legacy).",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": "AAECAwQ-raw.service/token"})
case("bedrock-raw-token-with-separator", *B, "A raw token containing ___ whose last part is not an integer.",
     [bj("cd")], pagination_config={"StartingToken": "abc___def"})
case("bedrock-bad-starting-token", *B, "A legacy token with more parts than input tokens.",
     ABCDE, pagination_config={"StartingToken": "a___b___c"})
case("bedrock-starting-token-json-int", *B, "Base64 of a JSON number: botocore's decoder raises.",
     ABCDE, pagination_config={"StartingToken": "MTIz"})
case("bedrock-starting-token-json-list", *B, "Base64 of a JSON list: falls back to a raw token.",
     [bj("cd")], pagination_config={"StartingToken": "WzEsMl0="})
case("bedrock-starting-token-empty-string", *B, "An empty StartingToken: sent as an empty nextToken, first page handled as resumed.",
     [bj("ab")], pagination_config={"StartingToken": ""})
case("bedrock-starting-token-foreign-keys", *B, "Oddity: JSON token keys that are not input tokens are injected as they are.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": b64json({"Foo": "x", "Bar": 1})})
case("bedrock-starting-token-foreign-keys-truncated", *B, "Oddity: truncating the first page of such an iteration fails before the page is yielded.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": b64json({"Foo": "x"}), "MaxItems": 1})
case("bedrock-starting-token-key-order", *B, "Key order of a decoded token is kept when re-encoded.",
     [bj("cde", "t2")], pagination_config={"StartingToken": b64json({"boto_truncate_amount": 1, "nextToken": "t1"}), "MaxItems": 1})
case("bedrock-duplicate-token", *B, "The same token twice in a row: error after the repeated page.",
     [bj("a", "A"), bj("b", "A"), bj("c")])
case("bedrock-duplicate-token-aba", *B, "A, B, A is allowed.",
     [bj("a", "A"), bj("b", "B"), bj("c", "A"), bj("d")])
case("bedrock-duplicate-after-starting-token", *B, "The starting token is not compared; the check starts with received tokens.",
     [bj("a", "A"), bj("b", "A"), bj("c", "A"), bj("d")], pagination_config={"StartingToken": tok({"nextToken": "A"})})
case("bedrock-empty-token", *B, "An empty string token stops.", [bj("a", ""), bj("b")])
case("bedrock-false-token", *B, "A false token stops.", [bj("a", False), bj("b")])
case("bedrock-zero-token", *B, "A 0 token stops.", [bj("a", 0), bj("b")])
case("bedrock-empty-list-token", *B, "An empty list token stops.", [bj("a", []), bj("b")])
case("bedrock-empty-map-token", *B, "An empty map token stops.", [bj("a", {}), bj("b")])
case("bedrock-none-string-from-service", *B, "A \"None\" token from the service removes the member on the next request.",
     [bj("a", "None"), bj("b")])
case("bedrock-missing-result-key", *B, "A page without the result key counts 0.",
     [bj("ab", "t1"), {"nextToken": "t2"}, bj("c")])
case("bedrock-missing-result-key-max-items", *B, "A page without the result key, with MaxItems.",
     [bj("ab", "t1"), {"nextToken": "t2"}, bj("cd", "t3"), bj("e")], pagination_config={"MaxItems": 3})
case("bedrock-non-ascii-token", *B, "Non-ASCII tokens are escaped as \\uXXXX in resume tokens.",
     [bj("ab", "tøken-é😀"), bj("cd", "t2"), bj("e")], pagination_config={"MaxItems": 3})
case("bedrock-non-ascii-resume", *B, "Resume with a non-ASCII token.",
     [bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": tok({"nextToken": "tøken-é😀", "boto_truncate_amount": 1})})
case("bedrock-non-ascii-duplicate", *B, "Duplicate-token message shows Python's repr of non-ASCII.",
     [bj("a", "é\u2028'x"), bj("b", "é\u2028'x"), bj("c")])
case("bedrock-fetch-failure-mid", *B, "The second request fails.",
     [bj("ab", "t1"), ERROR, bj("cd", "t2"), bj("e")])
case("bedrock-fetch-failure-first", *B, "The first request fails.", [ERROR, bj("ab", "t1"), bj("c")])
case("bedrock-fetch-failure-first-resumed", *B, "The first request of a resumed iteration fails.",
     [ERROR, bj("cd", "t2"), bj("e")], pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": 1})})
case("bedrock-fetch-failure-after-resumed-page", *B, "A resumed iteration fails on its second request.",
     [bj("cd", "t2"), ERROR, bj("ef", "t3"), bj("g")],
     pagination_config={"StartingToken": tok({"nextToken": "t1", "boto_truncate_amount": 1}), "PageSize": 2})

# --- s3 ListObjectsV2: more_results, two result keys ----------------------

S3V2 = ("s3", "ListObjectsV2")


def s3v2(keys, prefixes=None, token=None, truncated=None):
    page = {"Name": "bucket", "KeyCount": len(keys)}
    if keys:
        page["Contents"] = [{"Key": k, "Size": len(k)} for k in keys]
    if prefixes:
        page["CommonPrefixes"] = [{"Prefix": p} for p in prefixes]
    if token is not None:
        page["NextContinuationToken"] = token
    if truncated is not None:
        page["IsTruncated"] = truncated
    return page


S3V2_PAGES = [
    s3v2(["a", "b"], ["p1/"], "c1", True),
    s3v2(["c", "d"], ["p2/", "p3/"], "c2", True),
    s3v2(["e"], ["p4/"], None, False),
]
case("s3-listobjectsv2-basic", *S3V2, "Contents and CommonPrefixes across pages.", S3V2_PAGES, params={"Bucket": "bucket"})
case("s3-listobjectsv2-more-results-false", *S3V2, "IsTruncated false stops even with a token.",
     [s3v2(["a"], None, "c1", False), s3v2(["b"])], params={"Bucket": "bucket"})
case("s3-listobjectsv2-more-results-missing", *S3V2, "IsTruncated missing stops.",
     [s3v2(["a"], None, "c1"), s3v2(["b"])], params={"Bucket": "bucket"})
case("s3-listobjectsv2-max-items-mid-page", *S3V2, "MaxItems 3 with secondary result keys.",
     S3V2_PAGES, params={"Bucket": "bucket"}, pagination_config={"MaxItems": 3})
case("s3-listobjectsv2-resume-mid-page", *S3V2, "Resume mid-page: secondary keys of the first page are blanked.",
     S3V2_PAGES[1:], params={"Bucket": "bucket"},
     pagination_config={"StartingToken": tok({"ContinuationToken": "c1", "boto_truncate_amount": 1})})
case("s3-listobjectsv2-resume-page-boundary", *S3V2, "Oddity: resuming at a page boundary blanks the first page's CommonPrefixes too.",
     S3V2_PAGES[1:], params={"Bucket": "bucket"}, pagination_config={"StartingToken": tok({"ContinuationToken": "c1"})})
case("s3-listobjectsv2-page-size", *S3V2, "PageSize is written to MaxKeys.",
     S3V2_PAGES, params={"Bucket": "bucket", "MaxKeys": 1000}, pagination_config={"PageSize": 2})
case("s3-listobjectsv2-prefixes-only", *S3V2, "A page with only CommonPrefixes counts 0 items.",
     [s3v2([], ["p1/", "p2/"], "c1", True), s3v2(["a", "b"], None, "c2", True), s3v2(["c"])],
     params={"Bucket": "bucket"}, pagination_config={"MaxItems": 1})

# --- s3 ListObjects: NextMarker || Contents[-1].Key ------------------------

S3V1 = ("s3", "ListObjects")


def s3v1(keys, marker=None, truncated=True):
    page = {"Name": "bucket", "IsTruncated": truncated}
    if keys:
        page["Contents"] = [{"Key": k} for k in keys]
    if marker is not None:
        page["NextMarker"] = marker
    return page


case("s3-listobjects-last-key", *S3V1, "Without NextMarker the last key is the marker.",
     [s3v1(["a", "b"]), s3v1(["c"], truncated=False)], params={"Bucket": "bucket"})
case("s3-listobjects-next-marker", *S3V1, "NextMarker wins over the last key.",
     [s3v1(["a", "b"], "m1"), s3v1(["c"], truncated=False)], params={"Bucket": "bucket", "Delimiter": "/"})
case("s3-listobjects-empty-next-marker", *S3V1, "An empty NextMarker falls back to the last key (JMESPath ||).",
     [s3v1(["a", "b"], ""), s3v1(["c"], truncated=False)], params={"Bucket": "bucket"})
case("s3-listobjects-no-contents", *S3V1, "Truncated but neither NextMarker nor Contents: no token, stop.",
     [s3v1([]), s3v1(["c"], truncated=False)], params={"Bucket": "bucket"})
case("s3-listobjects-max-items", *S3V1, "MaxItems on an expression token.",
     [s3v1(["a", "b"]), s3v1(["c", "d"]), s3v1(["e"], truncated=False)], params={"Bucket": "bucket"},
     pagination_config={"MaxItems": 3})

# --- s3 ListObjectVersions: two tokens, three result keys ------------------

S3VER = ("s3", "ListObjectVersions")


def s3ver(versions, markers=None, key=None, vid=None, truncated=True, prefixes=None):
    page = {"Name": "bucket", "IsTruncated": truncated}
    if versions:
        page["Versions"] = [{"Key": k, "VersionId": v} for k, v in versions]
    if markers:
        page["DeleteMarkers"] = [{"Key": k, "VersionId": v} for k, v in markers]
    if prefixes:
        page["CommonPrefixes"] = [{"Prefix": p} for p in prefixes]
    if key is not None:
        page["NextKeyMarker"] = key
    if vid is not None:
        page["NextVersionIdMarker"] = vid
    return page


S3VER_PAGES = [
    s3ver([("a", "1"), ("a", "2")], [("x", "9")], "a", "2", prefixes=["p/"]),
    s3ver([("b", "1"), ("c", "1")], None, "c", None),
    s3ver([("d", "1")], [("y", "8")], truncated=False),
]
case("s3-listobjectversions-basic", *S3VER, "Two tokens (one missing on a page), three result keys.",
     S3VER_PAGES, params={"Bucket": "bucket"})
case("s3-listobjectversions-max-items-mid-page", *S3VER, "Resume token with two token members.",
     S3VER_PAGES, params={"Bucket": "bucket"}, pagination_config={"MaxItems": 3})
case("s3-listobjectversions-max-items-boundary", *S3VER, "Boundary token with a null member.",
     S3VER_PAGES, params={"Bucket": "bucket"}, pagination_config={"MaxItems": 4})
case("s3-listobjectversions-legacy-token", *S3VER, "Legacy key___version___skip.",
     S3VER_PAGES[1:], params={"Bucket": "bucket"}, pagination_config={"StartingToken": "a___2___1"})
case("s3-listobjectversions-legacy-partial", *S3VER, "Legacy token with fewer parts than tokens.",
     S3VER_PAGES[1:], params={"Bucket": "bucket", "VersionIdMarker": "stale"}, pagination_config={"StartingToken": "a"})
case("s3-listobjectversions-legacy-non-int-skip", *S3VER, "Legacy token whose extra part is not an integer: raw token.",
     S3VER_PAGES[1:], params={"Bucket": "bucket"}, pagination_config={"StartingToken": "a___2___x"})
case("s3-listobjectversions-duplicate", *S3VER, "The same token pair twice.",
     [S3VER_PAGES[0], S3VER_PAGES[0], S3VER_PAGES[2]], params={"Bucket": "bucket"})
case("s3-listobjectversions-partial-json-token", *S3VER, "A JSON token with one of two members.",
     S3VER_PAGES[1:], params={"Bucket": "bucket"}, pagination_config={"StartingToken": b64json({"KeyMarker": "a"})})
case("s3-listobjectversions-partial-json-token-truncated", *S3VER, "Truncating the first page after a partial token fails.",
     S3VER_PAGES[1:], params={"Bucket": "bucket"},
     pagination_config={"StartingToken": b64json({"KeyMarker": "a"}), "MaxItems": 1})
case("s3-listobjectversions-fetch-failure", *S3VER, "Failure with two tokens, one of them null.",
     [S3VER_PAGES[0], S3VER_PAGES[1], ERROR, S3VER_PAGES[2]], params={"Bucket": "bucket"})

# --- s3 ListMultipartUploads ------------------------------------------------

case("s3-listmultipartuploads-max-items", "s3", "ListMultipartUploads", "Two tokens, MaxItems mid-page.",
     [{"Uploads": [{"Key": "a", "UploadId": "u1"}, {"Key": "b", "UploadId": "u2"}], "CommonPrefixes": [{"Prefix": "p/"}],
       "IsTruncated": True, "NextKeyMarker": "b", "NextUploadIdMarker": "u2"},
      {"Uploads": [{"Key": "c", "UploadId": "u3"}, {"Key": "d", "UploadId": "u4"}], "IsTruncated": False}],
     params={"Bucket": "bucket"}, pagination_config={"MaxItems": 3, "PageSize": 2})

# --- s3 ListParts: integer token --------------------------------------------

PARTS = ("s3", "ListParts")


def parts(numbers, marker=None, truncated=True):
    page = {"Bucket": "bucket", "Key": "k", "UploadId": "u", "IsTruncated": truncated, "StorageClass": "STANDARD",
            "Parts": [{"PartNumber": n, "Size": 5} for n in numbers]}
    if marker is not None:
        page["NextPartNumberMarker"] = marker
    return page


case("s3-listparts-int-token", *PARTS, "Integer token; MaxItems gives an integer in the resume token.",
     [parts([1, 2], 2), parts([3, 4], 4), parts([5], truncated=False)],
     params={"Bucket": "bucket", "Key": "k", "UploadId": "u"}, pagination_config={"MaxItems": 3})
case("s3-listparts-zero-token", *PARTS, "A 0 token counts as none.",
     [parts([1], 0), parts([2], truncated=False)], params={"Bucket": "bucket", "Key": "k", "UploadId": "u"})
case("s3-listparts-resume-int", *PARTS, "Resume from an integer token.",
     [parts([3, 4], 4), parts([5], truncated=False)], params={"Bucket": "bucket", "Key": "k", "UploadId": "u"},
     pagination_config={"StartingToken": tok({"PartNumberMarker": 2, "boto_truncate_amount": 1})})
case("s3-listparts-float-token", *PARTS, "A float token is written as Python's repr.",
     [parts([1], 2.5), parts([2], 1e16), parts([3], truncated=False)],
     params={"Bucket": "bucket", "Key": "k", "UploadId": "u"}, pagination_config={"MaxItems": 2})

# --- dynamodb Query/Scan: map tokens with bytes, numeric result keys -------

Q = ("dynamodb", "Query")
SCAN = ("dynamodb", "Scan")


def ddb(items, key=None, scanned=None, capacity=None):
    page = {"Items": [{"pk": {"S": i}} for i in items], "Count": len(items), "ScannedCount": scanned or len(items)}
    if key is not None:
        page["LastEvaluatedKey"] = key
    if capacity is not None:
        page["ConsumedCapacity"] = capacity
    return page


BIN_KEY1 = {"pk": {"S": "b"}, "bin": {"B": {"$bytes": base64.b64encode(b"\x00\x01\xff").decode()}}}
BIN_KEY2 = {"pk": {"S": "d"}, "bin": {"B": {"$bytes": base64.b64encode(b"\x02").decode()}}}
DDB_PAGES = [ddb("ab", BIN_KEY1, 3, {"TableName": "t", "CapacityUnits": 1.5}), ddb("cd", BIN_KEY2, 2), ddb("e")]
case("dynamodb-query-bytes-key", *Q, "Map tokens holding bytes: boto_encoded_keys.",
     DDB_PAGES, params={"TableName": "t", "KeyConditionExpression": "pk = :v"}, pagination_config={"MaxItems": 3})
case("dynamodb-query-bytes-key-boundary", *Q, "Page-boundary token holding bytes.",
     DDB_PAGES, params={"TableName": "t"}, pagination_config={"MaxItems": 2})
case("dynamodb-query-resume-bytes", *Q, "Resume from a token holding bytes; numeric Count kept on the first page.",
     DDB_PAGES[1:], params={"TableName": "t"},
     pagination_config={"StartingToken": tok({"ExclusiveStartKey": BIN_KEY1, "boto_truncate_amount": 1})})
case("dynamodb-scan-full-result", *SCAN, "Count and ScannedCount summed, ConsumedCapacity from the first page.",
     [ddb("ab", {"pk": {"S": "b"}}, 5, {"TableName": "t", "CapacityUnits": 2.0}),
      ddb("c", {"pk": {"S": "c"}}, 4, {"TableName": "t", "CapacityUnits": 1.0}), ddb("")],
     params={"TableName": "t", "ReturnConsumedCapacity": "TOTAL"})
case("dynamodb-query-empty-key", *Q, "An empty LastEvaluatedKey stops.", [ddb("a", {}), ddb("b")], params={"TableName": "t"})
case("dynamodb-scan-key-order", *SCAN, "Key order of a map token follows the response.",
     [ddb("ab", {"sk": {"N": "2"}, "pk": {"S": "b"}}), ddb("c")], params={"TableName": "t"}, pagination_config={"MaxItems": 2})
case("dynamodb-query-no-capacity", *Q, "A non-aggregate key missing from the first page is null in the full result.",
     [ddb("a", {"pk": {"S": "a"}}), ddb("b", None, 1, {"TableName": "t"})], params={"TableName": "t"})
case("dynamodb-query-duplicate-key", *Q, "Duplicate map token: the message holds Python's repr with bytes.",
     [ddb("a", BIN_KEY1), ddb("b", BIN_KEY1), ddb("c")], params={"TableName": "t"})
case("dynamodb-scan-fetch-failure", *SCAN, "Failure after a map token with bytes.",
     [ddb("ab", BIN_KEY1), ERROR, ddb("cd", BIN_KEY2), ddb("e")], params={"TableName": "t"},
     pagination_config={"PageSize": 2})

# --- route53 ListResourceRecordSets: three tokens, string limit key --------

R53 = ("route53", "ListResourceRecordSets")


def r53(names, name=None, rtype=None, ident=None, truncated=True):
    page = {"ResourceRecordSets": [{"Name": n, "Type": "A", "TTL": 300} for n in names], "IsTruncated": truncated,
            "MaxItems": "2"}
    if name is not None:
        page["NextRecordName"] = name
    if rtype is not None:
        page["NextRecordType"] = rtype
    if ident is not None:
        page["NextRecordIdentifier"] = ident
    return page


R53_PAGES = [r53(["a.", "b."], "c.", "A"), r53(["c.", "d."], "e.", "A", "weighted-1"), r53(["e."], truncated=False)]
case("route53-basic", *R53, "Three tokens; NextRecordIdentifier only on one page.", R53_PAGES, params={"HostedZoneId": "Z1"})
case("route53-page-size-string", *R53, "PageSize is sent as a string for a string limit key.",
     R53_PAGES, params={"HostedZoneId": "Z1"}, pagination_config={"PageSize": 2})
case("route53-max-items-mid-page", *R53, "Resume token with three members.",
     R53_PAGES, params={"HostedZoneId": "Z1"}, pagination_config={"MaxItems": 3})
case("route53-legacy-token", *R53, "Legacy token with None parts and a skip.",
     R53_PAGES[1:], params={"HostedZoneId": "Z1"}, pagination_config={"StartingToken": "c.___A___None___1"})

# --- kinesis DescribeStream: nested expression token and more_results ------

KIN = ("kinesis", "DescribeStream")


def kin(shards, more):
    return {"StreamDescription": {"StreamName": "s", "StreamARN": "arn:s", "StreamStatus": "ACTIVE",
                                  "Shards": [{"ShardId": s} for s in shards], "HasMoreShards": more,
                                  "RetentionPeriodHours": 24, "EnhancedMonitoring": [{"ShardLevelMetrics": []}],
                                  "EncryptionType": "NONE"}}


KIN_PAGES = [kin(["s1", "s2"], True), kin(["s3", "s4"], True), kin(["s5"], False)]
case("kinesis-describestream", *KIN, "StreamDescription.Shards[-1].ShardId token, nested non-aggregate keys.",
     KIN_PAGES, params={"StreamName": "s"})
case("kinesis-describestream-max-items", *KIN, "MaxItems on a nested result key.",
     KIN_PAGES, params={"StreamName": "s"}, pagination_config={"MaxItems": 3, "PageSize": 2})
case("kinesis-describestream-resume", *KIN, "Resume on a nested result key.",
     KIN_PAGES[1:], params={"StreamName": "s"},
     pagination_config={"StartingToken": tok({"ExclusiveStartShardId": "s2", "boto_truncate_amount": 1})})

# --- athena GetQueryResults: dotted result key ------------------------------

ATH = ("athena", "GetQueryResults")


def ath(rows, token=None):
    page = {"ResultSet": {"Rows": [{"Data": [{"VarCharValue": r}]} for r in rows],
                          "ResultSetMetadata": {"ColumnInfo": [{"Name": "c", "Type": "varchar"}]}},
            "UpdateCount": 0}
    if token is not None:
        page["NextToken"] = token
    return page


case("athena-getqueryresults", *ATH, "ResultSet.Rows with non-aggregate ResultSet.ResultSetMetadata and UpdateCount.",
     [ath(["h", "1"], "n1"), ath(["2", "3"], "n2"), ath(["4"])], params={"QueryExecutionId": "q"})
case("athena-getqueryresults-resume", *ATH, "Resume mid-page on a dotted result key.",
     [ath(["2", "3"], "n2"), ath(["4"])], params={"QueryExecutionId": "q"},
     pagination_config={"StartingToken": tok({"NextToken": "n1", "boto_truncate_amount": 1}), "MaxItems": 2})
case("athena-getqueryresults-resume-missing", *ATH, "A resumed first page without ResultSet gets ResultSet.Rows = null.",
     [{"UpdateCount": 0, "NextToken": "n2"}, ath(["4"])], params={"QueryExecutionId": "q"},
     pagination_config={"StartingToken": tok({"NextToken": "n1"})})

# --- rds DownloadDBLogFilePortion: string result key ------------------------

RDS = ("rds", "DownloadDBLogFilePortion")


def rds(text, marker, pending):
    return {"LogFileData": text, "Marker": marker, "AdditionalDataPending": pending}


RDS_PAGES = [rds("line1\n", "m1", True), rds("line2\n", "m2", True), rds("end\n", "m3", False)]
case("rds-downloaddblogfileportion", *RDS, "A string result key: joined in the full result.",
     RDS_PAGES, params={"DBInstanceIdentifier": "db", "LogFileName": "log"})
case("rds-downloaddblogfileportion-max-items", *RDS, "MaxItems counts characters of a string result.",
     RDS_PAGES, params={"DBInstanceIdentifier": "db", "LogFileName": "log"}, pagination_config={"MaxItems": 8})
case("rds-downloaddblogfileportion-resume", *RDS, "Resume slices the string.",
     RDS_PAGES[1:], params={"DBInstanceIdentifier": "db", "LogFileName": "log"},
     pagination_config={"StartingToken": tok({"Marker": "m1", "boto_truncate_amount": 2})})

# --- other more_results configs ---------------------------------------------

case("iam-listusers", "iam", "ListUsers", "IsTruncated with Marker.",
     [{"Users": [{"UserName": "a"}], "IsTruncated": True, "Marker": "m1"},
      {"Users": [{"UserName": "b"}], "IsTruncated": False, "Marker": "m2"}], pagination_config={"PageSize": 1})
case("cloudfront-listdistributions", "cloudfront", "ListDistributions", "Nested token and more_results, string limit key.",
     [{"DistributionList": {"Items": [{"Id": "d1"}, {"Id": "d2"}], "IsTruncated": True, "NextMarker": "d2",
                            "Marker": "", "MaxItems": 2, "Quantity": 2}},
      {"DistributionList": {"Items": [{"Id": "d3"}], "IsTruncated": False, "Marker": "d2", "MaxItems": 2, "Quantity": 1}}],
     pagination_config={"PageSize": 2, "MaxItems": 3})
case("importexport-listjobs", "importexport", "ListJobs", "Jobs[-1].JobId token.",
     [{"Jobs": [{"JobId": "j1"}, {"JobId": "j2"}], "IsTruncated": True},
      {"Jobs": [{"JobId": "j3"}], "IsTruncated": False}])
case("sns-listsubscriptions-page-size-unsupported", "sns", "ListSubscriptions", "PageSize without a limit key fails before any request.",
     [{"Subscriptions": [], "NextToken": "x"}], pagination_config={"PageSize": 10})
case("sns-listsubscriptions-page-size-unsupported-bad-token", "sns", "ListSubscriptions",
     "PageSize without a limit key is reported before a bad starting token.",
     [{"Subscriptions": []}], pagination_config={"PageSize": 10, "StartingToken": "a___b___c"})


README = """# Paginator test vectors

Recorded from botocore's real `botocore.paginate.Paginator` by
`xtask/paginator_vectors.py` (run `cargo xtask paginator-vectors`, which pins
botocore); replayed by `runtime/tests/paginator_vectors.rs`. Do not edit by
hand: change the cases in the script and regenerate.

One file per case:

- `botocore_version`, `format`: provenance.
- `paginator`: the operation's entry in botocore's `paginators-1.json`
  (sdk-extras merged); `limit_key_type`: the limit key's shape type.
- `params`: the request; `pagination_config`: botocore's PaginationConfig
  (`MaxItems`, `PageSize`, `StartingToken`).
- `pages`: what the fake operation returns, call by call;
  `{"$error": "..."}` makes that call fail.
- `expected`: `requests` (the keyword arguments of every call), `pages` (as
  yielded), `resume_token` (the iterator's `resume_token` afterwards),
  `error` (`type`, `message`, `after_pages`: pages yielded before it,
  `raised_by`: `paginate` or `iteration`), `full_result`
  (`build_full_result()` of a fresh run; botocore's `NextToken` key holds the
  resume token) or `full_result_error`.
- `resume_after_error` (fetch failure cases): the resume token our engine
  must report with the error (botocore has none; it is derived from
  botocore's own state at the failed call), and botocore's run resumed from
  it over the remaining `pages`; the script checks that no item is lost or
  repeated.

Bytes are written as `{"$bytes": "<base64>"}`.
"""


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: paginator_vectors.py OUT_DIR")
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    for old in os.listdir(out_dir):
        if old.endswith(".json"):
            os.remove(os.path.join(out_dir, old))
    for c in CASES:
        vector = build(c)
        with open(os.path.join(out_dir, c["name"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(vector, f, indent=2, ensure_ascii=False)
            f.write("\n")
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(README)
    print(f"wrote {len(CASES)} vectors (botocore {botocore.__version__}) to {out_dir}")


if __name__ == "__main__":
    main()

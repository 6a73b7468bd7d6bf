"""Records what the AWS CLI prints for `aws bedrock list-model-invocation-jobs`
against canned responses: `cargo xtask cli-vectors` runs it with the pinned
awscli (PyPI `awscli`, in target/awscli-venv) and writes
tests/vectors/cli/list_model_invocation_jobs.json. examples/tests/awscli_vectors.rs
replays each case against the example binary and compares stdout, the
requests sent, and the error message.

The CLI runs with `cli_timestamp_format = iso8601` (the AWS CLI v2 default;
awscli v1 from PyPI otherwise prints timestamps as they came on the wire),
static credentials and region us-west-2, against a local server on
127.0.0.1 that answers the scenario's responses in order.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def job(i, **extra):
    summary = {
        "jobArn": f"arn:aws:bedrock:us-west-2:111122223333:model-invocation-job/j{i}",
        "jobName": f"nightly-{i}",
        "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
        "roleArn": "arn:aws:iam::111122223333:role/batch",
        "status": "Completed",
        "submitTime": f"2024-05-{i:02d}T12:00:00Z",
        "inputDataConfig": {"s3InputDataConfig": {"s3Uri": f"s3://in/{i}/"}},
        "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": f"s3://out/{i}/"}},
    }
    summary.update(extra)
    return summary


FULL = job(
    9,
    clientRequestToken="tok-9",
    status="Failed",
    message="Input file has 2 bad records\tsee\u00e9 log",
    lastModifiedTime="2024-05-09T13:30:15.250Z",
    endTime="2024-05-09T14:00:00Z",
    vpcConfig={"subnetIds": ["subnet-1", "subnet-2"], "securityGroupIds": ["sg-1"]},
    timeoutDurationInHours=24,
    jobExpirationTime="2024-05-10T12:00:00Z",
    modelInvocationType="Converse",
    totalRecordCount=100,
    processedRecordCount=98,
    successRecordCount=96,
    errorRecordCount=2,
)


def page(items, token=None):
    body = {"invocationJobSummaries": items}
    if token:
        body["nextToken"] = token
    return (200, json.dumps(body))


THREE_PAGES = [page([job(1), job(2)], "t2"), page([job(3), FULL], "t3"), page([job(5)])]

SCENARIOS = [
    ("all pages, json", [], THREE_PAGES),
    ("all pages, text", ["--output", "text"], THREE_PAGES),
    ("all pages, table", ["--output", "table"], THREE_PAGES),
    ("max items mid-page, json", ["--max-items", "3", "--page-size", "2"], THREE_PAGES[:2]),
    ("max items mid-page, text", ["--max-items", "3", "--page-size", "2", "--output", "text"], THREE_PAGES[:2]),
    (
        "resume from a truncating token, json",
        ["--starting-token", "eyJuZXh0VG9rZW4iOiAidDIiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==", "--max-items", "2"],
        THREE_PAGES[1:],
    ),
    ("query names, json", ["--query", "invocationJobSummaries[].jobName"], THREE_PAGES),
    ("query names, text", ["--query", "invocationJobSummaries[].jobName", "--output", "text"], THREE_PAGES),
    ("query one job, json", ["--query", "invocationJobSummaries[?status=='Failed'] | [0]"], THREE_PAGES),
    ("query one job, table", ["--query", "invocationJobSummaries[?status=='Failed'] | [0]", "--output", "table"], THREE_PAGES),
    (
        "filters, json",
        [
            "--status-equals", "Failed", "--name-contains", "night", "--sort-by", "CreationTime",
            "--sort-order", "Descending", "--submit-time-after", "2024-01-01T00:00:00Z",
            "--submit-time-before", "2024-12-31",
        ],
        [page([FULL])],
    ),
    ("no paginate, json", ["--no-paginate"], [page([job(1), job(2)], "t2")]),
    ("no paginate, text", ["--no-paginate", "--output", "text"], [page([job(1), job(2)], "t2")]),
    ("empty list, json", [], [page([])]),
    ("empty list, text", ["--output", "text"], [page([])]),
    ("empty list, table", ["--output", "table"], [page([])]),
    ("no list member, json", [], [(200, "{}")]),
    ("no list member, text", ["--output", "text"], [(200, "{}")]),
    (
        "validation error",
        [],
        [(400, json.dumps({"message": "1 validation error detected: Value at 'maxResults' failed"}),
          {"x-amzn-ErrorType": "ValidationException:http://internal.amazon.com/coral/validate/"})],
    ),
    (
        "access denied",
        [],
        [(403, json.dumps({"message": "User is not authorized"}), {"x-amzn-ErrorType": "AccessDeniedException"})],
    ),
]


def serve(responses, seen):
    queue = list(responses)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            if queue:
                reply = queue.pop(0)
            else:
                reply = (500, json.dumps({"message": "no more canned responses"}))
            status, body = reply[0], reply[1].encode()
            headers = reply[2] if len(reply) > 2 else {}
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    aws, out = sys.argv[1], sys.argv[2]
    version = subprocess.run([aws, "--version"], capture_output=True, text=True).stdout.strip() or "unknown"
    home = tempfile.mkdtemp()
    config = os.path.join(home, "config")
    with open(config, "w") as f:
        f.write("[default]\ncli_timestamp_format = iso8601\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        HOME=home,
        AWS_CONFIG_FILE=config,
        AWS_SHARED_CREDENTIALS_FILE=os.path.join(home, "credentials"),
        AWS_ACCESS_KEY_ID="AKIDCLIVECTORS",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION="us-west-2",
        AWS_MAX_ATTEMPTS="1",
        AWS_PAGER="",
    )
    cases = []
    for name, args, responses in SCENARIOS:
        seen = []
        server = serve(responses, seen)
        endpoint = f"http://127.0.0.1:{server.server_address[1]}"
        run = subprocess.run(
            [aws, "bedrock", "list-model-invocation-jobs", "--endpoint-url", endpoint, *args],
            capture_output=True, text=True, env=env, timeout=120,
        )
        server.shutdown()
        stderr_lines = [l for l in run.stderr.splitlines() if l.strip()]
        cases.append({
            "name": name,
            "args": args,
            "responses": [
                {"status": r[0], "body": r[1], "headers": r[2] if len(r) > 2 else {}} for r in responses
            ],
            "requests": seen,
            "stdout": run.stdout,
            "error": stderr_lines[-1] if run.returncode != 0 and stderr_lines else None,
            "awscli_v1_exit_code": run.returncode,
        })
        print(f"{name}: exit {run.returncode}, {len(seen)} request(s)", file=sys.stderr)
    with open(out, "w") as f:
        json.dump({"awscli": version, "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")


main()

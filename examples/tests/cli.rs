//! Smoke tests of `list-model-invocation-jobs`: `--help`; the whole flow
//! against a canned HTTP server on 127.0.0.1 (flags → query string,
//! credentials from the environment or a profile → the signature's scope,
//! table and NextToken out); and against moto's server, which does not
//! implement ListModelInvocationJobs (it answers HTTP 500), so the example
//! must report that error cleanly.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

const BIN: &str = env!("CARGO_BIN_EXE_list-model-invocation-jobs");

/// The example with a clean AWS environment: no credentials, region or
/// profile from the machine running the tests (HOME is an empty directory).
fn example(home: &Path) -> Command {
    let mut command = Command::new(BIN);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("AWS_") && key != "AWS_CA_BUNDLE" {
            command.env_remove(key);
        }
    }
    command.env("HOME", home).env("AWS_MAX_ATTEMPTS", "1");
    command
}

fn temp_home(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bedrock-examples-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Answers each connection with the next canned JSON body; records each
/// request's line and headers.
fn canned_server(bodies: Vec<&'static str>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for body in bodies {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(stream);
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0usize);
            let mut body_in = vec![0; length];
            reader.read_exact(&mut body_in).unwrap();
            log.lock().unwrap().push(head);
            let mut stream = reader.into_inner();
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    (url, seen)
}

const PAGE_1: &str = r#"{"invocationJobSummaries": [
  {"jobArn": "arn:aws:bedrock:us-west-2:111122223333:model-invocation-job/a1", "jobName": "nightly-a", "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
   "roleArn": "arn:aws:iam::111122223333:role/r", "status": "Completed", "submitTime": "2024-05-01T12:00:00Z",
   "inputDataConfig": {"s3InputDataConfig": {"s3Uri": "s3://in/"}}, "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/"}}},
  {"jobArn": "arn:aws:bedrock:us-west-2:111122223333:model-invocation-job/b2", "jobName": "nightly-b", "modelId": "amazon.titan-text-express-v1",
   "roleArn": "arn:aws:iam::111122223333:role/r", "status": "Completed", "submitTime": 1714651200,
   "inputDataConfig": {"s3InputDataConfig": {"s3Uri": "s3://in/"}}, "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/"}}}
], "nextToken": "page-2"}"#;

const PAGE_2: &str = r#"{"invocationJobSummaries": [
  {"jobArn": "arn:aws:bedrock:us-west-2:111122223333:model-invocation-job/c3", "jobName": "nightly-c", "modelId": "amazon.titan-text-express-v1",
   "roleArn": "arn:aws:iam::111122223333:role/r", "status": "Completed", "submitTime": "2024-05-03T12:00:00Z",
   "inputDataConfig": {"s3InputDataConfig": {"s3Uri": "s3://in/"}}, "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/"}}},
  {"jobArn": "arn:aws:bedrock:us-west-2:111122223333:model-invocation-job/d4", "jobName": "nightly-d", "modelId": "amazon.titan-text-express-v1",
   "roleArn": "arn:aws:iam::111122223333:role/r", "status": "Completed", "submitTime": "2024-05-04T12:00:00Z",
   "inputDataConfig": {"s3InputDataConfig": {"s3Uri": "s3://in/"}}, "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/"}}}
], "nextToken": "page-3"}"#;

const PAGE_3: &str = r#"{"invocationJobSummaries": [
  {"jobArn": "arn:aws:bedrock:us-west-2:111122223333:model-invocation-job/e5", "jobName": "nightly-e", "modelId": "amazon.titan-text-express-v1",
   "roleArn": "arn:aws:iam::111122223333:role/r", "status": "Completed", "submitTime": "2024-05-05T12:00:00Z",
   "inputDataConfig": {"s3InputDataConfig": {"s3Uri": "s3://in/"}}, "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/"}}}
]}"#;

#[test]
fn help_lists_every_flag() {
    let output = Command::new(BIN).arg("--help").output().unwrap();
    let (stdout, _) = text(&output);
    assert!(output.status.success());
    for flag in [
        "--status-equals",
        "--max-items",
        "--page-size",
        "--starting-token",
        "--endpoint-url",
        "--region",
        "--profile",
        "--submit-time-after",
        "--submit-time-before",
        "--name-contains",
        "--sort-by",
        "--sort-order",
        "--no-paginate",
        "--output",
        "--query",
        "--debug",
    ] {
        assert!(stdout.contains(flag), "{flag} missing from:\n{stdout}");
    }
    assert!(
        stdout.contains("Completed"),
        "the status values are listed:\n{stdout}"
    );
}

#[test]
fn lists_text_and_the_next_token_with_env_credentials() {
    let home = temp_home("env");
    let (url, seen) = canned_server(vec![PAGE_1, PAGE_2]);
    let output = example(&home)
        .args([
            "--status-equals",
            "Completed",
            "--max-items",
            "3",
            "--page-size",
            "2",
        ])
        .args([
            "--endpoint-url",
            &url,
            "--region",
            "us-west-2",
            "--output",
            "text",
        ])
        .args(["--query", "invocationJobSummaries[].[jobName, status]"])
        .env("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    // Text output is per page (the AWS CLI's), the query applied to each
    // page and, as the AWS CLI does, to the {"NextToken": {"NextToken": …}}
    // that follows (which this query turns into None).
    assert_eq!(
        stdout,
        "nightly-a\tCompleted\nnightly-b\tCompleted\nnightly-c\tCompleted\nNone\n"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(
        seen[0]
            .starts_with("GET /model-invocation-jobs?maxResults=2&statusEquals=Completed HTTP/1.1"),
        "{}",
        seen[0]
    );
    assert!(
        seen[1].starts_with(
            "GET /model-invocation-jobs?maxResults=2&nextToken=page-2&statusEquals=Completed "
        ),
        "{}",
        seen[1]
    );
    assert!(
        seen[0].contains("Credential=AKIDFROMENV/")
            && seen[0].contains("/us-west-2/bedrock/aws4_request"),
        "{}",
        seen[0]
    );
    drop(seen);
    // Without --query the token is printed, as `NEXTTOKEN\t…`; as JSON, `"NextToken": …`.
    let (url, _seen) = canned_server(vec![PAGE_1, PAGE_2]);
    let output = example(&home)
        .args([
            "--max-items",
            "3",
            "--page-size",
            "2",
            "--endpoint-url",
            &url,
            "--region",
            "us-west-2",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    // {"nextToken": "page-2", "boto_truncate_amount": 1}, as botocore writes it.
    assert!(
        stdout.ends_with("    ],\n    \"NextToken\": \"eyJuZXh0VG9rZW4iOiAicGFnZS0yIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMX0=\"\n}\n"),
        "{stdout}"
    );

    // Resuming from that token: the rest of page 2, then page 3.
    let token = "eyJuZXh0VG9rZW4iOiAicGFnZS0yIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMX0=";
    let (url, seen) = canned_server(vec![PAGE_2, PAGE_3]);
    let output = example(&home)
        .args([
            "--starting-token",
            token,
            "--endpoint-url",
            &url,
            "--region",
            "us-west-2",
        ])
        .args([
            "--query",
            "invocationJobSummaries[].jobName",
            "--output",
            "json",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stdout, "[\n    \"nightly-d\",\n    \"nightly-e\"\n]\n");
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].starts_with("GET /model-invocation-jobs?nextToken=page-2 "),
        "{}",
        seen[0]
    );
    assert!(
        seen[1].starts_with("GET /model-invocation-jobs?nextToken=page-3 "),
        "{}",
        seen[1]
    );
}

#[test]
fn profile_gives_credentials_and_region() {
    let home = temp_home("profile");
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    std::fs::write(home.join(".aws/credentials"), "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n\n[team]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = s\n").unwrap();
    std::fs::write(
        home.join(".aws/config"),
        "[default]\nregion = us-east-1\n\n[profile team]\nregion = eu-central-1\n",
    )
    .unwrap();
    let (url, seen) = canned_server(vec![PAGE_2, PAGE_2]);
    let output = example(&home)
        .args([
            "--profile",
            "team",
            "--endpoint-url",
            &url,
            "--max-items",
            "1",
        ])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("nightly-c"), "{stdout}");
    // AWS_PROFILE works like --profile.
    let output = example(&home)
        .env("AWS_PROFILE", "team")
        .args(["--endpoint-url", &url, "--max-items", "1"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output).1);
    let seen = seen.lock().unwrap();
    for request in seen.iter() {
        assert!(
            request.contains("Credential=AKIDFROMPROFILE/")
                && request.contains("/eu-central-1/bedrock/aws4_request"),
            "{request}"
        );
    }
}

#[test]
fn configuration_errors_exit_253_with_the_aws_clis_words() {
    let home = temp_home("nothing");
    let run = |args: &[&str]| {
        let output = example(&home)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .args(args)
            .output()
            .unwrap();
        (output.status.code(), text(&output).1)
    };
    let (code, stderr) = run(&["--endpoint-url", "http://127.0.0.1:9"]);
    assert_eq!(code, Some(253), "{stderr}");
    assert!(
        stderr.contains("You must specify a region.") && stderr.contains("--region"),
        "{stderr}"
    );

    let (code, stderr) = run(&[
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--region",
        "us-east-1",
    ]);
    assert_eq!(code, Some(253), "{stderr}");
    assert!(stderr.contains("Unable to locate credentials."), "{stderr}");

    let (code, stderr) = run(&["--profile", "nope", "--region", "us-east-1"]);
    assert_eq!(code, Some(253), "{stderr}");
    assert!(
        stderr.contains("The config profile (nope) could not be found"),
        "{stderr}"
    );
    assert!(!stderr.contains("not enabled"), "{stderr}");

    let output = example(&home)
        .env("AWS_PROFILE", "nope")
        .args(["--region", "us-east-1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(253));
    assert!(text(&output)
        .1
        .contains("The config profile (nope) could not be found"));
}

#[test]
fn usage_errors_exit_252() {
    let home = temp_home("usage");
    for args in [
        &["--output", "yaml"][..],
        &["--status-equals", "Done"],
        &["--submit-time-after", "yesterday"],
        &["--no-such-flag"],
        &[
            "--query",
            "invocationJobSummaries[",
            "--region",
            "us-east-1",
        ],
    ] {
        let output = example(&home).args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(252),
            "{args:?}: {}",
            text(&output).1
        );
    }
    // A malformed --starting-token is caught before any request.
    let output = example(&home)
        .args([
            "--starting-token",
            "eyJib2d1cyI6IDF9",
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKID")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let stderr = text(&output).1;
    assert_eq!(output.status.code(), Some(252), "{stderr}");
    assert!(
        stderr.contains("Bad value for --starting-token"),
        "{stderr}"
    );
}

/// Answers each connection with the next (status, headers, body).
fn scripted(replies: Vec<(u16, &'static str, &'static str)>) -> tests::stub::Stub {
    let replies = Mutex::new(replies.into_iter());
    tests::stub::Stub::start(10, move |_| {
        let (status, error_type, body) = replies.lock().unwrap().next().unwrap_or((500, "", "{}"));
        let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        if !error_type.is_empty() {
            headers.push(("x-amzn-ErrorType".to_owned(), error_type.to_owned()));
        }
        (status, headers, body.to_owned())
    })
}

#[test]
fn a_rejected_starting_token_is_not_offered_back_and_a_mid_way_failure_is_resumable() {
    let home = temp_home("token");
    let token = "eyJuZXh0VG9rZW4iOiAicGFnZS0yIn0="; // {"nextToken": "page-2"}
    let stub = scripted(vec![(
        400,
        "ValidationException",
        r#"{"message": "Invalid pagination token"}"#,
    )]);
    let output = example(&home)
        .args([
            "--starting-token",
            token,
            "--region",
            "us-east-1",
            "--endpoint-url",
            stub.url(),
        ])
        .env("AWS_ACCESS_KEY_ID", "AKID")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let stderr = text(&output).1;
    assert_eq!(output.status.code(), Some(254), "{stderr}");
    assert!(
        stderr.contains(
            "An error occurred (ValidationException) when calling the ListModelInvocationJobs operation: Invalid pagination token"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&format!("--starting-token {token}")),
        "the rejected token is not offered back: {stderr}"
    );
    assert!(stderr.contains("leave out --starting-token"), "{stderr}");

    // Page 1 fine, page 2 fails: text printed so far, and where to resume.
    let stub = scripted(vec![
        (
            200,
            "",
            r#"{"invocationJobSummaries": [{"jobName": "a"}], "nextToken": "t2"}"#,
        ),
        (403, "AccessDeniedException", r#"{"message": "no"}"#),
    ]);
    let output = example(&home)
        .args([
            "--region",
            "us-east-1",
            "--endpoint-url",
            stub.url(),
            "--output",
            "text",
        ])
        .args(["--query", "invocationJobSummaries[].jobName"])
        .env("AWS_ACCESS_KEY_ID", "AKID")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(254), "{stderr}");
    assert_eq!(stdout, "a\n");
    // {"nextToken": "t2"}, botocore's encoding.
    assert!(
        stderr.contains("--starting-token eyJuZXh0VG9rZW4iOiAidDIifQ=="),
        "{stderr}"
    );
    assert!(
        stderr.contains("bedrock:ListModelInvocationJobs"),
        "what to do next: {stderr}"
    );
}

#[test]
fn debug_shows_requests_and_responses_without_secrets() {
    let home = temp_home("debug");
    let stub = scripted(vec![(200, "", r#"{"invocationJobSummaries": []}"#)]);
    let output = example(&home)
        .args([
            "--debug",
            "--region",
            "us-east-1",
            "--endpoint-url",
            stub.url(),
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIDDEBUG")
        .env("AWS_SECRET_ACCESS_KEY", "very-secret-key")
        .env("AWS_SESSION_TOKEN", "session-token-value")
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("ListModelInvocationJobs attempt 1: request GET http://127.0.0.1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Credential=AKIDDEBUG/") && stderr.contains("Signature=<redacted>"),
        "{stderr}"
    );
    assert!(
        stderr.contains("x-amz-security-token: <redacted>"),
        "{stderr}"
    );
    assert!(
        stderr.contains("response 200 OK") || stderr.contains("response 200"),
        "{stderr}"
    );
    assert!(
        stderr.contains(r#"body: {"invocationJobSummaries": []}"#),
        "{stderr}"
    );
    assert!(
        !stderr.contains("very-secret-key") && !stderr.contains("session-token-value"),
        "{stderr}"
    );
}

#[test]
fn against_moto_which_lacks_list_model_invocation_jobs() {
    let moto = tests::moto::Moto::start();
    let home = temp_home("moto");
    let output = example(&home)
        .args([
            "--endpoint-url",
            moto.endpoint(),
            "--region",
            "us-east-1",
            "--status-equals",
            "Completed",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIDMOTO")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_MAX_ATTEMPTS", "2")
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(254), "{stderr}");
    assert!(
        stderr.contains("An error occurred (500) when calling the ListModelInvocationJobs operation (reached max retries: 1)"),
        "{stderr}"
    );
    assert!(stderr.contains("try again later"), "{stderr}");
    let requests = moto.requests();
    let sent = requests
        .iter()
        .filter(|r| r.starts_with("GET /model-invocation-jobs?statusEquals=Completed"))
        .count();
    assert_eq!(sent, 2, "two attempts reached moto: {requests:#?}");
}

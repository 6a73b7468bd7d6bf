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
    (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
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
            let Ok((stream, _)) = listener.accept() else { return };
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
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap()))
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
    ] {
        assert!(stdout.contains(flag), "{flag} missing from:\n{stdout}");
    }
    assert!(stdout.contains("Completed"), "the status values are listed:\n{stdout}");
}

#[test]
fn lists_a_table_and_the_next_token_with_env_credentials() {
    let home = temp_home("env");
    let (url, seen) = canned_server(vec![PAGE_1, PAGE_2]);
    let output = example(&home)
        .args(["--status-equals", "Completed", "--max-items", "3", "--page-size", "2"])
        .args(["--endpoint-url", &url, "--region", "us-west-2"])
        .env("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["JOB", "NAME", "STATUS", "SUBMIT", "TIME", "MODEL", "ID"]);
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["nightly-a", "Completed", "2024-05-01T12:00:00Z", "anthropic.claude-3-haiku-20240307-v1:0"]
    );
    assert!(lines[2].starts_with("nightly-b ") && lines[2].contains("2024-05-02T12:00:00Z"), "{stdout}");
    assert!(lines[3].starts_with("nightly-c "), "{stdout}");
    // {"nextToken": "page-2", "boto_truncate_amount": 1}, as botocore (and `aws … --max-items`) writes it.
    assert_eq!(lines[4], "NextToken: eyJuZXh0VG9rZW4iOiAicGFnZS0yIiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMX0=");

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen[0].starts_with("GET /model-invocation-jobs?maxResults=2&statusEquals=Completed HTTP/1.1"), "{}", seen[0]);
    assert!(seen[1].starts_with("GET /model-invocation-jobs?maxResults=2&nextToken=page-2&statusEquals=Completed "), "{}", seen[1]);
    assert!(seen[0].contains("Credential=AKIDFROMENV/") && seen[0].contains("/us-west-2/bedrock/aws4_request"), "{}", seen[0]);

    // Resuming from that token: the rest of page 2, then page 3.
    let (url, seen) = canned_server(vec![PAGE_2, PAGE_3]);
    let output = example(&home)
        .args(["--starting-token", lines[4].trim_start_matches("NextToken: "), "--endpoint-url", &url])
        .args(["--region", "us-west-2"])
        .env("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    let names: Vec<&str> = stdout.lines().skip(1).filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(names, ["nightly-d", "nightly-e"], "{stdout}");
    let seen = seen.lock().unwrap();
    assert!(seen[0].starts_with("GET /model-invocation-jobs?nextToken=page-2 "), "{}", seen[0]);
    assert!(seen[1].starts_with("GET /model-invocation-jobs?nextToken=page-3 "), "{}", seen[1]);
}

#[test]
fn profile_gives_credentials_and_region() {
    let home = temp_home("profile");
    std::fs::create_dir_all(home.join(".aws")).unwrap();
    std::fs::write(home.join(".aws/credentials"), "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n\n[team]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = s\n").unwrap();
    std::fs::write(home.join(".aws/config"), "[default]\nregion = us-east-1\n\n[profile team]\nregion = eu-central-1\n").unwrap();
    let (url, seen) = canned_server(vec![PAGE_2, PAGE_2]);
    let output = example(&home).args(["--profile", "team", "--endpoint-url", &url, "--max-items", "1"]).output().unwrap();
    let (stdout, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stdout.contains("nightly-c"), "{stdout}");
    // AWS_PROFILE works like --profile.
    let output = example(&home).env("AWS_PROFILE", "team").args(["--endpoint-url", &url, "--max-items", "1"]).output().unwrap();
    assert!(output.status.success(), "{}", text(&output).1);
    let seen = seen.lock().unwrap();
    for request in seen.iter() {
        assert!(
            request.contains("Credential=AKIDFROMPROFILE/") && request.contains("/eu-central-1/bedrock/aws4_request"),
            "{request}"
        );
    }
}

#[test]
fn reports_missing_credentials_and_region() {
    let home = temp_home("nothing");
    let output = example(&home).args(["--endpoint-url", "http://127.0.0.1:9"]).output().unwrap();
    let (_, stderr) = text(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("error: no region"), "{stderr}");
    let output = example(&home).args(["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1"]).output().unwrap();
    let (_, stderr) = text(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("no credentials"), "{stderr}");
}

#[test]
fn against_moto_which_lacks_list_model_invocation_jobs() {
    let moto = tests::moto::Moto::start();
    let home = temp_home("moto");
    let output = example(&home)
        .args(["--endpoint-url", moto.endpoint(), "--region", "us-east-1", "--status-equals", "Completed"])
        .env("AWS_ACCESS_KEY_ID", "AKIDMOTO")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .output()
        .unwrap();
    let (_, stderr) = text(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("error: fetching a page failed") && stderr.contains("500"), "{stderr}");
    let requests = moto.requests();
    assert!(
        requests.iter().any(|r| r.starts_with("GET /model-invocation-jobs?statusEquals=Completed")),
        "the request reached moto: {requests:#?}"
    );
}

//! Every credential source the AWS CLI uses, end to end through
//! `list-model-invocation-jobs` (a fresh process per case, with only the
//! environment of that case): the signed request that reaches a stub
//! Bedrock on 127.0.0.1 must carry the credentials that source handed out.
//!
//! - web identity (EKS): `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`,
//!   AssumeRoleWithWebIdentity against moto's STS;
//! - a profile with `role_arn` + `source_profile`, AssumeRole against moto;
//! - container credentials (ECS): `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
//!   `AWS_CONTAINER_AUTHORIZATION_TOKEN` against a stub;
//! - EC2 instance metadata (IMDSv2: session token, role, credentials, and
//!   the region) against a stub;
//! - `credential_process`;
//! - an SSO profile with a cached SSO token, GetRoleCredentials against a
//!   stub portal;
//! - caching: credentials are fetched once for several requests, and again
//!   when they are within five minutes of expiring.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use tests::moto::Moto;
use tests::stub::{json, Request, Stub};

const BIN: &str = env!("CARGO_BIN_EXE_list-model-invocation-jobs");

fn temp_home(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("bedrock-credentials-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    dir
}

/// A Bedrock stub with two pages (so two signed requests).
fn bedrock() -> Stub {
    let pages = Mutex::new(
        vec![
            r#"{"invocationJobSummaries": [{"jobName": "a"}], "nextToken": "t2"}"#,
            r#"{"invocationJobSummaries": []}"#,
        ]
        .into_iter(),
    );
    Stub::start(4, move |_| {
        json(pages.lock().unwrap().next().unwrap_or("{}"))
    })
}

/// Runs the CLI with a clean environment plus `env`.
fn run(home: &Path, bedrock: &Stub, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("AWS_") {
            command.env_remove(key);
        }
    }
    command
        .env("HOME", home)
        .env("AWS_MAX_ATTEMPTS", "1")
        .envs(env.iter().copied())
        .args([
            "--endpoint-url",
            bedrock.url(),
            "--query",
            "invocationJobSummaries[].jobName",
            "--output",
            "text",
        ])
        .args(args)
        .output()
        .unwrap()
}

fn check_signed(
    output: &Output,
    bedrock: &Stub,
    key_prefix: &str,
    region: &str,
    token: Option<&str>,
) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "exit {:?}: {stderr}",
        output.status.code()
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "a\n");
    let requests = bedrock.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    for request in &requests {
        let auth = request.header("authorization").unwrap();
        assert!(
            auth.starts_with(&format!("AWS4-HMAC-SHA256 Credential={key_prefix}")),
            "{auth}"
        );
        assert!(
            auth.contains(&format!("/{region}/bedrock/aws4_request")),
            "{auth}"
        );
        match token {
            Some(token) => assert_eq!(request.header("x-amz-security-token"), Some(token)),
            None => assert!(request
                .header("x-amz-security-token")
                .is_some_and(|t| !t.is_empty())),
        }
    }
}

fn sts_calls(moto: &Moto) -> usize {
    moto.requests()
        .iter()
        .filter(|r| r.starts_with("POST / "))
        .count()
}

#[test]
fn web_identity_token_through_moto_sts() {
    let moto = Moto::start();
    let home = temp_home("web-identity");
    let token_file = home.join("token");
    std::fs::write(&token_file, "eyJhbGciOiJSUzI1NiJ9.e30.signature").unwrap();
    let stub = bedrock();
    let output = run(
        &home,
        &stub,
        &[
            ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/eks-pods"),
            ("AWS_ROLE_SESSION_NAME", "awsgen-test"),
            ("AWS_ENDPOINT_URL_STS", moto.endpoint()),
        ],
        &["--region", "us-east-1"],
    );
    // moto's STS hands out temporary keys (ASIA…) with a session token.
    check_signed(&output, &stub, "ASIA", "us-east-1", None);
    assert_eq!(
        sts_calls(&moto),
        1,
        "one AssumeRoleWithWebIdentity for both requests: {:?}",
        moto.requests()
    );
}

#[test]
fn profile_role_arn_with_source_profile_through_moto_sts() {
    let moto = Moto::start();
    let home = temp_home("assume-role");
    std::fs::write(
        home.join(".aws/config"),
        "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n\n\
         [profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nregion = eu-west-2\n",
    )
    .unwrap();
    let stub = bedrock();
    let output = run(
        &home,
        &stub,
        &[("AWS_ENDPOINT_URL_STS", moto.endpoint())],
        &["--profile", "dev"],
    );
    check_signed(&output, &stub, "ASIA", "eu-west-2", None);
    assert_eq!(sts_calls(&moto), 1, "{:?}", moto.requests());
}

fn container_stub(expiration: String) -> Stub {
    Stub::start(8, move |request| {
        if request.header("authorization") != Some("container-auth") {
            return (401, vec![], "{}".into());
        }
        json(format!(
            r#"{{"AccessKeyId": "AKIDCONTAINER", "SecretAccessKey": "s", "Token": "container-session", "Expiration": "{expiration}"}}"#
        ))
    })
}

#[test]
fn container_credentials_are_fetched_once_and_refreshed_before_expiry() {
    let home = temp_home("container");
    let credentials = container_stub("2099-01-01T00:00:00Z".into());
    let uri = format!("{}/v2/credentials/abc", credentials.url());
    let env = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth"),
    ];
    let stub = bedrock();
    let output = run(&home, &stub, &env, &["--region", "us-east-1"]);
    check_signed(
        &output,
        &stub,
        "AKIDCONTAINER/",
        "us-east-1",
        Some("container-session"),
    );
    let seen: Vec<Request> = credentials.requests();
    assert_eq!(seen.len(), 1, "cached for the second request: {seen:?}");
    assert_eq!(seen[0].target, "/v2/credentials/abc");

    // Credentials expiring in two minutes (inside the five-minute window) are fetched again.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let soon = chrono::DateTime::from_timestamp(now + 120, 0).unwrap();
    let credentials = container_stub(soon.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let uri = format!("{}/v2/credentials/abc", credentials.url());
    let env = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth"),
    ];
    let stub = bedrock();
    let output = run(&home, &stub, &env, &["--region", "us-east-1"]);
    check_signed(
        &output,
        &stub,
        "AKIDCONTAINER/",
        "us-east-1",
        Some("container-session"),
    );
    assert_eq!(
        credentials.requests().len(),
        2,
        "refreshed before the second request"
    );
}

#[test]
fn ec2_instance_metadata_v2_gives_credentials_and_region() {
    let home = temp_home("imds");
    let imds = Stub::start(20, |request| {
        let token_ok = request.header("x-aws-ec2-metadata-token") == Some("imds-session-token");
        let text = |body: &str| {
            (
                200,
                vec![("Content-Type".to_owned(), "text/plain".to_owned())],
                body.to_owned(),
            )
        };
        match (request.method.as_str(), request.target.as_str()) {
            ("PUT", "/latest/api/token")
                if request
                    .header("x-aws-ec2-metadata-token-ttl-seconds")
                    .is_some() =>
            {
                (
                    200,
                    vec![(
                        "x-aws-ec2-metadata-token-ttl-seconds".to_owned(),
                        "21600".to_owned(),
                    )],
                    "imds-session-token".into(),
                )
            }
            (_, _) if !token_ok => (401, vec![], String::new()),
            ("GET", "/latest/meta-data/placement/region") => text("ap-southeast-2"),
            ("GET", "/latest/meta-data/iam/security-credentials/") => text("instance-role"),
            ("GET", "/latest/meta-data/iam/security-credentials/instance-role") => json(
                r#"{"Code": "Success", "LastUpdated": "2024-05-01T12:00:00Z", "Type": "AWS-HMAC", "AccessKeyId": "AKIDINSTANCE",
                    "SecretAccessKey": "s", "Token": "instance-session", "Expiration": "2099-01-01T00:00:00Z"}"#,
            ),
            _ => (404, vec![], String::new()),
        }
    });
    let stub = bedrock();
    let output = run(
        &home,
        &stub,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url())],
        &[],
    );
    check_signed(
        &output,
        &stub,
        "AKIDINSTANCE/",
        "ap-southeast-2",
        Some("instance-session"),
    );
    let targets: Vec<String> = imds
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.target))
        .collect();
    assert!(
        targets.contains(&"PUT /latest/api/token".to_owned()),
        "{targets:?}"
    );
    assert!(
        targets
            .contains(&"GET /latest/meta-data/iam/security-credentials/instance-role".to_owned()),
        "{targets:?}"
    );
}

#[test]
fn credential_process_profile() {
    let home = temp_home("process");
    let script = home.join("creds.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"s\", \
         \"SessionToken\": \"process-session\", \"Expiration\": \"2099-01-01T00:00:00Z\"}'\n",
    )
    .unwrap();
    std::fs::write(
        home.join(".aws/config"),
        format!(
            "[profile proc]\ncredential_process = sh {}\nregion = ca-central-1\n",
            script.display()
        ),
    )
    .unwrap();
    let stub = bedrock();
    let output = run(&home, &stub, &[("AWS_PROFILE", "proc")], &[]);
    check_signed(
        &output,
        &stub,
        "AKIDPROCESS/",
        "ca-central-1",
        Some("process-session"),
    );
}

#[test]
fn sso_profile_with_a_cached_token() {
    let home = temp_home("sso");
    let start_url = "https://awsgen-test.awsapps.com/start";
    std::fs::write(
        home.join(".aws/config"),
        format!(
            "[profile sso-dev]\nsso_start_url = {start_url}\nsso_region = us-east-1\nsso_account_id = 111122223333\n\
             sso_role_name = Developer\nregion = us-west-2\n"
        ),
    )
    .unwrap();
    // The AWS CLI's token cache: ~/.aws/sso/cache/<sha1 of the start URL>.json.
    std::fs::create_dir_all(home.join(".aws/sso/cache")).unwrap();
    std::fs::write(
        home.join(".aws/sso/cache/7bebc2858bc99ff3b94925972465d6cf20334108.json"),
        format!(r#"{{"accessToken": "sso-access-token", "expiresAt": "2099-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "{start_url}"}}"#),
    )
    .unwrap();
    let portal = Stub::start(4, |request| {
        if request.header("x-amz-sso_bearer_token") != Some("sso-access-token") {
            return (401, vec![], r#"{"message": "no token"}"#.into());
        }
        json(
            r#"{"roleCredentials": {"accessKeyId": "AKIDSSO", "secretAccessKey": "s", "sessionToken": "sso-session",
                "expiration": 4102444800000}}"#,
        )
    });
    let stub = bedrock();
    let output = run(
        &home,
        &stub,
        &[("AWS_ENDPOINT_URL_SSO", portal.url())],
        &["--profile", "sso-dev"],
    );
    check_signed(&output, &stub, "AKIDSSO/", "us-west-2", Some("sso-session"));
    let seen = portal.requests();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(
        seen[0].target.starts_with("/federation/credentials?"),
        "{}",
        seen[0].target
    );
    assert!(
        seen[0].target.contains("role_name=Developer")
            && seen[0].target.contains("account_id=111122223333")
    );
}

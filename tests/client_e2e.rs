//! The generated bedrock client end to end, against a real server: moto's
//! server mode (`moto[server]`, pinned in `.ci/install-moto.sh`), started
//! on a free port of 127.0.0.1 for each test and killed afterwards.
//!
//! moto implements CreateModelCustomizationJob, GetModelCustomizationJob,
//! ListModelCustomizationJobs, ListCustomModels and the tagging operations
//! of bedrock; it answers ListModelInvocationJobs with HTTP 500 (not
//! implemented), which the retry test uses.
//!
//! These tests FAIL (never skip) when moto is not installed, saying how to
//! install it: `.ci/install-moto.sh`. See `tests/src/moto.rs` for where it
//! is looked for.

// Compiled only while the generated crate has every operation named here
// (a model update that removes one fails `operations_named_by_tests_are_in_the_generated_crate`).
#![cfg(all(bedrock_op = "CreateModelCustomizationJob", bedrock_op = "GetModelCustomizationJob", bedrock_op = "ListCustomModels", bedrock_op = "ListModelCustomizationJobs", bedrock_op = "ListModelInvocationJobs", bedrock_op = "ListTagsForResource", bedrock_op = "TagResource", bedrock_op = "UntagResource"))]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use base64::Engine as _;
use bedrock::client::{Client, Config, Credentials, PaginationConfig, RetryConfig, SdkError};
use bedrock::operations::{CreateModelCustomizationJobError, GetModelCustomizationJobError, ListModelInvocationJobsError};
use bedrock::types::{
    CreateModelCustomizationJobRequest, GetModelCustomizationJobRequest, ListCustomModelsRequest,
    ListModelCustomizationJobsRequest, ListModelCustomizationJobsResponse, ListModelInvocationJobsRequest,
    ListTagsForResourceRequest, ModelCustomizationJobStatus, OutputDataConfig, Tag, TagResourceRequest,
    TrainingDataConfig, UntagResourceRequest,
};
use futures::{StreamExt as _, TryStreamExt as _};
use tests::moto::Moto;

const JOBS: usize = 25;

async fn client(moto: &Moto, retry: RetryConfig) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(moto.endpoint())
        .credentials(Credentials::from_keys("AKIDMOTOTEST", "moto-secret", None))
        .retry(retry)
        .load()
        .await
        .expect("config");
    Client::new(&config)
}

fn job_name(i: usize) -> String {
    format!("job-{i:02}")
}

fn job(i: usize) -> CreateModelCustomizationJobRequest {
    // new(required members, in order of their names)
    CreateModelCustomizationJobRequest::new(
        "amazon.titan-text-express-v1".into(),
        format!("model-{i:02}"),
        job_name(i),
        OutputDataConfig::new("s3://out/".into()),
        "arn:aws:iam::123456789012:role/bedrock-customization".into(),
        TrainingDataConfig::default().with_s3_uri("s3://in/train.jsonl".into()),
    )
    .with_hyper_parameters([("epochCount".to_string(), "1".to_string())].into())
    .with_job_tags(vec![Tag::new("index".into(), i.to_string())])
}

/// The ListModelCustomizationJobs requests moto has seen.
fn list_requests(moto: &Moto) -> Vec<String> {
    moto.requests().into_iter().filter(|r| r.starts_with("GET /model-customization-jobs?")).collect()
}

fn paginator(
    client: &Client,
    config: PaginationConfig,
) -> bedrock::client::ClientPaginator<
    bedrock::paginators::ListModelCustomizationJobsPaginator,
    bedrock::operations::ListModelCustomizationJobs,
> {
    client.list_model_customization_jobs_paginator(ListModelCustomizationJobsRequest::default(), config)
}

#[tokio::test]
async fn paginates_model_customization_jobs_through_moto() {
    let moto = Moto::start();
    let started = Instant::now();
    let client = client(&moto, RetryConfig::standard()).await;
    for i in 0..JOBS {
        let out = client.create_model_customization_job(job(i)).await.expect("create");
        assert!(out.job_arn.ends_with(&format!("model-customization-job/{}", job_name(i))), "{}", out.job_arn);
    }
    let all: BTreeSet<String> = (0..JOBS).map(job_name).collect();

    // PageSize 4: 7 requests, 7 pages (6 × 4 + 1), every job exactly once.
    let before = list_requests(&moto).len();
    let pages: Vec<ListModelCustomizationJobsResponse> =
        paginator(&client, PaginationConfig::default().page_size(4)).pages().try_collect().await.expect("pages");
    let sent = &list_requests(&moto)[before..];
    assert_eq!(sent.len(), 7, "{sent:#?}");
    assert!(sent.iter().all(|r| r.contains("maxResults=4")), "{sent:#?}");
    assert!(!sent[0].contains("nextToken"), "the first request has no token: {}", sent[0]);
    assert!(sent[1..].iter().all(|r| r.contains("nextToken=")), "{sent:#?}");
    let sizes: Vec<usize> =
        pages.iter().map(|p| p.model_customization_job_summaries.as_ref().map_or(0, Vec::len)).collect();
    assert_eq!(sizes, [4, 4, 4, 4, 4, 4, 1]);
    let names: Vec<String> = pages
        .iter()
        .flat_map(|p| p.model_customization_job_summaries.iter().flatten())
        .map(|s| s.job_name.clone())
        .collect();
    assert_eq!(names.len(), JOBS);
    assert_eq!(names.iter().cloned().collect::<BTreeSet<_>>(), all, "every job exactly once");
    let summary = &pages[0].model_customization_job_summaries.as_ref().unwrap()[0];
    assert_eq!(summary.status, ModelCustomizationJobStatus::InProgress);
    assert!(summary.base_model_arn.ends_with("foundation-model/amazon.titan-text-express-v1"));

    // MaxItems 10 with PageSize 4: 3 requests, the third page truncated to
    // 2 items; the resume token says so, as botocore writes it.
    let before = list_requests(&moto).len();
    let mut items = paginator(&client, PaginationConfig::default().max_items(10).page_size(4)).items();
    let mut first = Vec::new();
    while let Some(job) = items.try_next().await.expect("item") {
        first.push(job.job_name);
    }
    assert_eq!(first.len(), 10);
    assert_eq!(list_requests(&moto).len() - before, 3);
    let token = items.resume_token().expect("MaxItems left a resume token").to_owned();
    let decoded: serde_json::Value =
        serde_json::from_slice(&base64::engine::general_purpose::STANDARD.decode(&token).expect("base64 token"))
            .expect("JSON token");
    assert_eq!(decoded["boto_truncate_amount"], 2, "{decoded}");
    assert!(decoded["nextToken"].is_string(), "{decoded}");

    // Resume: exactly the other 15, none twice.
    let mut rest_stream = paginator(&client, PaginationConfig::default().starting_token(&token).page_size(4)).items();
    let mut rest = Vec::new();
    while let Some(job) = rest_stream.next().await {
        rest.push(job.expect("item").job_name);
    }
    assert_eq!(rest_stream.resume_token(), None, "iteration ran to the end");
    assert_eq!(rest.len(), JOBS - 10);
    let mut seen: Vec<String> = first.iter().chain(&rest).cloned().collect();
    seen.sort();
    assert_eq!(seen, all.iter().cloned().collect::<Vec<_>>(), "first + rest = every job exactly once");

    // build_full_result with MaxItems 5: five summaries merged and a token.
    let full = paginator(&client, PaginationConfig::default().max_items(5).page_size(3))
        .build_full_result()
        .await
        .expect("full result");
    assert_eq!(full.output.model_customization_job_summaries.map_or(0, |s| s.len()), 5);
    assert!(full.resume_token.is_some());

    // A plain call, and another paginator: each job made a custom model.
    let page = client
        .list_model_customization_jobs(ListModelCustomizationJobsRequest::default().with_max_results(3))
        .await
        .expect("list");
    assert_eq!(page.model_customization_job_summaries.map_or(0, |s| s.len()), 3);
    assert!(page.next_token.is_some());
    let models: Vec<String> = client
        .list_custom_models_paginator(ListCustomModelsRequest::default(), PaginationConfig::default().page_size(10))
        .items()
        .map_ok(|m| m.model_name)
        .try_collect()
        .await
        .expect("custom models");
    assert_eq!(models.len(), JOBS);
    eprintln!("{} requests to moto in {:.2?}", moto.requests().len(), started.elapsed());
}

#[tokio::test]
async fn get_tag_and_typed_errors_through_moto() {
    let moto = Moto::start();
    let client = client(&moto, RetryConfig::standard()).await;

    // The caller's idempotency token is sent as it is…
    let mut request = job(1);
    request.client_request_token = Some("caller-token-1".into());
    let arn = client.create_model_customization_job(request).await.expect("create").job_arn;
    let got = client
        .get_model_customization_job(GetModelCustomizationJobRequest::new(job_name(1)))
        .await
        .expect("get");
    assert_eq!(got.job_arn, arn);
    assert_eq!(got.job_name, job_name(1));
    assert_eq!(got.client_request_token.as_deref(), Some("caller-token-1"));
    assert_eq!(got.status, Some(ModelCustomizationJobStatus::InProgress));
    assert_eq!(got.hyper_parameters.unwrap()["epochCount"], "1");
    assert_eq!(got.training_data_config.s3_uri.as_deref(), Some("s3://in/train.jsonl"));
    assert_eq!(got.output_data_config.s3_uri, "s3://out/");

    // …and an unset one is filled with a UUID v4, as botocore does.
    client.create_model_customization_job(job(2)).await.expect("create");
    let got = client
        .get_model_customization_job(GetModelCustomizationJobRequest::new(job_name(2)))
        .await
        .expect("get");
    let token = got.client_request_token.expect("a generated token");
    assert_eq!(token.len(), 36, "{token}");
    assert_eq!(token.as_bytes()[14], b'4', "UUID version 4: {token}");

    // A missing job: the modelled error, typed.
    match client.get_model_customization_job(GetModelCustomizationJobRequest::new("no-such-job".into())).await {
        Err(SdkError::Service(GetModelCustomizationJobError::ResourceNotFoundException(e))) => {
            assert!(e.message.as_deref().unwrap_or_default().contains("no-such-job"), "{e:?}");
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    // A duplicate name: an error the model does not list for the operation.
    match client.create_model_customization_job(job(1)).await {
        Err(SdkError::Service(CreateModelCustomizationJobError::Unhandled { code, status, .. })) => {
            assert_eq!((code.as_str(), status), ("ResourceInUseException", 400));
        }
        other => panic!("expected ResourceInUseException, got {other:?}"),
    }

    // Tags: the job's own, then one more, then untagged again.
    let tags = |out: bedrock::types::ListTagsForResourceResponse| -> Vec<(String, String)> {
        out.tags.unwrap_or_default().into_iter().map(|t| (t.key, t.value)).collect()
    };
    let listed = client.list_tags_for_resource(ListTagsForResourceRequest::new(arn.clone())).await.expect("list tags");
    assert_eq!(tags(listed), [("index".to_string(), "1".to_string())]);
    client
        .tag_resource(TagResourceRequest::new(arn.clone(), vec![Tag::new("team".into(), "ml".into())]))
        .await
        .expect("tag");
    let listed = client.list_tags_for_resource(ListTagsForResourceRequest::new(arn.clone())).await.expect("list tags");
    assert_eq!(tags(listed), [("index".into(), "1".into()), ("team".into(), "ml".into())]);
    client.untag_resource(UntagResourceRequest::new(arn.clone(), vec!["index".into()])).await.expect("untag");
    let listed = client.list_tags_for_resource(ListTagsForResourceRequest::new(arn)).await.expect("list tags");
    assert_eq!(tags(listed), [("team".to_string(), "ml".to_string())]);
}

#[tokio::test]
async fn retries_server_errors_of_a_real_server() {
    // moto has no ListModelInvocationJobs: it answers HTTP 500, which the
    // client retries (botocore's standard mode), then reports.
    let moto = Moto::start();
    let retry = RetryConfig::standard().max_attempts(3).initial_backoff(Duration::from_millis(20));
    let client = client(&moto, retry).await;
    match client.list_model_invocation_jobs(ListModelInvocationJobsRequest::default()).await {
        Err(SdkError::Service(ListModelInvocationJobsError::Unhandled { status, .. })) => assert_eq!(status, 500),
        other => panic!("expected HTTP 500 from moto, got {other:?}"),
    }
    let sent: Vec<String> =
        moto.requests().into_iter().filter(|r| r.starts_with("GET /model-invocation-jobs")).collect();
    assert_eq!(sent.len(), 3, "three attempts: {sent:#?}");
}

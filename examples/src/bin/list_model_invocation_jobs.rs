//! `list-model-invocation-jobs`: lists Amazon Bedrock batch inference jobs
//! (ListModelInvocationJobs), as `aws bedrock list-model-invocation-jobs`
//! does, with the generated `bedrock` crate's client.
//!
//! ```text
//! list-model-invocation-jobs --status-equals Completed --max-items 20 --page-size 10
//! list-model-invocation-jobs --starting-token <NextToken printed by the previous run>
//! list-model-invocation-jobs --endpoint-url http://127.0.0.1:5000 --region us-east-1
//! ```
//!
//! Prints a table (job name, status, submit time, model id) and, when
//! `--max-items` stopped early, the `NextToken` to pass as
//! `--starting-token` (interchangeable with the AWS CLI's tokens).
//! Credentials and region come from the usual places: `--profile` /
//! `AWS_PROFILE`, `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
//! `AWS_SESSION_TOKEN`, `--region` / `AWS_REGION`, `~/.aws/credentials`
//! and `~/.aws/config`.

use std::process::ExitCode;

use bedrock::client::{Client, Config, PaginationConfig};
use bedrock::types::{ListModelInvocationJobsRequest, ModelInvocationJobStatus, ModelInvocationJobSummary, SortOrder};
use clap::builder::PossibleValuesParser;
use clap::Parser;
use futures::StreamExt as _;

/// List Amazon Bedrock batch inference jobs (ListModelInvocationJobs).
#[derive(Debug, Parser)]
#[command(name = "list-model-invocation-jobs", version)]
struct Args {
    /// Only jobs with this status.
    #[arg(long, alias = "status", value_parser = PossibleValuesParser::new(ModelInvocationJobStatus::values()))]
    status_equals: Option<String>,
    /// Only jobs whose name contains this text.
    #[arg(long)]
    name_contains: Option<String>,
    /// Order by submit time.
    #[arg(long, value_parser = PossibleValuesParser::new(SortOrder::values()))]
    sort_order: Option<String>,
    /// The total number of jobs to print; a NextToken is printed when more remain.
    #[arg(long)]
    max_items: Option<usize>,
    /// The number of jobs to request per call (the service's maxResults).
    #[arg(long)]
    page_size: Option<i64>,
    /// Where to resume: the NextToken of a previous run.
    #[arg(long)]
    starting_token: Option<String>,
    /// Send requests to this URL instead of https://bedrock.{region}.amazonaws.com.
    #[arg(long)]
    endpoint_url: Option<String>,
    /// The AWS region (otherwise AWS_REGION, AWS_DEFAULT_REGION or the profile's region).
    #[arg(long)]
    region: Option<String>,
    /// A profile of ~/.aws/config and ~/.aws/credentials (otherwise AWS_PROFILE or `default`).
    #[arg(long)]
    profile: Option<String>,
}

fn table(jobs: &[ModelInvocationJobSummary]) -> String {
    let header = ["JOB NAME", "STATUS", "SUBMIT TIME", "MODEL ID"].map(String::from);
    let rows: Vec<[String; 4]> = jobs
        .iter()
        .map(|job| {
            [
                job.job_name.clone(),
                job.status.as_ref().map_or("-", |s| s.as_str()).to_owned(),
                job.submit_time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                job.model_id.clone(),
            ]
        })
        .collect();
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row.iter().zip(widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::builder()
        .set_region(args.region)
        .set_profile(args.profile)
        .set_endpoint_url(args.endpoint_url)
        .load()
        .await?;
    let client = Client::new(&config);
    // Request types are #[non_exhaustive] (a model update may add members):
    // start from `default()` and set fields (or chain `with_…` setters).
    let mut request = ListModelInvocationJobsRequest::default();
    request.status_equals = args.status_equals.as_deref().map(ModelInvocationJobStatus::from);
    request.name_contains = args.name_contains;
    request.sort_order = args.sort_order.as_deref().map(SortOrder::from);
    let pagination = PaginationConfig {
        max_items: args.max_items,
        page_size: args.page_size,
        starting_token: args.starting_token,
    };
    let mut items = client.list_model_invocation_jobs_paginator(request, pagination).items();
    let mut jobs = Vec::new();
    while let Some(job) = items.next().await {
        match job {
            Ok(job) => jobs.push(job),
            Err(e) => {
                if !jobs.is_empty() {
                    print!("{}", table(&jobs));
                }
                if let Some(token) = e.resume_token() {
                    eprintln!("resume with: --starting-token {token}");
                }
                return Err(e.into());
            }
        }
    }
    print!("{}", table(&jobs));
    if let Some(token) = items.resume_token() {
        println!("NextToken: {token}");
    }
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut message = e.to_string();
            let mut source = e.source();
            while let Some(s) = source {
                let text = s.to_string();
                if !message.contains(&text) {
                    message.push_str(&format!(": {text}"));
                }
                source = s.source();
            }
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

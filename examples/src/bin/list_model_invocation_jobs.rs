//! `list-model-invocation-jobs`: lists Amazon Bedrock batch inference jobs
//! (ListModelInvocationJobs) as `aws bedrock list-model-invocation-jobs`
//! does, with the generated `bedrock` crate's client: the same flags, the
//! same `--output json|text|table` for the same response, `--query`, the
//! same pagination flags and tokens, and the AWS CLI v2 exit codes.
//!
//! ```text
//! list-model-invocation-jobs --status-equals Completed --max-items 20 --page-size 10
//! list-model-invocation-jobs --output text --query 'invocationJobSummaries[].jobName'
//! list-model-invocation-jobs --starting-token <NextToken printed by the previous run>
//! list-model-invocation-jobs --endpoint-url http://127.0.0.1:5000 --region us-east-1 --debug
//! ```
//!
//! Exit codes (AWS CLI v2): 0 success, 252 usage (bad flag or value, bad
//! `--query`, a malformed `--starting-token`), 253 configuration or
//! credentials (no region, unknown profile, no credentials), 254 the service
//! answered with an error, 255 anything else (connection failures, a
//! response that does not parse).

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use awsgen_runtime::client::observe::redacted;
use awsgen_runtime::client::Event;
use bedrock::client::{
    Client, Config, ConfigError, DispatchErrorKind, PaginationConfig, SdkError, TimeoutConfig,
};
use bedrock::operations::ListModelInvocationJobsError;
use bedrock::types::{
    ListModelInvocationJobsRequest, ListModelInvocationJobsResponse, ModelInvocationJobStatus,
    SortJobsBy, SortOrder,
};
use bedrock_examples::awscli::{self, Doc, Query};
use clap::builder::PossibleValuesParser;
use clap::Parser;
use futures::StreamExt as _;

const OPERATION: &str = "ListModelInvocationJobs";
/// The output's timestamp members (printed as the CLI v2 prints them).
const TIMESTAMPS: &[&str] = &[
    "submitTime",
    "lastModifiedTime",
    "endTime",
    "jobExpirationTime",
];
/// The paginator's result key.
const RESULT_KEY: &str = "invocationJobSummaries";

/// List Amazon Bedrock batch inference jobs (ListModelInvocationJobs), as
/// `aws bedrock list-model-invocation-jobs`.
#[derive(Debug, Parser)]
#[command(name = "list-model-invocation-jobs", version)]
struct Args {
    /// Only jobs submitted after this time (ISO 8601, or seconds since the epoch).
    #[arg(long, value_parser = parse_timestamp)]
    submit_time_after: Option<chrono::DateTime<chrono::Utc>>,
    /// Only jobs submitted before this time (ISO 8601, or seconds since the epoch).
    #[arg(long, value_parser = parse_timestamp)]
    submit_time_before: Option<chrono::DateTime<chrono::Utc>>,
    /// Only jobs with this status.
    #[arg(long, value_parser = PossibleValuesParser::new(ModelInvocationJobStatus::values()))]
    status_equals: Option<String>,
    /// Only jobs whose name contains this text.
    #[arg(long)]
    name_contains: Option<String>,
    /// The attribute to sort by.
    #[arg(long, value_parser = PossibleValuesParser::new(SortJobsBy::values()))]
    sort_by: Option<String>,
    /// The sort order.
    #[arg(long, value_parser = PossibleValuesParser::new(SortOrder::values()))]
    sort_order: Option<String>,
    /// The service's maxResults for a single call (turns automatic pagination off, as in the AWS CLI).
    #[arg(long, hide = true)]
    max_results: Option<i32>,
    /// The service's nextToken for a single call (turns automatic pagination off, as in the AWS CLI).
    #[arg(long, hide = true)]
    next_token: Option<String>,
    /// Where to resume: the NextToken of a previous run (interchangeable with the AWS CLI's).
    #[arg(long)]
    starting_token: Option<String>,
    /// The number of jobs to request per call (the service's maxResults).
    #[arg(long)]
    page_size: Option<i64>,
    /// The total number of jobs to print; a NextToken is printed when more remain.
    #[arg(long)]
    max_items: Option<usize>,
    /// One call only (the first page), printed with the service's own nextToken.
    #[arg(long)]
    no_paginate: bool,
    /// The output format (otherwise AWS_DEFAULT_OUTPUT, else json).
    #[arg(long, value_parser = ["json", "text", "table"])]
    output: Option<String>,
    /// A JMESPath query applied to the response.
    #[arg(long)]
    query: Option<String>,
    /// Print every request and response on stderr (credentials redacted).
    #[arg(long)]
    debug: bool,
    /// Send requests to this URL instead of https://bedrock.{region}.amazonaws.com.
    #[arg(long)]
    endpoint_url: Option<String>,
    /// The AWS region (otherwise AWS_REGION, AWS_DEFAULT_REGION, the profile's region or EC2 instance metadata).
    #[arg(long)]
    region: Option<String>,
    /// A profile of ~/.aws/config and ~/.aws/credentials (otherwise AWS_PROFILE or `default`).
    #[arg(long)]
    profile: Option<String>,
    /// The read timeout in seconds (0: none).
    #[arg(long)]
    cli_read_timeout: Option<u64>,
    /// The connect timeout in seconds (0: none).
    #[arg(long)]
    cli_connect_timeout: Option<u64>,
    /// Accepted for compatibility: this program never uses a pager.
    #[arg(long)]
    no_cli_pager: bool,
}

/// The AWS CLI's timestamp arguments: seconds since the epoch, or ISO 8601
/// (a date, a date and time in UTC, or one with an offset).
fn parse_timestamp(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    let t = text.trim();
    if let Ok(secs) = t.parse::<f64>() {
        let whole = secs.floor();
        return chrono::DateTime::from_timestamp(whole as i64, ((secs - whole) * 1e9) as u32)
            .ok_or_else(|| format!("{t} is out of range"));
    }
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(at.to_utc());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(at) = chrono::NaiveDateTime::parse_from_str(t, format) {
            return Ok(at.and_utc());
        }
    }
    if let Ok(day) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(day.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
    }
    Err(format!(
        "invalid timestamp `{t}`: use ISO 8601 (2024-05-01T12:00:00Z) or seconds since the epoch"
    ))
}

/// A failure: the exit code and the message for stderr.
struct Failure {
    code: u8,
    message: String,
}

fn fail(code: u8, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}

const USAGE: u8 = 252;
const CONFIG: u8 = 253;
const SERVICE: u8 = 254;
const OTHER: u8 = 255;

fn config_failure(e: ConfigError) -> Failure {
    match e {
        ConfigError::NoRegion => fail(
            CONFIG,
            "You must specify a region. You can also configure your region by running \"aws configure\", \
             or pass --region, or set AWS_REGION.",
        ),
        ConfigError::ProfileNotFound(name) => fail(
            CONFIG,
            format!(
                "The config profile ({name}) could not be found. Check the name, or define it in ~/.aws/config \
                 (AWS_CONFIG_FILE) or ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE)."
            ),
        ),
        ConfigError::InvalidEndpoint { url, message } => {
            fail(USAGE, format!("Bad value for --endpoint-url \"{url}\": {message}"))
        }
        other => fail(CONFIG, other.to_string()),
    }
}

/// The service error's message, botocore's `Unknown` when it sent none.
fn service_message(e: &ListModelInvocationJobsError) -> String {
    let message = match e {
        ListModelInvocationJobsError::AccessDeniedException(e) => e.message.clone(),
        ListModelInvocationJobsError::InternalServerException(e) => e.message.clone(),
        ListModelInvocationJobsError::ThrottlingException(e) => e.message.clone(),
        ListModelInvocationJobsError::ValidationException(e) => e.message.clone(),
        ListModelInvocationJobsError::Unhandled { message, .. } => message.clone(),
        // The enum is #[non_exhaustive]: a model update may add errors.
        _ => None,
    };
    message.unwrap_or_else(|| "Unknown".into())
}

/// What went wrong in a call, with botocore's sentence and what to do next.
fn call_failure(
    e: SdkError<ListModelInvocationJobsError>,
    attempts: u32,
    max_attempts: u32,
    endpoint: &str,
) -> Failure {
    let retries = attempts.saturating_sub(1);
    match e {
        SdkError::Service(e) => {
            let code = e.code().to_owned();
            let retry_info =
                if retries > 0 && attempts >= max_attempts { format!(" (reached max retries: {retries})") } else { String::new() };
            let mut message = format!(
                "An error occurred ({code}) when calling the {OPERATION} operation{retry_info}: {}",
                service_message(&e)
            );
            let hint = match &e {
                ListModelInvocationJobsError::ThrottlingException(_) => Some(format!(
                    "The service is throttling: try again later, or allow more attempts (AWS_MAX_ATTEMPTS, now {max_attempts}) \
                     or client-side rate limiting (AWS_RETRY_MODE=adaptive)."
                )),
                ListModelInvocationJobsError::AccessDeniedException(_) => Some(
                    "Check that the credentials in use (--profile, AWS_PROFILE) may call bedrock:ListModelInvocationJobs \
                     in this region."
                        .into(),
                ),
                ListModelInvocationJobsError::InternalServerException(_) => {
                    Some(format!("The service failed after {attempts} attempt(s): try again later."))
                }
                ListModelInvocationJobsError::Unhandled { status, .. } if *status >= 500 => {
                    Some(format!("The service failed after {attempts} attempt(s): try again later."))
                }
                _ => None,
            };
            if let Some(hint) = hint {
                message.push('\n');
                message.push_str(&hint);
            }
            fail(SERVICE, message)
        }
        SdkError::Dispatch(e) => match e.kind() {
            DispatchErrorKind::Credentials => fail(
                CONFIG,
                format!(
                    "Unable to locate credentials. You can configure credentials by running \"aws configure\" \
                     (or set AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).\nDetails: {}",
                    chain(&e)
                ),
            ),
            DispatchErrorKind::Connect => fail(
                OTHER,
                format!(
                    "Could not connect to the endpoint URL: \"{endpoint}\" (calling {OPERATION}, {} attempt(s)). \
                     Check --endpoint-url / --region and the network.",
                    e.attempts()
                ),
            ),
            DispatchErrorKind::Timeout => fail(
                OTHER,
                format!(
                    "Read timeout on endpoint URL: \"{endpoint}\" (calling {OPERATION}, {} attempt(s)). \
                     Try again, or raise --cli-read-timeout.",
                    e.attempts()
                ),
            ),
            _ => fail(OTHER, format!("{OPERATION} failed: {}", chain(&e))),
        },
        SdkError::Response(e) => fail(
            OTHER,
            format!("The response to {OPERATION} could not be read ({attempts} attempt(s)): {}", chain(&e)),
        ),
        SdkError::Build(e) => fail(USAGE, format!("The {OPERATION} request could not be built: {}", chain(&e))),
        other => fail(OTHER, format!("{OPERATION} failed: {}", chain(&other))),
    }
}

/// An error and its sources, once each.
fn chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(&format!(": {text}"));
        }
        source = s.source();
    }
    message
}

/// `--debug`: each request and response on stderr, credentials redacted.
fn debug_event(event: &Event<'_>) {
    let mut err = std::io::stderr().lock();
    let body_text = |body: &[u8]| String::from_utf8_lossy(body).into_owned();
    match event {
        Event::Request {
            operation,
            attempt,
            method,
            url,
            headers,
            body,
        } => {
            let _ = writeln!(
                err,
                "DEBUG {operation} attempt {attempt}: request {method} {url}"
            );
            for (name, value) in headers.iter() {
                let _ = writeln!(err, "DEBUG   {name}: {}", redacted(name, value));
            }
            if !body.is_empty() {
                let _ = writeln!(err, "DEBUG   body: {}", body_text(body));
            }
        }
        Event::Response {
            operation,
            attempt,
            response,
        } => {
            let _ = writeln!(
                err,
                "DEBUG {operation} attempt {attempt}: response {}",
                response.status()
            );
            for (name, value) in response.headers() {
                let _ = writeln!(err, "DEBUG   {name}: {}", redacted(name, value));
            }
            let _ = writeln!(err, "DEBUG   body: {}", body_text(response.body()));
        }
        Event::TransportError {
            operation,
            attempt,
            error,
        } => {
            let _ = writeln!(
                err,
                "DEBUG {operation} attempt {attempt}: failed: {}",
                chain(*error)
            );
        }
        Event::Retry {
            operation,
            attempt,
            wait,
        } => {
            let _ = writeln!(
                err,
                "DEBUG {operation} attempt {attempt}: retrying in {wait:?}"
            );
        }
        Event::QuotaExhausted { operation, attempt } => {
            let _ = writeln!(
                err,
                "DEBUG {operation} attempt {attempt}: retry quota exhausted, not retrying"
            );
        }
        _ => {}
    }
}

/// A page or output as the CLI prints it: wire JSON, timestamps in ISO 8601.
fn document(output: &ListModelInvocationJobsResponse) -> Result<Doc, Failure> {
    let mut doc = Doc::of(output)
        .map_err(|e| fail(OTHER, format!("the response could not be re-encoded: {e}")))?;
    doc.timestamps_to_iso8601(TIMESTAMPS);
    Ok(doc)
}

/// Writes to stdout; a closed pipe ends the program quietly, as the AWS CLI.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}

/// Formats one document for `--output`, after `--query`.
fn render(doc: &Doc, query: Option<&Query>, output: &str) -> Result<String, Failure> {
    let doc = match query {
        Some(q) => q
            .search(doc)
            .map_err(|e| fail(USAGE, format!("Bad value for --query: {e}")))?,
        None => doc.clone(),
    };
    Ok(match output {
        "text" => awscli::to_text(&doc),
        "table" => awscli::to_table(&doc, "ListModelInvocationJobs", terminal_width()),
        _ => awscli::to_json(&doc),
    })
}

/// The AWS CLI asks the terminal for its width and uses 80 when stdout is
/// not one; this reads `COLUMNS` instead of asking the terminal.
fn terminal_width() -> usize {
    if !std::io::stdout().is_terminal() {
        return 80;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(80)
}

/// Progress on stderr when paging takes long and stderr is a terminal.
struct Progress {
    started: Instant,
    shown: bool,
    tty: bool,
}

impl Progress {
    fn tick(&mut self, pages: usize, items: usize) {
        if self.tty && self.started.elapsed() > Duration::from_secs(1) {
            eprint!("\r\x1b[KFetched {pages} page(s), {items} job(s)…");
            self.shown = true;
        }
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }
}

async fn run(args: Args) -> Result<(), Failure> {
    let query = match &args.query {
        Some(q) => Some(
            Query::new(q).map_err(|e| fail(USAGE, format!("Bad value for --query {q}: {e}")))?,
        ),
        None => None,
    };
    let output = args
        .output
        .clone()
        .or_else(|| {
            std::env::var("AWS_DEFAULT_OUTPUT")
                .ok()
                .filter(|o| !o.is_empty())
        })
        .unwrap_or_else(|| "json".into());
    if !["json", "text", "table"].contains(&output.as_str()) {
        return Err(fail(
            USAGE,
            format!(
                "Invalid output format: {output} (AWS_DEFAULT_OUTPUT): use json, text or table"
            ),
        ));
    }
    let attempts = Arc::new(AtomicU32::new(0));
    let counter = attempts.clone();
    let debug = args.debug;
    let seconds = |s: Option<u64>, default: Duration| match s {
        None => Some(default),
        Some(0) => None,
        Some(n) => Some(Duration::from_secs(n)),
    };
    let timeouts = TimeoutConfig::default()
        .connect(seconds(args.cli_connect_timeout, Duration::from_secs(60)))
        .attempt(seconds(args.cli_read_timeout, Duration::from_secs(60)));
    let config = Config::builder()
        .set_region(args.region.clone())
        .set_profile(args.profile.clone())
        .set_endpoint_url(args.endpoint_url.clone())
        .timeouts(timeouts)
        .observer(move |event| {
            if let Event::Request { attempt, .. } = event {
                counter.store(*attempt, Ordering::Relaxed);
            }
            if debug {
                debug_event(event);
            }
        })
        .load()
        .await
        .map_err(config_failure)?;
    let max_attempts = config.retry().get_max_attempts();
    let client = Client::new(&config);
    let endpoint = client.endpoint().to_owned();
    let failure = |e, attempts: &AtomicU32| {
        call_failure(e, attempts.load(Ordering::Relaxed), max_attempts, &endpoint)
    };

    // Request types are #[non_exhaustive] (a model update may add members):
    // start from `default()` and set the fields (or chain `with_…` setters).
    let mut request = ListModelInvocationJobsRequest::default();
    request.submit_time_after = args.submit_time_after;
    request.submit_time_before = args.submit_time_before;
    request.status_equals = args.status_equals.as_deref().map(ModelInvocationJobStatus::from);
    request.name_contains = args.name_contains.clone();
    request.max_results = args.max_results;
    request.next_token = args.next_token.clone();
    request.sort_by = args.sort_by.as_deref().map(SortJobsBy::from);
    request.sort_order = args.sort_order.as_deref().map(SortOrder::from);

    // The AWS CLI pages automatically unless --no-paginate, or the
    // service's own maxResults / nextToken are given.
    if args.no_paginate || args.max_results.is_some() || args.next_token.is_some() {
        let mut request = request;
        if request.max_results.is_none() {
            request.max_results = args.page_size.and_then(|n| i32::try_from(n).ok());
        }
        let page = client
            .list_model_invocation_jobs(request)
            .await
            .map_err(|e| failure(e, &attempts))?;
        emit(&render(&document(&page)?, query.as_ref(), &output)?);
        return Ok(());
    }

    let pagination = PaginationConfig {
        max_items: args.max_items,
        page_size: args.page_size,
        starting_token: args.starting_token.clone(),
    };
    let paginator = client
        .list_model_invocation_jobs_paginator(request, pagination)
        .into_paginator();
    let pages_seen = Arc::new(AtomicUsize::new(0));
    let fetch = {
        let (client, pages_seen) = (client.clone(), pages_seen.clone());
        move |input| {
            let client = client.clone();
            pages_seen.fetch_add(1, Ordering::Relaxed);
            async move { client.list_model_invocation_jobs(input).await }
        }
    };
    let mut progress = Progress {
        started: Instant::now(),
        shown: false,
        tty: std::io::stderr().is_terminal(),
    };
    let mut pages = paginator.stream(fetch);
    let mut merged: Option<Doc> = None;
    let mut items = 0;
    let mut printed_any = false;
    while let Some(page) = pages.next().await {
        let page = match page {
            Ok(page) => page,
            Err(e) => {
                progress.clear();
                return Err(pagination_failure(
                    e,
                    &args,
                    failure,
                    &attempts,
                    printed_any,
                ));
            }
        };
        let doc = document(&page)?;
        let list = doc.get(RESULT_KEY).cloned();
        items += match &list {
            Some(Doc::List(l)) => l.len(),
            _ => 0,
        };
        progress.tick(pages_seen.load(Ordering::Relaxed), items);
        if output == "text" {
            // The CLI prints text page by page: the result key of each page
            // (None when the page has none).
            let mut current = Doc::map();
            current.insert(RESULT_KEY, list.unwrap_or(Doc::Null));
            progress.clear();
            emit(&render(&current, query.as_ref(), &output)?);
            printed_any = true;
        } else {
            // botocore's build_full_result: the result key's lists joined.
            let merged = merged.get_or_insert_with(Doc::map);
            if let Some(Doc::List(new)) = list {
                match merged.get(RESULT_KEY) {
                    Some(Doc::List(old)) => {
                        let mut all = old.clone();
                        all.extend(new);
                        merged.insert(RESULT_KEY, Doc::List(all));
                    }
                    _ => merged.insert(RESULT_KEY, Doc::List(new)),
                }
            }
        }
    }
    progress.clear();
    let resume = pages.resume_token().map(str::to_owned);
    if output == "text" {
        if let Some(token) = resume {
            let mut inner = Doc::map();
            inner.insert("NextToken", Doc::String(token));
            let mut next = Doc::map();
            next.insert("NextToken", inner);
            emit(&render(&next, query.as_ref(), &output)?);
        }
    } else {
        let mut full = merged.unwrap_or_else(Doc::map);
        if let Some(token) = resume {
            full.insert("NextToken", Doc::String(token));
        }
        emit(&render(&full, query.as_ref(), &output)?);
    }
    Ok(())
}

/// A failed page: botocore's message, then where to resume, never with the
/// token that was just rejected.
fn pagination_failure(
    e: bedrock::paginators::PaginationError<SdkError<ListModelInvocationJobsError>>,
    args: &Args,
    failure: impl Fn(SdkError<ListModelInvocationJobsError>, &AtomicU32) -> Failure,
    attempts: &AtomicU32,
    printed_any: bool,
) -> Failure {
    use bedrock::paginators::PaginationError;
    match e {
        PaginationError::Fetch { source, resume_token } => {
            let from_service = matches!(source, SdkError::Service(_));
            let mut failure = failure(source, attempts);
            match resume_token {
                Some(token) if Some(&token) != args.starting_token.as_ref() => {
                    let done = if printed_any { "The pages before the failure were printed. " } else { "" };
                    failure.message.push_str(&format!("\n{done}To resume where it failed, add: --starting-token {token}"));
                }
                Some(_) if from_service => failure.message.push_str(
                    "\nThe first request (from --starting-token) failed: if the service rejected the token, pass the \
                     NextToken printed by a previous run of this same command (same filters), or leave out \
                     --starting-token to start over.",
                ),
                _ => {}
            }
            failure
        }
        PaginationError::BadStartingToken { message } => fail(
            USAGE,
            format!(
                "Bad value for --starting-token: {message}. Pass the NextToken printed by a previous run \
                 (of this program or of aws bedrock list-model-invocation-jobs), unchanged."
            ),
        ),
        other => fail(OTHER, format!("Paginating {OPERATION} failed: {}", chain(&other))),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() { USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { code, message }) => {
            eprintln!("\n{message}");
            ExitCode::from(code)
        }
    }
}

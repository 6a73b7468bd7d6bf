//! One generic, token-driven paginator with botocore's exact semantics.
//!
//! botocore (`botocore.paginate`, the engine behind boto3's `get_paginator`
//! and the AWS CLI's `--max-items`/`--page-size`/`--starting-token`) is the
//! reference: the same requests are sent, the same pages yielded, and resume
//! tokens are byte-identical, so a token from this crate can be handed to the
//! CLI or boto3 and back. `tests/vectors/paginators/` holds cases recorded
//! from botocore itself, replayed by `runtime/tests/paginator_vectors.rs`.
//!
//! # Pieces
//!
//! - [`Paginate`]: what an operation supplies, a handful of one-line methods
//!   reading and writing its typed fields (generated per operation), or
//!   [`JsonPaginator`], which reads a `paginators-1.json` entry and works on
//!   dynamic [`TokenValue`] documents (ordered JSON plus bytes).
//! - [`Paginator`]: a request plus a [`PaginationConfig`]; turn it into a
//!   blocking [`Pages`] / [`Items`] iterator with a fetcher
//!   `FnMut(Input) -> Result<Output, E>`, or an async [`PageStream`] /
//!   [`ItemStream`] with `FnMut(Input) -> impl Future<Output = Result<Output, E>>`.
//!   Both share one state machine; nothing is fetched (and the starting token
//!   is not decoded) before the first `next()`.
//! - [`FullResult`]: botocore's `build_full_result()`.
//! - [`TokenValue`] and the [`token`] module: token values and the resume
//!   token format.
//!
//! # Iteration (botocore's `PageIterator.__iter__`)
//!
//! 1. PageSize, when set, is written to the limit key (error
//!    [`PaginationError::PageSizeUnsupported`] when the operation has none).
//!    A StartingToken is decoded and its members injected (a `null` or
//!    `"None"` value removes the member); its `boto_truncate_amount` is the
//!    number of items skipped on the first page.
//! 2. First page of a resumed iteration (any StartingToken, even with a skip
//!    of 0): the primary result becomes `items[skip:]` (Python slicing), and
//!    [`Paginate::blank_secondary`] blanks the other result keys.
//! 3. With MaxItems, a page that would exceed it is truncated; the resume
//!    token is the token sent for that request plus `boto_truncate_amount`;
//!    iteration stops.
//! 4. Otherwise the next token is read (none when `more_results` is
//!    configured and false; `""`, `0`, `false`, `{}`, `[]` count as none).
//!    No token: stop. MaxItems reached exactly: the resume token is the next
//!    token; stop. The same token as the one received for the previous page:
//!    [`PaginationError::DuplicateToken`], after the repeated page is yielded.
//!    (Like botocore, a StartingToken is not compared: the check starts with
//!    the first token received from the service.)
//!
//! # Differences and decisions
//!
//! - **Fetch failures** (botocore has nothing here): the error
//!   ([`PaginationError::Fetch`]) carries the resume token for the position
//!   before the failed call: the StartingToken itself when the first call of
//!   a resumed iteration fails, `None` when the first call of a fresh
//!   iteration fails (nothing was consumed: start again), otherwise the token
//!   that was sent with the failed call. Resuming from it yields exactly the
//!   remaining items; it is an ordinary botocore token.
//! - **PageSize without a limit key** fails on the first `next()` (before any
//!   request); botocore raises it from `paginate()`.
//! - **Resume token timing**: botocore sets `resume_token` at a page boundary
//!   only when the generator is resumed after yielding the last page; here it
//!   is set before that page is returned. After a complete iteration it is
//!   `None` in both.
//!
//! Known botocore oddities, decided:
//!
//! - *Resuming from a page-boundary token blanks the first page's secondary
//!   result keys* (e.g. S3 `CommonPrefixes`), which loses data: **matched**
//!   (tokens must mean the same thing here and in botocore; the vectors pin it).
//!   Only a resumed iteration's first page is affected.
//! - *Re-iterating the same PageIterator starts from the last injected
//!   token*: **not reproduced**. [`Pages`]/[`PageStream`] are consumed by
//!   iteration and cannot be restarted; [`Paginator`] is `Clone` and every
//!   iterator made from it starts from the caller's request and config.
//! - *A decoded JSON token whose keys are not the input tokens is injected
//!   as request members as it is*: **matched** by [`JsonPaginator`] (botocore
//!   then fails parameter validation for unknown members); typed glue cannot
//!   hold unknown members and reports [`PaginationError::BadStartingToken`] on
//!   the first `next()`. Like botocore, truncating the first page of such an
//!   iteration fails with `Bad starting token: {...}` (and that page is not
//!   yielded).
//!
//! Starting tokens from an untrusted source: decoding is linear in the
//! token's length, and a token longer than [`token::MAX_TOKEN_LEN`] (1 MiB,
//! botocore has no limit) is refused with `Bad starting token: …`.
//! `boto_encoded_keys` and its paths are iterated as Python iterates them (a
//! string by character, a dict by key; a number is a `TypeError`, so the
//! token is then read in the legacy or raw form, as botocore does), and a
//! legacy token's skip count may use any Unicode decimal digits, as Python's
//! `int()` reads them.
//!
//! Smaller deviations: `boto_truncate_amount` must be an integer (botocore
//! fails later, with a `TypeError`, or accepts `null`); JSON that only Python
//! accepts (`NaN`, lone surrogates, integers beyond 64 bits) is not taken as
//! the JSON form; JSON nested deeper than 128 levels (serde_json's limit;
//! Python's is about 1,000, and no AWS token nests more than a few levels)
//! is refused with a clear error rather than sent to the service as a raw
//! token; a `boto_encoded_keys` path that indexes into a string is always
//! taken as botocore's `TypeError` (the token is then read in the legacy or
//! raw form), where botocore raises `IndexError` for an index past the
//! string's end; map- and structure-typed primary result keys (6 of 3,449
//! paginators, on which botocore itself fails when truncating) are not
//! modelled by [`ResultList`] (typed glue returns `None` from
//! [`Paginate::primary`] there).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Stream;

pub mod glue;
pub mod json;
pub mod to_token;
pub mod token;

pub use json::{ConfigError, JsonPaginator};
pub use token::{TokenMap, TokenValue};

/// The per-operation glue: how tokens, page size and result keys map onto an
/// operation's request and response types.
///
/// Implemented by generated code (a unit struct per paginated operation) and
/// by [`JsonPaginator`]. Methods take `&self` so dynamic implementations can
/// carry their configuration.
///
/// # Example: generated glue
///
/// Bedrock `ListModelInvocationJobs` (`input_token`/`output_token`
/// `nextToken`, `limit_key` `maxResults`, `result_key`
/// `invocationJobSummaries`):
///
/// ```
/// use awsgen_runtime::paginator::{glue, GlueError, Paginate, PaginationConfig, Paginator, TokenValue};
///
/// #[derive(Clone, Default)]
/// pub struct ListModelInvocationJobsInput { pub next_token: Option<String>, pub max_results: Option<i32> }
/// #[derive(Default)]
/// pub struct ListModelInvocationJobsOutput {
///     pub next_token: Option<String>,
///     pub invocation_job_summaries: Option<Vec<ModelInvocationJobSummary>>,
/// }
/// pub struct ModelInvocationJobSummary { pub job_name: String }
///
/// pub struct ListModelInvocationJobsPaginator;
///
/// impl Paginate for ListModelInvocationJobsPaginator {
///     type Input = ListModelInvocationJobsInput;
///     type Output = ListModelInvocationJobsOutput;
///     type Primary = Vec<ModelInvocationJobSummary>;
///
///     fn input_tokens(&self) -> Vec<&str> {
///         vec!["nextToken"]
///     }
///     fn set_token(&self, input: &mut Self::Input, name: &str, value: Option<TokenValue>) -> Result<(), GlueError> {
///         match name {
///             "nextToken" => input.next_token = glue::string_token(value)?,
///             _ => return Err(GlueError::UnknownMember(name.to_owned())),
///         }
///         Ok(())
///     }
///     fn set_page_size(&self, input: &mut Self::Input, size: i64) -> Result<(), GlueError> {
///         input.max_results = Some(glue::page_size(size)?);
///         Ok(())
///     }
///     fn output_tokens(&self, output: &Self::Output) -> Vec<Option<TokenValue>> {
///         vec![glue::out_str(&output.next_token)]
///     }
///     fn primary<'a>(&self, output: &'a mut Self::Output) -> Option<&'a mut Self::Primary> {
///         output.invocation_job_summaries.as_mut()
///     }
///     fn merge(&self, full: &mut Self::Output, page: Self::Output) {
///         glue::extend(&mut full.invocation_job_summaries, page.invocation_job_summaries);
///     }
/// }
///
/// // A transport: here, two canned pages.
/// let fetch = |input: ListModelInvocationJobsInput| -> Result<_, std::io::Error> {
///     let page = |names: &[&str], next: Option<&str>| ListModelInvocationJobsOutput {
///         next_token: next.map(str::to_owned),
///         invocation_job_summaries: Some(names.iter().map(|n| ModelInvocationJobSummary { job_name: n.to_string() }).collect()),
///     };
///     Ok(match input.next_token.as_deref() {
///         None => page(&["a", "b"], Some("t1")),
///         Some(_) => page(&["c"], None),
///     })
/// };
/// let config = PaginationConfig::default().max_items(1);
/// let mut pages = Paginator::new(ListModelInvocationJobsPaginator, Default::default(), config).pages(fetch);
/// assert_eq!(pages.next().unwrap().unwrap().invocation_job_summaries.unwrap().len(), 1);
/// assert!(pages.next().is_none());
/// // {"nextToken": null, "boto_truncate_amount": 1}, as botocore writes it:
/// assert_eq!(pages.resume_token(), Some("eyJuZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="));
/// ```
pub trait Paginate {
    /// The request type (cloned for every request).
    type Input: Clone;
    /// The response type (one page).
    type Output;
    /// The primary result key's type (`Vec<T>`, or `String` for the rare
    /// string result such as RDS `DownloadDBLogFilePortion`).
    type Primary: ResultList;

    /// The input token member names, in `paginators-1.json` order
    /// (`["nextToken"]`); they are the JSON keys of resume tokens.
    fn input_tokens(&self) -> Vec<&str>;

    /// Sets (`Some`) or removes (`None`) the request member `name`, one of
    /// [`Paginate::input_tokens`] (a hand-made starting token can name others:
    /// return [`GlueError::UnknownMember`] when the type cannot hold them).
    fn set_token(&self, input: &mut Self::Input, name: &str, value: Option<TokenValue>) -> Result<(), GlueError>;

    /// Writes PageSize to the limit key. The default is for operations without
    /// a limit key and returns [`GlueError::NoLimitKey`].
    fn set_page_size(&self, input: &mut Self::Input, size: i64) -> Result<(), GlueError> {
        let _ = (input, size);
        Err(GlueError::NoLimitKey)
    }

    /// The value of each output token expression, in input token order
    /// (`None` when absent; the engine also treats `""`, `0`, `false`, `{}`
    /// and `[]` as absent).
    fn output_tokens(&self, output: &Self::Output) -> Vec<Option<TokenValue>>;

    /// The `more_results` member: `None` when the paginator has none
    /// configured (the default); `Some(false)` when it is configured and
    /// false or missing.
    fn more_results(&self, output: &Self::Output) -> Option<bool> {
        let _ = output;
        None
    }

    /// The primary (first) result key, counted for MaxItems and sliced for
    /// truncation; `None` when the page lacks it.
    fn primary<'a>(&self, output: &'a mut Self::Output) -> Option<&'a mut Self::Primary>;

    /// Called on the first page of a resumed iteration, after the primary
    /// items were skipped: blank every *secondary* result key as botocore
    /// does (a list becomes empty, a string `""`, a number is kept, anything
    /// else is removed). Default: nothing (a single result key). See
    /// [`glue::blank`].
    fn blank_secondary(&self, output: &mut Self::Output) {
        let _ = output;
    }

    /// `build_full_result`: merges a page's result keys into `full` (lists
    /// concatenated, numbers summed, strings joined; a key never seen stays
    /// absent). See [`glue::extend`], [`glue::add`], [`glue::concat`].
    fn merge(&self, full: &mut Self::Output, page: Self::Output);

    /// `build_full_result`: copies the non-aggregate keys from the first page
    /// into `full` (called before that page is merged). Default: nothing.
    fn copy_non_aggregate(&self, full: &mut Self::Output, first_page: &Self::Output) {
        let _ = (full, first_page);
    }
}

/// A primary result value: a list of items (or a string of characters).
pub trait ResultList {
    /// One item, as the items iterators yield it.
    type Item;
    /// Number of items (Python's `len`).
    fn len(&self) -> usize;
    /// Whether there are no items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Keeps `items[skip:]` with Python's slice semantics (negative counts
    /// from the end).
    fn skip_front(&mut self, skip: i64);
    /// Keeps the first `keep` items.
    fn truncate_to(&mut self, keep: usize);
    /// Takes the items out, leaving the value empty.
    fn take_items(&mut self) -> Vec<Self::Item>;
}

/// Start index of Python's `seq[skip:]` for a sequence of `len` items.
pub(crate) fn py_slice_start(len: usize, skip: i64) -> usize {
    if skip < 0 {
        let from_end = skip.unsigned_abs().min(len as u64) as usize;
        len - from_end
    } else {
        (skip as u64).min(len as u64) as usize
    }
}

impl<T> ResultList for Vec<T> {
    type Item = T;
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn skip_front(&mut self, skip: i64) {
        let start = py_slice_start(self.len(), skip);
        self.drain(..start);
    }
    fn truncate_to(&mut self, keep: usize) {
        self.truncate(keep);
    }
    fn take_items(&mut self) -> Vec<T> {
        std::mem::take(self)
    }
}

impl ResultList for String {
    type Item = char;
    fn len(&self) -> usize {
        self.chars().count()
    }
    fn skip_front(&mut self, skip: i64) {
        let start = py_slice_start(ResultList::len(self), skip);
        *self = self.chars().skip(start).collect();
    }
    fn truncate_to(&mut self, keep: usize) {
        *self = self.chars().take(keep).collect();
    }
    fn take_items(&mut self) -> Vec<char> {
        std::mem::take(self).chars().collect()
    }
}

/// botocore's `PaginationConfig`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaginationConfig {
    /// Total items to return across pages, counted on the primary result key;
    /// a page that would exceed it is truncated and a resume token produced.
    pub max_items: Option<usize>,
    /// Written to the limit key on every request (replacing what the request
    /// had); unsupported when the operation has no limit key.
    pub page_size: Option<i64>,
    /// Where to resume: a resume token (base64 JSON), the legacy `___` form,
    /// or a raw service token. Decoded on the first `next()`.
    pub starting_token: Option<String>,
}

impl PaginationConfig {
    /// Sets `max_items`.
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }
    /// Sets `page_size`.
    pub fn page_size(mut self, n: i64) -> Self {
        self.page_size = Some(n);
        self
    }
    /// Sets `starting_token`.
    pub fn starting_token(mut self, t: impl Into<String>) -> Self {
        self.starting_token = Some(t.into());
        self
    }
}

/// An error from the per-operation glue.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GlueError {
    /// The operation has no limit key, so PageSize cannot be honoured.
    #[error("PageSize parameter is not supported for the pagination interface for this operation.")]
    NoLimitKey,
    /// A token names a request member the glue cannot set.
    #[error("{0:?} is not a pagination token member of this operation")]
    UnknownMember(String),
    /// A token value does not convert to the member's type.
    #[error("cannot convert pagination token value: {0}")]
    Convert(String),
}

/// Why pagination stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum PaginationError<E> {
    /// The fetcher failed. `resume_token` resumes at the failed call without
    /// losing or repeating an item (`None`: nothing was consumed, start over
    /// without a StartingToken).
    #[error("fetching a page failed: {source}")]
    Fetch {
        /// The fetcher's error.
        source: E,
        /// Resume token for the position before the failed call.
        resume_token: Option<String>,
    },
    /// The StartingToken could not be used (botocore: `ValueError: Bad
    /// starting token: ...`, or the exception its decoder raised).
    #[error("{message}")]
    BadStartingToken {
        /// botocore's message.
        message: String,
    },
    /// The service returned the same token twice in a row (the repeated page
    /// was yielded before this error).
    #[error("{message}")]
    DuplicateToken {
        /// `The same next token was received twice: {'NextToken': '...'}`.
        message: String,
        /// The repeated token members.
        token: TokenMap,
    },
    /// PageSize was given for an operation without a limit key.
    #[error("PageSize parameter is not supported for the pagination interface for this operation.")]
    PageSizeUnsupported,
    /// A token value could not be converted to or from the operation's types.
    #[error("pagination token error: {0}")]
    Token(GlueError),
}

impl<E> PaginationError<E> {
    /// The resume token of a [`PaginationError::Fetch`].
    pub fn resume_token(&self) -> Option<&str> {
        match self {
            PaginationError::Fetch { resume_token, .. } => resume_token.as_deref(),
            _ => None,
        }
    }
}

impl PaginationError<Infallible> {
    fn widen<E>(self) -> PaginationError<E> {
        match self {
            PaginationError::Fetch { source, .. } => match source {},
            PaginationError::BadStartingToken { message } => PaginationError::BadStartingToken { message },
            PaginationError::DuplicateToken { message, token } => PaginationError::DuplicateToken { message, token },
            PaginationError::PageSizeUnsupported => PaginationError::PageSizeUnsupported,
            PaginationError::Token(e) => PaginationError::Token(e),
        }
    }
}

type EngineError = PaginationError<Infallible>;

/// botocore's `build_full_result()`: the merged output and the resume token
/// (botocore stores it as the `NextToken` key of the result dict; here it is
/// kept apart, since the typed output may have no such member).
#[derive(Clone, Debug, PartialEq)]
pub struct FullResult<O> {
    /// Result keys of every page merged, plus the first page's non-aggregate
    /// keys; other members are left at their defaults.
    pub output: O,
    /// The resume token when iteration was truncated by MaxItems.
    pub resume_token: Option<String>,
}

// ---------------------------------------------------------------------------
// The state machine shared by every iterator and stream
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    NotStarted,
    Ready,
    Waiting,
    Done,
}

struct Machine<P: Paginate> {
    glue: P,
    config: PaginationConfig,
    input_tokens: Vec<String>,
    current: P::Input,
    phase: Phase,
    /// botocore's `next_token`: the token members sent with this request.
    sent: TokenMap,
    /// botocore's `previous_next_token`.
    previous: Option<TokenMap>,
    total: usize,
    first_request: bool,
    starting_skip: i64,
    resume_token: Option<String>,
    pending: Option<EngineError>,
}

impl<P: Paginate> Machine<P> {
    fn new(glue: P, input: P::Input, config: PaginationConfig) -> Self {
        let input_tokens: Vec<String> = glue.input_tokens().into_iter().map(str::to_owned).collect();
        let sent = input_tokens.iter().map(|n| (n.clone(), TokenValue::Null)).collect();
        Machine {
            glue,
            config,
            input_tokens,
            current: input,
            phase: Phase::NotStarted,
            sent,
            previous: None,
            total: 0,
            first_request: true,
            starting_skip: 0,
            resume_token: None,
            pending: None,
        }
    }

    fn start(&mut self) -> Result<(), EngineError> {
        if let Some(size) = self.config.page_size {
            // botocore rejects PageSize before looking at the token.
            self.glue.set_page_size(&mut self.current, size).map_err(page_size_error)?;
        }
        if let Some(token) = &self.config.starting_token {
            let parsed = token::parse_starting_token(token, &self.input_tokens)
                .map_err(|message| PaginationError::BadStartingToken { message })?;
            self.sent = parsed.tokens;
            self.starting_skip = parsed.skip;
            let sent = self.sent.clone();
            self.inject(&sent).map_err(|e| match e {
                GlueError::UnknownMember(name) => PaginationError::BadStartingToken {
                    message: format!(
                        "Bad starting token: {} is not an input token of this operation",
                        TokenValue::String(name).py_repr()
                    ),
                },
                other => PaginationError::Token(other),
            })?;
            if let Some(size) = self.config.page_size {
                // botocore writes the page size after the token members.
                self.glue.set_page_size(&mut self.current, size).map_err(page_size_error)?;
            }
        }
        Ok(())
    }

    /// botocore's `_inject_token_into_kwargs`.
    fn inject(&mut self, tokens: &TokenMap) -> Result<(), GlueError> {
        for (name, value) in tokens {
            let value = match value {
                TokenValue::Null => None,
                TokenValue::String(s) if s == "None" => None,
                v => Some(v.clone()),
            };
            let removing = value.is_none();
            match self.glue.set_token(&mut self.current, name, value) {
                Ok(()) => {}
                Err(GlueError::UnknownMember(_)) if removing => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// The next request to send, `Ok(None)` when iteration is over.
    fn next_request(&mut self) -> Result<Option<P::Input>, EngineError> {
        if let Some(e) = self.pending.take() {
            self.phase = Phase::Done;
            return Err(e);
        }
        match self.phase {
            Phase::Done => return Ok(None),
            Phase::NotStarted => {
                if let Err(e) = self.start() {
                    self.phase = Phase::Done;
                    return Err(e);
                }
            }
            Phase::Ready => {}
            Phase::Waiting => panic!("paginator: a request is already in flight"),
        }
        self.phase = Phase::Waiting;
        Ok(Some(self.current.clone()))
    }

    /// Handles a response: returns the page to yield.
    fn on_page(&mut self, mut page: P::Output) -> Result<P::Output, EngineError> {
        debug_assert_eq!(self.phase, Phase::Waiting);
        let mut starting_truncation = 0;
        if self.first_request {
            if self.config.starting_token.is_some() {
                starting_truncation = self.starting_skip;
                if let Some(primary) = self.glue.primary(&mut page) {
                    primary.skip_front(starting_truncation);
                }
                self.glue.blank_secondary(&mut page);
            }
            self.first_request = false;
        }
        let n = self.glue.primary(&mut page).map_or(0, |p| p.len());
        if let Some(max) = self.config.max_items {
            if self.total + n > max {
                let keep = max - self.total;
                if let Some(primary) = self.glue.primary(&mut page) {
                    primary.truncate_to(keep);
                }
                let mut token = self.sent.clone();
                let amount = TokenValue::Int(keep as i64 + starting_truncation);
                match token.iter_mut().find(|(k, _)| k == "boto_truncate_amount") {
                    Some(slot) => slot.1 = amount,
                    None => token.push(("boto_truncate_amount".to_owned(), amount)),
                }
                self.phase = Phase::Done;
                self.resume_token = Some(self.checked_encode(&token)?);
                return Ok(page);
            }
        }
        self.total += n;
        let next = self.next_token(&page);
        if next.iter().all(|(_, v)| matches!(v, TokenValue::Null)) {
            self.phase = Phase::Done;
        } else if self.config.max_items == Some(self.total) {
            self.phase = Phase::Done;
            self.resume_token = Some(self.checked_encode(&next)?);
        } else if self.previous.as_ref().is_some_and(|prev| TokenValue::Map(prev.clone()) == TokenValue::Map(next.clone())) {
            let message = format!("The same next token was received twice: {}", TokenValue::Map(next.clone()).py_repr());
            self.pending = Some(PaginationError::DuplicateToken { message, token: next });
        } else {
            if let Err(e) = self.inject(&next) {
                self.pending = Some(PaginationError::Token(e));
            }
            self.previous = Some(next.clone());
            self.sent = next;
            self.phase = Phase::Ready;
        }
        Ok(page)
    }

    /// The fetcher failed: iteration is over; returns the resume token for
    /// the position before the failed call.
    fn on_fetch_error(&mut self) -> Option<String> {
        self.phase = Phase::Done;
        if self.first_request {
            self.config.starting_token.clone()
        } else {
            Some(token::encode_token(&self.sent))
        }
    }

    /// botocore's `_get_next_token`.
    fn next_token(&self, page: &P::Output) -> TokenMap {
        if self.glue.more_results(page) == Some(false) {
            return Vec::new();
        }
        self.glue
            .output_tokens(page)
            .into_iter()
            .zip(&self.input_tokens)
            .map(|(value, name)| {
                let value = value.filter(TokenValue::is_truthy).unwrap_or(TokenValue::Null);
                (name.clone(), value)
            })
            .collect()
    }

    /// botocore's `resume_token` setter: the keys must be the input tokens
    /// (plus `boto_truncate_amount`).
    fn checked_encode(&self, token: &TokenMap) -> Result<String, EngineError> {
        let mut expected: Vec<&str> = self.input_tokens.iter().map(String::as_str).collect();
        if token.iter().any(|(k, _)| k == "boto_truncate_amount") {
            expected.push("boto_truncate_amount");
        }
        expected.sort_unstable();
        let mut actual: Vec<&str> = token.iter().map(|(k, _)| k.as_str()).collect();
        actual.sort_unstable();
        if expected == actual {
            Ok(token::encode_token(token))
        } else {
            Err(PaginationError::BadStartingToken {
                message: format!("Bad starting token: {}", TokenValue::Map(token.clone()).py_repr()),
            })
        }
    }
}

fn page_size_error(e: GlueError) -> EngineError {
    match e {
        GlueError::NoLimitKey => PaginationError::PageSizeUnsupported,
        other => PaginationError::Token(other),
    }
}

/// Accumulates `build_full_result`.
struct FullBuilder<O> {
    output: O,
    first: bool,
}

impl<O: Default> FullBuilder<O> {
    fn new() -> Self {
        FullBuilder { output: O::default(), first: true }
    }

    fn add<P: Paginate<Output = O>>(&mut self, glue: &P, page: O) {
        if self.first {
            glue.copy_non_aggregate(&mut self.output, &page);
            self.first = false;
        }
        glue.merge(&mut self.output, page);
    }
}

// ---------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------

/// A paginated request: the glue, the caller's request and the
/// [`PaginationConfig`]. Cheap to clone; every iterator or stream made from
/// it starts from the same request.
#[derive(Clone, Debug)]
pub struct Paginator<P: Paginate> {
    glue: P,
    input: P::Input,
    config: PaginationConfig,
}

impl<P: Paginate> Paginator<P> {
    /// A paginator for `input`. Nothing is checked or fetched yet.
    pub fn new(glue: P, input: P::Input, config: PaginationConfig) -> Self {
        Paginator { glue, input, config }
    }

    /// The pagination config.
    pub fn config(&self) -> &PaginationConfig {
        &self.config
    }

    /// Blocking page iterator; `fetch` sends one request.
    pub fn pages<F, E>(self, fetch: F) -> Pages<P, F>
    where
        F: FnMut(P::Input) -> Result<P::Output, E>,
    {
        Pages { machine: Machine::new(self.glue, self.input, self.config), fetch }
    }

    /// Blocking iterator over the primary result key's items.
    pub fn items<F, E>(self, fetch: F) -> Items<P, F>
    where
        F: FnMut(P::Input) -> Result<P::Output, E>,
    {
        Items { pages: self.pages(fetch), buffer: Vec::new().into_iter() }
    }

    /// Async stream of pages; `fetch` returns a future that sends one request.
    pub fn stream<F, Fut, E>(self, fetch: F) -> PageStream<P, F, Fut>
    where
        F: FnMut(P::Input) -> Fut,
        Fut: Future<Output = Result<P::Output, E>>,
    {
        PageStream { machine: Machine::new(self.glue, self.input, self.config), fetch, in_flight: None }
    }

    /// Async stream of the primary result key's items.
    pub fn item_stream<F, Fut, E>(self, fetch: F) -> ItemStream<P, F, Fut>
    where
        F: FnMut(P::Input) -> Fut,
        Fut: Future<Output = Result<P::Output, E>>,
    {
        ItemStream { pages: self.stream(fetch), buffer: Vec::new().into_iter() }
    }
}

/// Blocking iterator of pages (see [`Paginator::pages`]). Ends after the
/// last page or after the first error.
pub struct Pages<P: Paginate, F> {
    machine: Machine<P>,
    fetch: F,
}

impl<P: Paginate, F> Pages<P, F> {
    /// botocore's `resume_token`: set when MaxItems stopped iteration (a
    /// truncated page, or exactly at a page boundary with more to come).
    pub fn resume_token(&self) -> Option<&str> {
        self.machine.resume_token.as_deref()
    }

    /// The glue.
    pub fn glue(&self) -> &P {
        &self.machine.glue
    }
}

impl<P, F, E> Iterator for Pages<P, F>
where
    P: Paginate,
    F: FnMut(P::Input) -> Result<P::Output, E>,
{
    type Item = Result<P::Output, PaginationError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = match self.machine.next_request() {
            Ok(Some(r)) => r,
            Ok(None) => return None,
            Err(e) => return Some(Err(e.widen())),
        };
        Some(match (self.fetch)(request) {
            Ok(output) => self.machine.on_page(output).map_err(PaginationError::widen),
            Err(source) => Err(PaginationError::Fetch { source, resume_token: self.machine.on_fetch_error() }),
        })
    }
}

impl<P, F, E> Pages<P, F>
where
    P: Paginate,
    P::Output: Default,
    F: FnMut(P::Input) -> Result<P::Output, E>,
{
    /// botocore's `build_full_result()`: runs the iteration to its end and
    /// merges every page.
    pub fn build_full_result(mut self) -> Result<FullResult<P::Output>, PaginationError<E>> {
        let mut builder = FullBuilder::new();
        while let Some(page) = self.next() {
            builder.add(&self.machine.glue, page?);
        }
        Ok(FullResult { output: builder.output, resume_token: self.machine.resume_token })
    }
}

/// Blocking iterator of the primary result key's items (see
/// [`Paginator::items`]).
pub struct Items<P: Paginate, F> {
    pages: Pages<P, F>,
    buffer: std::vec::IntoIter<<P::Primary as ResultList>::Item>,
}

impl<P: Paginate, F> Items<P, F> {
    /// See [`Pages::resume_token`] (page-granular: valid once the items of
    /// the last page have been taken).
    pub fn resume_token(&self) -> Option<&str> {
        self.pages.resume_token()
    }
}

impl<P, F, E> Iterator for Items<P, F>
where
    P: Paginate,
    F: FnMut(P::Input) -> Result<P::Output, E>,
{
    type Item = Result<<P::Primary as ResultList>::Item, PaginationError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(mut page) => {
                    let items = self.pages.machine.glue.primary(&mut page).map(ResultList::take_items);
                    self.buffer = items.unwrap_or_default().into_iter();
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Async stream of pages (see [`Paginator::stream`]). Each request's future
/// is boxed; the stream is `Unpin`.
pub struct PageStream<P: Paginate, F, Fut> {
    machine: Machine<P>,
    fetch: F,
    in_flight: Option<Pin<Box<Fut>>>,
}

// Sound: no field is structurally pinned (the in-flight future is boxed).
impl<P: Paginate, F, Fut> Unpin for PageStream<P, F, Fut> {}

impl<P: Paginate, F, Fut> PageStream<P, F, Fut> {
    /// See [`Pages::resume_token`].
    pub fn resume_token(&self) -> Option<&str> {
        self.machine.resume_token.as_deref()
    }

    /// The glue.
    pub fn glue(&self) -> &P {
        &self.machine.glue
    }
}

impl<P, F, Fut, E> Stream for PageStream<P, F, Fut>
where
    P: Paginate,
    F: FnMut(P::Input) -> Fut,
    Fut: Future<Output = Result<P::Output, E>>,
{
    type Item = Result<P::Output, PaginationError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(fut) = this.in_flight.as_mut() {
                let result = match fut.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(r) => r,
                };
                this.in_flight = None;
                return Poll::Ready(Some(match result {
                    Ok(output) => this.machine.on_page(output).map_err(PaginationError::widen),
                    Err(source) => Err(PaginationError::Fetch { source, resume_token: this.machine.on_fetch_error() }),
                }));
            }
            match this.machine.next_request() {
                Ok(Some(request)) => this.in_flight = Some(Box::pin((this.fetch)(request))),
                Ok(None) => return Poll::Ready(None),
                Err(e) => return Poll::Ready(Some(Err(e.widen()))),
            }
        }
    }
}

impl<P, F, Fut, E> PageStream<P, F, Fut>
where
    P: Paginate,
    P::Output: Default,
    F: FnMut(P::Input) -> Fut,
    Fut: Future<Output = Result<P::Output, E>>,
{
    /// botocore's `build_full_result()`, async.
    pub async fn build_full_result(mut self) -> Result<FullResult<P::Output>, PaginationError<E>> {
        use futures::StreamExt as _;
        let mut builder = FullBuilder::new();
        while let Some(page) = self.next().await {
            builder.add(&self.machine.glue, page?);
        }
        Ok(FullResult { output: builder.output, resume_token: self.machine.resume_token })
    }
}

/// Async stream of the primary result key's items (see
/// [`Paginator::item_stream`]).
pub struct ItemStream<P: Paginate, F, Fut> {
    pages: PageStream<P, F, Fut>,
    buffer: std::vec::IntoIter<<P::Primary as ResultList>::Item>,
}

// Sound: no field is structurally pinned.
impl<P: Paginate, F, Fut> Unpin for ItemStream<P, F, Fut> {}

impl<P: Paginate, F, Fut> ItemStream<P, F, Fut> {
    /// See [`Pages::resume_token`].
    pub fn resume_token(&self) -> Option<&str> {
        self.pages.resume_token()
    }
}

impl<P, F, Fut, E> Stream for ItemStream<P, F, Fut>
where
    P: Paginate,
    F: FnMut(P::Input) -> Fut,
    Fut: Future<Output = Result<P::Output, E>>,
{
    type Item = Result<<P::Primary as ResultList>::Item, PaginationError<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(mut page))) => {
                    let items = this.pages.machine.glue.primary(&mut page).map(ResultList::take_items);
                    this.buffer = items.unwrap_or_default().into_iter();
                }
            }
        }
    }
}

//! The blocking client's support: a Tokio runtime owned by the client
//! ([`BlockingRuntime`]) and paginators wired to it as plain `Iterator`s
//! ([`BlockingPaginator`]). A generated `BlockingClient` has the same
//! methods as the async `Client`, minus `.await`; both are made from the
//! same [`Config`] and share its connection pool, credentials
//! cache and retry quota.
//!
//! Do not call a blocking method from inside an async runtime (Tokio panics
//! with "Cannot start a runtime from within a runtime"): use the async
//! client there.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use super::{ClientPaginator, Config, ConfigBuilder, ConfigError, ServiceClient};
use crate::http::{Operation, SdkError};
use crate::paginator::{FullResult, Items, Pages, Paginate, PaginationConfig, PaginationError};

/// A current-thread Tokio runtime that blocking calls run on; cheap to
/// clone (shared).
#[derive(Clone)]
pub struct BlockingRuntime(Arc<tokio::runtime::Runtime>);

impl fmt::Debug for BlockingRuntime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlockingRuntime")
    }
}

impl BlockingRuntime {
    /// A new runtime (timers and I/O enabled).
    pub fn new() -> Result<Self, ConfigError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ConfigError::HttpClient(Box::new(e)))?;
        Ok(BlockingRuntime(Arc::new(runtime)))
    }

    /// Runs `future` to completion on this runtime.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.0.block_on(future)
    }
}

impl ConfigBuilder {
    /// [`load`](Self::load) for programs without an async runtime.
    pub fn load_blocking(self) -> Result<Config, ConfigError> {
        BlockingRuntime::new()?.block_on(self.load())
    }
}

impl Config {
    /// [`from_env`](Self::from_env) for programs without an async runtime.
    pub fn from_env_blocking() -> Result<Config, ConfigError> {
        Self::builder().load_blocking()
    }
}

/// The fetcher of a blocking paginator: one blocking client call per page.
pub type BlockingFetch<O> = Box<
    dyn FnMut(<O as Operation>::Input) -> Result<<O as Operation>::Output, SdkError<<O as Operation>::Error>> + Send,
>;

/// An `Iterator` of pages from a blocking client, with `resume_token()`.
pub type BlockingPages<P, O> = Pages<P, BlockingFetch<O>>;

/// An `Iterator` of items from a blocking client, with `resume_token()`.
pub type BlockingItems<P, O> = Items<P, BlockingFetch<O>>;

/// A paginator bound to a blocking client: [`pages`](Self::pages) and
/// [`items`](Self::items) are `Iterator`s (one call per page, nothing sent
/// before the first `next()`), [`build_full_result`](Self::build_full_result)
/// merges every page.
pub struct BlockingPaginator<P: Paginate, O> {
    inner: ClientPaginator<P, O>,
    runtime: BlockingRuntime,
    operation: PhantomData<fn() -> O>,
}

impl<P: Paginate + fmt::Debug, O> fmt::Debug for BlockingPaginator<P, O>
where
    P::Input: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingPaginator").field("inner", &self.inner).finish()
    }
}

impl<P, O> BlockingPaginator<P, O>
where
    P: Paginate<Input = O::Input, Output = O::Output>,
    O: Operation + 'static,
    O::Input: Send + 'static,
    O::Output: Send + 'static,
    O::Error: Send + 'static,
{
    /// Wires `paginator` to `runtime`.
    pub fn new(paginator: ClientPaginator<P, O>, runtime: BlockingRuntime) -> Self {
        BlockingPaginator { inner: paginator, runtime, operation: PhantomData }
    }

    /// The pagination config.
    pub fn config(&self) -> &PaginationConfig {
        self.inner.config()
    }

    fn fetcher(client: ServiceClient, runtime: BlockingRuntime) -> BlockingFetch<O> {
        Box::new(move |input| runtime.block_on(client.send::<O>(input)))
    }

    /// An `Iterator` of pages.
    pub fn pages(self) -> BlockingPages<P, O> {
        let (client, paginator) = self.inner.into_parts();
        paginator.pages(Self::fetcher(client, self.runtime))
    }

    /// An `Iterator` of the primary result key's items.
    pub fn items(self) -> BlockingItems<P, O> {
        let (client, paginator) = self.inner.into_parts();
        paginator.items(Self::fetcher(client, self.runtime))
    }

    /// botocore's `build_full_result()`: every page merged, and the resume
    /// token when `max_items` stopped early.
    pub fn build_full_result(self) -> Result<FullResult<O::Output>, PaginationError<SdkError<O::Error>>>
    where
        O::Output: Default,
    {
        self.pages().build_full_result()
    }
}

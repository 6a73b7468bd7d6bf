//! The async client glue: `src/client.rs`, compiled with the generated
//! crate's `client` cargo feature (services whose protocol has a codec).
//!
//! Everything generic (configuration, credentials, signing, transport,
//! retries, paginator streams) is `awsgen_runtime::client`; the generated
//! file holds the service's [`ServiceInfo`](awsgen_runtime) constant and a
//! `Client` with one short method per operation (`send::<Operation>`) and one
//! per paginator (`paginator(paginators::…)`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::http::{has_operations, op_names};
use super::Ctx;
use crate::error::Result;
use crate::naming::{self, ident};

/// Method names `Client` defines itself; an operation with one of these
/// names gets the suffix `_operation`.
const RESERVED: &[&str] = &["new", "from_env", "from_async", "service_client", "region", "endpoint", "clone", "fmt"];

/// The client method of operation `op` (its snake_case name, with the
/// suffix `_operation` when `Client` defines that name itself).
pub(crate) fn method_name(op: &str) -> String {
    let mut name = naming::field_names([op])[0].clone();
    if RESERVED.contains(&name.as_str()) {
        name.push_str("_operation");
    }
    name
}

/// The client method of `op`'s paginator: `self_` (an operation named
/// `Self`) gives `self_paginator`.
pub(crate) fn paginator_method_name(op: &str) -> String {
    format!("{}_paginator", method_name(op).trim_end_matches('_'))
}

/// Whether the generated crate gets a client (the same services as
/// `operations`).
pub(crate) fn has_client(model: &crate::ir::Model) -> bool {
    has_operations(model)
}

/// Emits `src/client.rs`, or nothing when the service has no operations.
pub(crate) fn emit(ctx: &Ctx) -> Result<Option<TokenStream>> {
    let model = ctx.model;
    if !has_client(model) {
        return Ok(None);
    }
    let svc = &model.service;
    let krate = &ctx.crate_ident;
    let service_name = if svc.full_name.is_empty() { svc.service_id.clone() } else { svc.full_name.clone() };
    let ops = op_names(ctx)?;
    let codec = super::protocols::codec(model).expect("has_operations: the protocol has a codec");

    let mut methods = Vec::new();
    let mut blocking = Vec::new();
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    let mut method_of = std::collections::BTreeMap::new();
    for (op, _) in &ops {
        let name = method_name(&op.name);
        if !taken.insert(name.clone()) {
            return Err(ctx.error(format!("operations.{}", op.name), format!("the client method `{name}` is taken")));
        }
        method_of.insert(op.name.clone(), name);
    }
    for (op, names) in &ops {
        let method = ident(&method_of[&op.name]);
        let op_ty = ident(&names.op);
        let err_ty = ident(&names.error);
        let output_ty = match &op.output {
            Some(s) => ctx.type_path(s),
            None => quote!(()),
        };
        let (param, arg) = match &op.input {
            Some(s) => {
                let ty = ctx.type_path(s);
                (quote!(, input: #ty), quote!(input))
            }
            None => (quote!(), quote!(())),
        };
        let (http_method, http_uri) = codec.method_and_uri(ctx, op);
        let docs = super::http::operation_docs(
            op,
            true,
            format!(
                "Sends [`{0}`](crate::operations::{0}) (`{1} {2}`); errors are [`{3}`](crate::operations::{3}).",
                names.op, http_method, http_uri, names.error
            ),
        );
        let docs = docs.iter().map(|l| format!(" {l}"));
        let deprecated = super::types::deprecated_attr(op.deprecated.as_ref());
        methods.push(quote! {
            #(#[doc = #docs])*
            #deprecated
            pub async fn #method(&self #param) -> Result<#output_ty, SdkError<crate::operations::#err_ty>> {
                self.inner.send::<crate::operations::#op_ty>(#arg).await
            }
        });
        let blocking_doc = format!(" [`Client::{0}`], blocking.", method_of[&op.name]);
        blocking.push(quote! {
            #[doc = #blocking_doc]
            #deprecated
            pub fn #method(&self #param) -> Result<#output_ty, SdkError<crate::operations::#err_ty>> {
                self.runtime.block_on(self.inner.send::<crate::operations::#op_ty>(#arg))
            }
        });
    }

    let mut paginator_example = None;
    for p in model.paginators.values() {
        let Some((op, names)) = ops.iter().find(|(op, _)| op.name == p.operation) else {
            return Err(ctx.error(format!("pagination.{}", p.operation), "paginator for an unknown operation"));
        };
        let Some(input) = &op.input else {
            return Err(ctx.error(format!("pagination.{}", p.operation), "paginated operation without input"));
        };
        let base = &method_of[&op.name];
        let name = paginator_method_name(&op.name);
        if !taken.insert(name.clone()) {
            return Err(ctx.error(format!("pagination.{}", p.operation), format!("the client method `{name}` is taken")));
        }
        let method = format_ident!("{name}");
        let (glue, function) = super::paginators::names(&p.operation);
        let (glue, function) = (ident(&glue), ident(&function));
        let op_ty = ident(&names.op);
        let input_ty = ctx.type_path(input);
        let doc = format!(
            // rustdoc resolves keywords in links by their plain name (`Self::box`), not `r#box`.
            " A paginator over [`{base}`](Self::{base}), wired to this client (boto3's \
             `client.get_paginator(\"{base}\").paginate(…)`): `.pages()` and `.items()` are \
             `futures::Stream`s that keep `resume_token()`."
        );
        let deprecated = super::types::deprecated_attr(op.deprecated.as_ref());
        methods.push(quote! {
            #[doc = #doc]
            #deprecated
            pub fn #method(
                &self,
                input: #input_ty,
                config: PaginationConfig,
            ) -> ClientPaginator<crate::paginators::#glue, crate::operations::#op_ty> {
                self.inner.paginator(crate::paginators::#function(input, config))
            }
        });
        let blocking_doc = format!(
            " [`Client::{name}`], blocking: `.pages()` and `.items()` are `Iterator`s that keep `resume_token()`."
        );
        blocking.push(quote! {
            #[doc = #blocking_doc]
            #deprecated
            pub fn #method(
                &self,
                input: #input_ty,
                config: PaginationConfig,
            ) -> BlockingPaginator<crate::paginators::#glue, crate::operations::#op_ty> {
                BlockingPaginator::new(self.inner.paginator(crate::paginators::#function(input, config)), self.runtime.clone())
            }
        });
        if paginator_example.is_none() && op.deprecated.is_none() {
            paginator_example = Some((name, ctx.type_names[input].clone(), op.name.clone()));
        }
    }

    // A compiled (not run) example for the module docs.
    // The call: the paginated operation of the example (its input needs no
    // member), else the first operation.
    let example_op = paginator_example.as_ref().map(|(_, _, op)| op.as_str());
    let (call_op, _) = ops
        .iter()
        .find(|(op, _)| Some(op.name.as_str()) == example_op)
        .or_else(|| ops.iter().find(|(op, _)| op.deprecated.is_none()))
        .or(ops.first())
        .expect("has_operations: at least one operation");
    let call_method = &method_of[&call_op.name];
    let mut types = Vec::new();
    let call_expr = match &call_op.input {
        Some(s) => {
            let ty = &ctx.type_names[s];
            types.push(ty.clone());
            format!("client.{}({ty}::default()).await", ident(call_method))
        }
        None => format!("client.{}().await", ident(call_method)),
    };
    let mut uses = String::new();
    let mut pag_block = String::new();
    if let Some((method, input_ty, _)) = &paginator_example {
        uses.push_str(&format!("use {krate}::paginators::PaginationConfig;\nuse futures::TryStreamExt;\n"));
        if !types.contains(input_ty) {
            types.push(input_ty.clone());
        }
        pag_block = format!(
            r#"
    // Every page of a paginated operation, as a stream; MaxItems stops early
    // and leaves a token to resume from (as `--starting-token` in the AWS CLI).
    let config = PaginationConfig::default().max_items(100);
    let mut items = client.{method}({input_ty}::default(), config).items();
    while let Some(item) = items.try_next().await? {{
        println!("{{item:?}}");
    }}
    if let Some(token) = items.resume_token() {{
        println!("more after {{token}}");
    }}
"#
        );
    }
    if !types.is_empty() {
        let list = if types.len() == 1 { types[0].clone() } else { format!("{{{}}}", types.join(", ")) };
        uses.push_str(&format!("use {krate}::types::{list};\n"));
    }
    let example = format!(
        r#"# Example

```no_run
use {krate}::client::{{Client, Config, Credentials}};
{uses}
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {{
    // Region, credentials and endpoint from the environment and ~/.aws:
    let client = Client::from_env().await?;
    // … or explicitly (any setting left out comes from the environment):
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::from_keys("AKID", "SECRET", None))
        .endpoint_url("http://127.0.0.1:5000")
        .load()
        .await?;
    let client2 = Client::new(&config);
    # let _ = client2;

    let output = {call_expr}?;
    println!("{{output:?}}");
{pag_block}    Ok(())
}}
```"#
    );
    let example_lines: Vec<String> = example.lines().map(|l| format!(" {l}").trim_end().to_string()).collect();

    let module_doc = [
        format!(" An async client for {service_name} (cargo feature `client`)."),
        String::new(),
        " [`Client`] has an async method per operation, taking the operation's input and returning its".into(),
        " output or an [`SdkError`] of the operation's error enum, and for every paginated operation a".into(),
        " `…_paginator` method whose [`ClientPaginator`] gives `futures::Stream`s of pages or items.".into(),
        String::new(),
        format!(
            " Requests go to `https://{}.{{region}}.amazonaws.com` (or the configured endpoint URL), signed",
            svc.endpoint_prefix
        ),
        format!(" with SigV4 for `{}`. Region, credentials, retries and timeouts: see [`Config`].", svc.signing_name),
        " Unset idempotency tokens are filled with a UUID v4. A Tokio runtime is required.".into(),
        String::new(),
        " [`BlockingClient`] has the same methods without `async` (its paginators are `Iterator`s), for".into(),
        " programs without an async runtime; it runs its own and can share a [`Config`] with [`Client`].".into(),
        String::new(),
    ];
    let module_doc = module_doc.iter().chain(example_lines.iter()).map(|l| quote!(#![doc = #l]));

    let (service_id, endpoint_prefix, signing_name, api_version) =
        (&svc.service_id, &svc.endpoint_prefix, &svc.signing_name, &svc.api_version);
    let client_doc = format!(" An async client for {service_name}: one method per operation (see the [module docs](self)).");
    let new_doc = format!(
        " A client with `config`; requests go to `https://{endpoint_prefix}.{{region}}.amazonaws.com` unless \
         the config has an endpoint URL."
    );
    let blocking_client_doc = format!(
        " A blocking client for {service_name}: the methods of [`Client`] without `async`; paginators are `Iterator`s."
    );
    let blocking_use = format!(" use {krate}::client::{{BlockingClient, Config}};");
    let paginators_use = (!model.paginators.is_empty()).then(|| {
        quote! {
            pub use crate::paginators::PaginationConfig;
        }
    });
    Ok(Some(quote! {
        #(#module_doc)*

        pub use ::awsgen_runtime::client::{
            BlockingItems, BlockingPages, BlockingPaginator, BlockingRuntime, ClientItemStream, ClientPageStream,
            ClientPaginationError, ClientPaginator, Config, ConfigBuilder, ConfigError, Credentials, ProvideCredentials,
            RetryConfig, RetryMode, ServiceClient, ServiceInfo, TimeoutConfig,
        };
        pub use ::awsgen_runtime::http::{DispatchError, DispatchErrorKind, SdkError};
        #paginators_use

        /// The service's facts from its model: `serviceId`, endpoint prefix, SigV4 signing name, API version.
        pub const SERVICE: ServiceInfo = ServiceInfo {
            service_id: #service_id,
            endpoint_prefix: #endpoint_prefix,
            signing_name: #signing_name,
            api_version: #api_version,
        };

        #[doc = #client_doc]
        ///
        /// Cheap to clone (the connection pool and credentials cache are shared).
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ServiceClient,
        }

        impl Client {
            #[doc = #new_doc]
            pub fn new(config: &Config) -> Self {
                Client { inner: ServiceClient::new(config, SERVICE) }
            }

            /// A client configured from the environment and the shared config and credentials
            /// files ([`Config::from_env`]).
            pub async fn from_env() -> Result<Self, ConfigError> {
                Ok(Self::new(&Config::from_env().await?))
            }

            /// The generic client underneath: `send::<operations::…>(input)` calls any operation.
            pub fn service_client(&self) -> &ServiceClient {
                &self.inner
            }

            /// The region requests are signed for.
            pub fn region(&self) -> &str {
                self.inner.region()
            }

            /// The endpoint requests go to.
            pub fn endpoint(&self) -> &str {
                self.inner.endpoint()
            }

            #(#methods)*
        }

        #[doc = #blocking_client_doc]
        ///
        /// Do not call it from inside an async runtime (use [`Client`] there). Cheap to clone.
        ///
        /// ```no_run
        #[doc = #blocking_use]
        /// let client = BlockingClient::from_env()?;
        /// // or: BlockingClient::new(&Config::builder().region("us-east-1").load_blocking()?)?
        /// # let _ = client;
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone)]
        pub struct BlockingClient {
            inner: ServiceClient,
            runtime: BlockingRuntime,
        }

        impl BlockingClient {
            /// A blocking client with `config` (which may also serve async [`Client`]s).
            pub fn new(config: &Config) -> Result<Self, ConfigError> {
                Ok(BlockingClient { inner: ServiceClient::new(config, SERVICE), runtime: BlockingRuntime::new()? })
            }

            /// A blocking client configured from the environment and the shared config and
            /// credentials files.
            pub fn from_env() -> Result<Self, ConfigError> {
                let runtime = BlockingRuntime::new()?;
                let config = runtime.block_on(Config::from_env())?;
                Ok(BlockingClient { inner: ServiceClient::new(&config, SERVICE), runtime })
            }

            /// A blocking client sharing an async client's configuration.
            pub fn from_async(client: &Client) -> Result<Self, ConfigError> {
                Ok(BlockingClient { inner: client.inner.clone(), runtime: BlockingRuntime::new()? })
            }

            /// The generic client underneath.
            pub fn service_client(&self) -> &ServiceClient {
                &self.inner
            }

            /// The region requests are signed for.
            pub fn region(&self) -> &str {
                self.inner.region()
            }

            /// The endpoint requests go to.
            pub fn endpoint(&self) -> &str {
                self.inner.endpoint()
            }

            #(#blocking)*
        }
    }))
}

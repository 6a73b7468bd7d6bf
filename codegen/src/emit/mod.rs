//! The Rust emitter: reads only the [`ir`](crate::ir), returns files.
//!
//! Code is built as token streams with `quote` and formatted with
//! `prettyplease`; nothing is emitted as unchecked strings except each file's
//! one-line header and the generated crate's `Cargo.toml`.

mod client;
mod customizations;
mod http;
mod paginators;
mod protocols;
mod recursion;
pub mod surface;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::Result;
use crate::ir::{Model, ShapeKind};
use crate::naming;

/// What the emitter needs besides the model.
#[derive(Debug, Clone)]
pub struct Options {
    /// Package name of the generated crate (e.g. `bedrock`).
    pub crate_name: String,
    /// The model's path, named in the header of each file (e.g.
    /// `models/bedrock`).
    pub source: String,
    /// Which release of the model it is (e.g. `botocore 1.44.8`), recorded
    /// once: in `Cargo.toml`'s `[package.metadata.awsgen]` and the `lib.rs`
    /// docs, never in every file's header (an update then touches only the
    /// files it really changes).
    pub model_version: Option<String>,
    /// Path from the generated crate to the `awsgen-runtime` crate.
    pub runtime_path: String,
    /// The version in the generated `Cargo.toml`.
    pub version: String,
    /// Whether to generate the client (`client::Client`, cargo feature `client`).
    pub client: bool,
    /// Generate only these operations and the shapes they reach (see
    /// [`subset`](crate::subset::subset)); `None` generates every operation.
    pub operations: Option<Vec<String>>,
    /// How many modules the files of `types/` and of `operations/` are each
    /// compiled as ([`DEFAULT_PARTS`] unless configured; see there).
    pub parts: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: String::new(),
            source: String::new(),
            model_version: None,
            runtime_path: String::new(),
            version: "0.1.0".into(),
            client: true,
            operations: None,
            parts: DEFAULT_PARTS,
        }
    }
}

impl Options {
    /// Options for crate `crate_name` generated from the model at `source`,
    /// version 0.1.0, with no model release recorded and the runtime at
    /// `../runtime`.
    pub fn new(crate_name: impl Into<String>, source: impl Into<String>) -> Self {
        Options {
            crate_name: crate_name.into(),
            source: source.into(),
            runtime_path: "../runtime".into(),
            ..Default::default()
        }
    }
}

/// The generated files, by path relative to the crate root, in a
/// deterministic order.
pub type Files = BTreeMap<PathBuf, String>;

/// Resolved names and facts about the model that every emitted item needs.
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    /// [`Options::parts`].
    pub parts: u32,
    /// Rust type name of each shape that becomes a generated type.
    pub type_names: BTreeMap<String, String>,
    /// Module (file) name of each generated type, by shape name.
    pub module_names: BTreeMap<String, String>,
    /// (shape, member) pairs whose field must be boxed to break a cycle.
    pub boxed: BTreeSet<(String, String)>,
    /// Where the model came from, for error messages.
    pub source: String,
    /// The generated crate's name as a Rust path (`bedrock`, `kitchen_sink`),
    /// for doc examples.
    pub crate_ident: String,
    /// Whether the crate gets a client (docs link to it only then).
    pub client: bool,
    /// Index of each shape in the XML schema table (XML protocols only).
    pub xml_ids: BTreeMap<String, u16>,
    /// The shapes some operation returns as an error.
    pub operation_errors: BTreeSet<String>,
    /// JSON protocols: the shapes request bodies write. They implement
    /// `to_json::ToJson`; responses are read by `json::FromJson`, so every
    /// serde impl (but those of `token_shapes`) is only compiled with the
    /// crate's `serde` feature. `None` for protocols that read and write
    /// bodies through serde: every serde impl is always compiled.
    pub request_shapes: Option<BTreeSet<String>>,
    /// The shapes a paginator's resume token carries (DynamoDB's
    /// `ExclusiveStartKey`): tokens are JSON written and read with serde, so
    /// their serde impls are always compiled.
    pub token_shapes: BTreeSet<String>,
}

/// Whether a shape becomes a generated Rust type (the rest map to
/// primitives, `Vec`, `IndexMap`, chrono or serde_json types).
pub(crate) fn is_generated_type(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Structure { .. } | ShapeKind::Union { .. } | ShapeKind::Enum(_)
    )
}

impl<'a> Ctx<'a> {
    /// An error about the model, naming where in it the problem is.
    pub fn error(&self, at: impl Into<String>, message: impl Into<String>) -> crate::error::Error {
        crate::error::Error::Model {
            path: PathBuf::from(&self.source),
            at: at.into(),
            message: message.into(),
        }
    }

    /// The shape `name`, or an error at `at` naming it.
    pub fn shape_of(&self, name: &str, at: &str) -> Result<&'a crate::ir::Shape> {
        self.model
            .shapes
            .get(name)
            .ok_or_else(|| self.error(at, format!("unknown shape `{name}`")))
    }

    /// Names come from `full`, the whole model, so that a type keeps its
    /// name (and file) in a crate of an operation subset; `model` is what is
    /// generated.
    pub fn new(full: &Model, model: &'a Model, opts: &Options) -> Self {
        let generated: Vec<&str> = full
            .shapes
            .iter()
            .filter(|(_, s)| is_generated_type(&s.kind))
            .map(|(name, _)| name.as_str())
            .collect();
        let mut type_names = naming::type_names(generated.iter().copied());
        let modules = naming::module_names(generated.iter().map(|n| type_names[*n].as_str()));
        let mut module_names: BTreeMap<String, String> = generated.iter().map(|n| n.to_string()).zip(modules).collect();
        type_names.retain(|shape, _| model.shapes.contains_key(shape));
        module_names.retain(|shape, _| model.shapes.contains_key(shape));
        Ctx {
            model,
            type_names,
            module_names,
            boxed: recursion::boxed_members(full),
            source: opts.source.clone(),
            crate_ident: opts.crate_name.replace('-', "_"),
            client: opts.client,
            parts: opts.parts.max(1),
            xml_ids: protocols::xml::shape_ids(model),
            operation_errors: model.operations.values().flat_map(|op| op.errors.iter().cloned()).collect(),
            request_shapes: model
                .service
                .protocol
                .is_json()
                .then(|| crate::subset::reachable(model, model.operations.values().flat_map(|op| &op.input))),
            token_shapes: crate::subset::reachable(model, &token_roots(model)),
        }
    }

    /// Whether the crate has a `serde` feature (see [`Ctx::request_shapes`]).
    pub fn serde_feature(&self) -> bool {
        self.request_shapes.is_some()
    }

    /// The `cfg` of a serde impl (see [`Ctx::request_shapes`]).
    pub(super) fn serde_cfg(&self, shape: &str) -> TokenStream {
        if self.request_shapes.is_some() && !self.token_shapes.contains(shape) {
            quote!(#[cfg(feature = "serde")])
        } else {
            quote!()
        }
    }

    /// Whether a request body writes the shape: it implements `ToJson`.
    pub(super) fn writes_json(&self, shape: &str) -> bool {
        self.request_shapes.as_ref().is_some_and(|requests| requests.contains(shape))
    }
}

/// The member targets paginator tokens start from: each input token
/// member, and the output member each output token expression starts at
/// (the whole member: a path may go deeper).
fn token_roots(model: &Model) -> Vec<String> {
    let mut roots = Vec::new();
    for p in model.paginators.values() {
        let Some(op) = model.operations.get(&p.operation) else { continue };
        let members = |shape: &Option<String>| {
            shape.as_ref().and_then(|s| model.shapes.get(s)).map(|s| s.kind.members()).unwrap_or_default()
        };
        let (input, output) = (members(&op.input), members(&op.output));
        for name in &p.input_token {
            roots.extend(input.iter().filter(|m| &m.name == name).map(|m| m.target.clone()));
        }
        for expr in &p.output_token {
            let firsts = expr.split("||").map(|path| path.trim().split(['.', '[']).next().unwrap_or_default());
            for first in firsts {
                roots.extend(output.iter().filter(|m| m.name == first).map(|m| m.target.clone()));
            }
        }
    }
    roots
}

/// The header line every generated file starts with: generated, from which
/// model path (no release: that is recorded once, see [`Options::model_version`]).
fn header(comment: &str, opts: &Options) -> String {
    format!(
        "{comment} @generated by `cargo xtask codegen` from {}. Do not edit: regenerate instead.\n",
        opts.source
    )
}

/// Formats a token stream as a Rust file with the generated-file header.
pub(crate) fn rust_file(tokens: TokenStream, opts: &Options) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| crate::error::Error::Model {
        path: PathBuf::from("<emitter>"),
        at: "generated code".into(),
        message: format!("the emitter produced invalid Rust: {e}"),
    })?;
    let code = prettyplease::unparse(&file);
    Ok(format!("{}\n{}", header("//", opts), space_items(&code)))
}

/// prettyplease puts no blank line between items; add one after every item
/// or method that ends on its own line (`}` at the item's indentation), so
/// the generated code reads like hand-written code.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut lines = code.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        // A closing brace at item indentation, or a one-line item such as
        // `pub struct Empty {}`.
        let closes_item = line == "}" || line == "    }" || (line.ends_with("{}") && !line.starts_with(' '));
        if let Some(next) = lines.peek() {
            let indent = line.len() - line.trim_start().len();
            let next_indent = next.len() - next.trim_start().len();
            if closes_item && !next.is_empty() && next_indent == indent && !next.trim_start().starts_with('}') {
                out.push('\n');
            }
        }
    }
    out
}

/// Generates the whole crate, or with `opts.operations` the crate of an
/// operation subset: every file the two share is byte-identical.
pub fn generate(full: &Model, opts: &Options) -> Result<Files> {
    let subset;
    let model = match &opts.operations {
        Some(operations) => {
            subset = crate::subset::subset(full, operations, std::path::Path::new(&opts.source))?;
            &subset
        }
        None => full,
    };
    let ctx = Ctx::new(full, model, opts);
    let mut files = Files::new();

    let mut mods = Vec::new();
    for (shape_name, shape) in &model.shapes {
        let Some(module) = ctx.module_names.get(shape_name) else {
            continue;
        };
        let tokens = types::emit_shape(&ctx, shape)?;
        files.insert(
            PathBuf::from(format!("src/types/{module}.rs")),
            rust_file(tokens, opts)?,
        );
        mods.push((module.clone(), ctx.type_names[shape_name].clone()));
    }
    files.insert(PathBuf::from("src/types/mod.rs"), rust_file(types_mod(&mods, ctx.parts), opts)?);
    let paginators = paginators::emit(&ctx)?;
    if let Some(tokens) = &paginators {
        files.insert(PathBuf::from("src/paginators.rs"), rust_file(tokens.clone(), opts)?);
    }
    let has_protocol = match protocols::xml::emit(&ctx)? {
        Some(tokens) => {
            files.insert(PathBuf::from("src/protocol.rs"), rust_file(tokens, opts)?);
            true
        }
        None => false,
    };
    for (module, tokens) in http::emit_operations(&ctx)? {
        files.insert(PathBuf::from(format!("src/operations/{module}.rs")), rust_file(tokens, opts)?);
    }
    let has_client = match opts.client.then(|| client::emit(&ctx)).transpose()?.flatten() {
        Some(tokens) => {
            files.insert(PathBuf::from("src/client.rs"), rust_file(tokens, opts)?);
            true
        }
        None => false,
    };
    files.insert(PathBuf::from("src/lib.rs"), rust_file(lib_rs(&ctx, opts, paginators.is_some(), has_client, has_protocol)?, opts)?);
    files.insert(PathBuf::from("Cargo.toml"), cargo_toml(opts, has_client, ctx.serde_feature()));
    Ok(files)
}

fn types_mod(mods: &[(String, String)], count: u32) -> TokenStream {
    let files: Vec<(String, Vec<String>)> = mods.iter().map(|(module, ty)| (module.clone(), vec![ty.clone()])).collect();
    let parts = parts(&files, &quote!(), count);
    let modules = modules_phrase(count);
    let doc = format!(
        " Each type has its own file; the files are compiled as {modules} (`part_N`, by a hash of \
         the file name, so a new type moves no other), which re-export every type here. rustc divides its work \
         by module, and each codegen unit of a release build compiles its own copy of every generic reader it \
         uses: fewer, larger modules build with less CPU time, more modules spread a release build over more \
         cores (`parts` in `codegen.toml`)."
    );
    quote! {
        //! Every structure, union and string enum of the model, by its model name.
        //!
        #![doc = #doc]
        #parts
    }
}

/// How many modules the files of `types/` (and of `operations/`) are each
/// compiled as, unless `codegen.toml` says otherwise (`parts`).
///
/// rustc divides its work into codegen units by module, and in a release
/// build each unit compiles its own copy of every generic function it uses
/// (the readers of `awsgen_runtime::json`, drop glue, `Vec` growth): the
/// more modules, the more copies. Measured on two cores (bench/README.md),
/// bedrock's release build took 0.88x the CPU time with 1 or 2 parts that
/// it took with 16, and no more wall time; a debug build changed little.
/// Two parts still give a release build two large units per directory to
/// run side by side; a machine with many more cores builds faster with
/// more parts, at more CPU time.
pub const DEFAULT_PARTS: u32 = 2;

/// "one private module" or "N private modules", for the `mod.rs` docs.
pub(crate) fn modules_phrase(count: u32) -> String {
    if count == 1 {
        "one private module".to_string()
    } else {
        format!("{count} private modules")
    }
}

/// The part a file is compiled in: 32-bit FNV-1a of its module name, so
/// that adding or removing a file moves no other.
fn part_of(module: &str, count: u32) -> u32 {
    let hash = module.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    hash % count
}

/// The items of a `mod.rs` that compiles `files` (module name, the public
/// names it defines) as `count` private modules, each `include!`ing its
/// files after `prelude`, and re-exports every name.
pub(crate) fn parts(files: &[(String, Vec<String>)], prelude: &TokenStream, count: u32) -> TokenStream {
    let mut parts: BTreeMap<u32, Vec<&(String, Vec<String>)>> = BTreeMap::new();
    for file in files {
        parts.entry(part_of(&file.0, count)).or_default().push(file);
    }
    let items = parts.iter().map(|(n, files)| {
        let part = quote::format_ident!("part_{n}");
        let includes = files.iter().map(|(module, _)| {
            let path = format!("{module}.rs");
            quote!(include!(#path);)
        });
        let names = files.iter().flat_map(|(_, names)| names.iter().map(|n| naming::ident(n)));
        quote! {
            mod #part {
                #prelude
                #(#includes)*
            }
            pub use self::#part::{#(#names),*};
        }
    });
    quote!(#(#items)*)
}

/// The examples the crate's front page names: a paginated operation (its
/// paginator function, item type and error enum) and a string enum.
struct GuideNames {
    paginator: Option<(String, Option<String>, String)>,
    enum_type: Option<String>,
}

fn guide_names(ctx: &Ctx) -> Result<GuideNames> {
    let model = ctx.model;
    let ops = if http::has_operations(model) { http::op_names(ctx)? } else { Vec::new() };
    let mut paginator = None;
    let mut enum_type = None;
    for p in model.paginators.values() {
        let Some(op) = model.operations.get(&p.operation).filter(|op| op.deprecated.is_none()) else { continue };
        let Some((_, names)) = ops.iter().find(|(o, _)| o.name == op.name) else { continue };
        let item = op.output.as_ref().and_then(|out| {
            let ShapeKind::Structure { members } = &model.shapes.get(out)?.kind else { return None };
            let key = p.result_key.first()?;
            let member = members.iter().find(|m| &m.name == key)?;
            let ShapeKind::List { member: item } = &model.shapes.get(&member.target)?.kind else { return None };
            let item_shape = model.shapes.get(&item.target)?;
            if let ShapeKind::Structure { members } = &item_shape.kind {
                enum_type = members
                    .iter()
                    .find(|m| matches!(model.shapes.get(&m.target).map(|s| &s.kind), Some(ShapeKind::Enum(_))))
                    .map(|m| ctx.type_names[&m.target].clone());
            }
            ctx.type_names.get(&item.target).cloned()
        });
        paginator = Some((paginators::names(&p.operation).1, item, names.error.clone()));
        break;
    }
    if enum_type.is_none() {
        enum_type = model
            .shapes
            .iter()
            .find(|(_, s)| matches!(s.kind, ShapeKind::Enum(_)))
            .map(|(name, _)| ctx.type_names[name].clone());
    }
    Ok(GuideNames { paginator, enum_type })
}

fn lib_rs(ctx: &Ctx, opts: &Options, has_paginators: bool, has_client: bool, has_protocol: bool) -> Result<TokenStream> {
    let model = ctx.model;
    let svc = &model.service;
    let mut doc = vec![format!(
        " Types for {} (`{}`, API version {}).",
        if svc.full_name.is_empty() { &svc.service_id } else { &svc.full_name },
        svc.service_id,
        svc.api_version
    )];
    doc.push(String::new());
    doc.push(match &opts.model_version {
        Some(release) => format!(" Generated from `{}` ({release}); version {} of this crate.", opts.source, opts.version),
        None => format!(" Generated from `{}`; version {} of this crate.", opts.source, opts.version),
    });
    if let Some(html) = &svc.documentation {
        let lines = crate::docs::html_to_markdown(html);
        if !lines.is_empty() {
            doc.push(String::new());
            doc.extend(lines.into_iter().map(|l| format!(" {l}")));
        }
    }
    if let Some(operations) = &opts.operations {
        let mut names: Vec<&str> = operations.iter().map(String::as_str).collect();
        names.sort_unstable();
        doc.push(String::new());
        doc.push(format!(
            " This crate holds {} of the model's operations ({}) and only the shapes they reach: \
             an operation subset, generated from its `operations` list in `codegen.toml`.",
            names.len(),
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let names = guide_names(ctx)?;
    doc.push(String::new());
    doc.push(" # Guide".into());
    doc.push(String::new());
    let enum_note = names
        .enum_type
        .as_ref()
        .map(|e| format!(" String enums keep values the model does not list in `Unknown` (see [`types::{e}`])."))
        .unwrap_or_default();
    doc.push(format!(
        " - **Types** ([`types`]): every structure, union and string enum of the model, under the model's own name; \
         required members are plain values, optional ones `Option`.{enum_note} Each reads from JSON with \
         `awsgen_runtime::json::from_slice` (serde_json's values in about half the time, and errors that name the member path, line and column)."
    ));
    if has_paginators {
        let example = match &names.paginator {
            Some((function, Some(item), _)) => {
                format!(" For example [`paginators::{function}`], whose items are [`types::{item}`].")
            }
            Some((function, None, _)) => format!(" For example [`paginators::{function}`]."),
            None => String::new(),
        };
        doc.push(format!(
            " - **Paginators** ([`paginators`]): a function per paginator, with boto3's MaxItems, PageSize and \
             StartingToken (tokens interchangeable with boto3's and the AWS CLI's), over any transport: a function \
             from one request to one page.{example}"
        ));
    }
    if http::has_operations(model) {
        let example = match &names.paginator {
            Some((_, _, error)) => format!(" (e.g. [`operations::{error}`])"),
            None => String::new(),
        };
        doc.push(format!(
            " - **Operations and errors** ([`operations`]): each operation's HTTP binding and its error enum{example}: \
             a variant per error the model lists, `Unhandled` with the code and message for any other. A call's \
             error is an `SdkError`: `Service(that enum)`, or a transport, response or request failure."
        ));
    }
    if ctx.serde_feature() {
        doc.push(
            " - **serde** (cargo feature `serde`): `Serialize` and `Deserialize` for every type, in the JSON form the \
             service uses. Without it (the default, for a faster build) only the types a paginator's resume token \
             carries implement them: the crate writes requests (`awsgen_runtime::to_json`) and reads responses \
             (`awsgen_runtime::json`) without serde."
                .into(),
        );
    }
    let mut cfg_docs = Vec::new();
    if has_client {
        let client_line = |linked: bool| {
            let (client, blocking, config) = if linked {
                ("[`Client`]", "[`BlockingClient`](client::BlockingClient)", "[`Config`](client::Config)")
            } else {
                ("`client::Client`", "`client::BlockingClient`", "`client::Config`")
            };
            [
                format!(
                    " - **Client** (cargo feature `client`): {client} has an async method per operation and a \
                     `…_paginator` method per paginator (streams of pages or items); region and credentials are \
                     found as the AWS CLI finds them, requests are signed with SigV4 and retried as botocore's \
                     standard mode ({config})."
                ),
                format!(
                    " - **Blocking client** (feature `client`): {blocking} has the same methods without `async`, \
                     its paginators are `Iterator`s; it can share a {config} with async clients."
                ),
            ]
        };
        for (linked, line) in client_line(true).into_iter().map(|l| (true, l)).chain(client_line(false).into_iter().map(|l| (false, l))) {
            cfg_docs.push(if linked {
                quote!(#![cfg_attr(feature = "client", doc = #line)])
            } else {
                quote!(#![cfg_attr(not(feature = "client"), doc = #line)])
            });
        }
    }
    let doc = doc.iter().map(|l| quote!(#![doc = #l]));
    let paginators = has_paginators.then(|| quote!(pub mod paginators;));
    let operations = http::has_operations(model).then(|| quote!(pub mod operations;));
    let protocol = has_protocol.then(|| quote!(mod protocol;));
    let client = has_client.then(|| {
        quote! {
            #[cfg(feature = "client")]
            pub mod client;
            #[cfg(feature = "client")]
            pub use client::Client;
        }
    });
    Ok(quote! {
        #(#doc)*
        #(#cfg_docs)*
        #![warn(missing_docs)]
        // Deprecated members are still (de)serialized here; users get the warnings.
        #![allow(deprecated)]
        // Generated code follows the model, not every style lint.
        #![allow(
            clippy::large_enum_variant,
            clippy::too_many_arguments,
            clippy::module_inception,
            clippy::enum_variant_names,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
        )]
        // Uniqueness suffixes (`Value_2`) follow the model, not Rust's casing.
        #![allow(non_camel_case_types)]

        pub mod types;
        #paginators
        #operations
        #protocol
        #client
    })
}

fn cargo_toml(opts: &Options, has_client: bool, serde_feature: bool) -> String {
    let mut features = String::new();
    if serde_feature {
        features.push_str(
            r#"
# serde's `Serialize` and `Deserialize` for every type (the crate itself
# writes requests and reads responses without serde).
serde = []
"#,
        );
    }
    if has_client {
        features.push_str(
            r#"
# An async client (`client::Client`): SigV4 signing, credentials from the
# environment and profiles, retries, HTTPS with reqwest + rustls.
client = ["awsgen-runtime/client"]
"#,
        );
    }
    let features = if features.is_empty() { features } else { format!("\n[features]{features}") };
    let dev = if has_client {
        r#"
[dev-dependencies]
# For the client's documentation examples.
futures = "0.3"
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
"#
    } else {
        ""
    };
    let client = format!("{features}{dev}");
    format!(
        r#"{header}
[package]
name = "{name}"
version = "{version}"
edition = "2021"
publish = false

[package.metadata.awsgen]
# The model this crate was generated from, and its release.
model = "{source}"{release}

[dependencies]
awsgen-runtime = {{ path = "{runtime}" }}
chrono = {{ version = "0.4", default-features = false, features = ["std"] }}
http = "1"
indexmap = {{ version = "2", features = ["serde"] }}
serde = "1"
serde_json = "1"
serde_with = {{ version = "3", default-features = false, features = ["std", "indexmap_2"] }}
{client}"#,
        header = header("#", opts).trim_end(),
        name = opts.crate_name,
        version = opts.version,
        source = opts.source,
        release = match &opts.model_version {
            Some(release) => format!("\nrelease = {release:?}"),
            None => String::new(),
        },
        runtime = opts.runtime_path,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parts`: every file in exactly one of at most `count` modules, each
    /// name re-exported; a file's part depends on its own name only.
    #[test]
    fn parts_split_files_by_their_own_name() {
        let files: Vec<(String, Vec<String>)> =
            (0..40).map(|i| (format!("file_{i}"), vec![format!("Type{i}")])).collect();
        for count in [1, 2, 16] {
            let text = parts(&files, &quote!(), count).to_string();
            let modules = text.matches("mod part_").count();
            assert!(modules >= 1 && modules <= count as usize, "{count} parts: {modules} modules");
            for (module, names) in &files {
                assert_eq!(text.matches(&format!("include ! (\"{module}.rs\")")).count(), 1, "{module}");
                assert!(text.contains(&names[0]), "{}", names[0]);
            }
            let alone = parts(&files[..1], &quote!(), count).to_string();
            let part = format!("mod part_{}", part_of(&files[0].0, count));
            assert!(alone.contains(&part) && text.contains(&part), "{part}");
        }
        assert_eq!(parts(&files, &quote!(), 1).to_string().matches("mod part_").count(), 1);
    }
}

//! Both front ends agree on the eleven services of the Smithy sample.
//!
//! `tests/fixtures/smithy-sample/` holds eleven Smithy JSON AST models (AWS's
//! api-models-aws of 2025-04-02, chosen for protocol-dependent semantics; see
//! its README) and, under `botocore/`, the botocore 1.37.26 models of the
//! same services (`cargo xtask smithy-sample`, documentation stripped). Each
//! service is lowered from both sources and the two IRs are compared field by
//! field: service, every shape (kind, members and every member field, enum
//! values, list/map/timestamp/blob details, errors), operations and
//! paginators. Documentation is not compared (the botocore test data has
//! none), nor a paginator's recorded source (it is provenance, by design).
//!
//! Every difference must be matched by an entry of
//! `tests/fixtures/smithy-sample/known-differences.txt`, the commented table
//! of differences that come from the sources themselves; an unlisted
//! difference fails the test with both values, and so does an entry that no
//! longer matches anything.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{Debug, Write as _};
use std::path::PathBuf;

use codegen::ir::{Location, Member, Model, Shape, ShapeKind};
use tests::repo_root;

fn sample_dir() -> PathBuf {
    repo_root().join("tests/fixtures/smithy-sample")
}

/// The services of the sample: the Smithy file stems, which name the
/// botocore directories too.
fn services() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(sample_dir())
        .expect("tests/fixtures/smithy-sample")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    out.sort();
    out
}

/// One difference: where (`shape Foo member bar location`), and the two values.
#[derive(Debug, Clone)]
struct Diff {
    service: String,
    at: String,
    smithy: String,
    botocore: String,
}

struct Differ<'a> {
    service: &'a str,
    out: Vec<Diff>,
}

impl Differ<'_> {
    fn push(&mut self, at: String, smithy: String, botocore: String) {
        self.out.push(Diff {
            service: self.service.to_string(),
            at,
            smithy,
            botocore,
        });
    }

    fn field<T: Debug + PartialEq>(&mut self, at: impl Into<String>, s: &T, b: &T) {
        if s != b {
            self.push(at.into(), format!("{s:?}"), format!("{b:?}"));
        }
    }

    /// Names present in one map only, then `each` on the common ones.
    fn keyed<'m, V>(
        &mut self,
        what: &str,
        s: impl IntoIterator<Item = (&'m String, V)>,
        b: impl IntoIterator<Item = (&'m String, V)>,
        mut each: impl FnMut(&mut Self, &str, V, V),
    ) {
        let s: BTreeMap<&String, V> = s.into_iter().collect();
        let mut b: BTreeMap<&String, V> = b.into_iter().collect();
        for (name, sv) in s {
            match b.remove(name) {
                Some(bv) => each(self, name, sv, bv),
                None => self.push(format!("{what} {name} exists"), "yes".into(), "no".into()),
            }
        }
        for name in b.keys() {
            self.push(format!("{what} {name} exists"), "no".into(), "yes".into());
        }
    }

    fn model(&mut self, s: &Model, b: &Model) {
        let (ss, bs) = (&s.service, &b.service);
        self.field("service service_id", &ss.service_id, &bs.service_id);
        self.field("service full_name", &ss.full_name, &bs.full_name);
        self.field("service api_version", &ss.api_version, &bs.api_version);
        self.field("service protocol", &ss.protocol, &bs.protocol);
        self.field(
            "service endpoint_prefix",
            &ss.endpoint_prefix,
            &bs.endpoint_prefix,
        );
        self.field("service signing_name", &ss.signing_name, &bs.signing_name);
        self.field(
            "service target_prefix",
            &ss.target_prefix,
            &bs.target_prefix,
        );
        self.field("service json_version", &ss.json_version, &bs.json_version);

        self.keyed("shape", &s.shapes, &b.shapes, |d, name, s, b| {
            d.shape(name, s, b)
        });
        self.keyed(
            "operation",
            &s.operations,
            &b.operations,
            |d, name, s, b| {
                let at = |f: &str| format!("operation {name} {f}");
                d.field(at("input"), &s.input, &b.input);
                d.field(at("output"), &s.output, &b.output);
                d.field(at("errors"), &s.errors, &b.errors);
                d.field(at("http method"), &s.http.method, &b.http.method);
                // URIs that differ only in the names of their labels (botocore's
                // `{restapi_id}` for Smithy's `{restApiId}`) send the same requests.
                let uri_at = if without_label_names(&s.http.request_uri)
                    == without_label_names(&b.http.request_uri)
                {
                    at("http request_uri label names")
                } else {
                    at("http request_uri")
                };
                d.field(uri_at, &s.http.request_uri, &b.http.request_uri);
                d.field(
                    at("http response_code"),
                    &s.http.response_code,
                    &b.http.response_code,
                );
                d.field(at("deprecated"), &s.deprecated, &b.deprecated);
            },
        );
        self.keyed(
            "paginator",
            &s.paginators,
            &b.paginators,
            |d, name, s, b| {
                let at = |f: &str| format!("paginator {name} {f}");
                d.field(at("input_token"), &s.input_token, &b.input_token);
                d.field(at("output_token"), &s.output_token, &b.output_token);
                d.field(at("limit_key"), &s.limit_key, &b.limit_key);
                d.field(at("result_key"), &s.result_key, &b.result_key);
                d.field(at("more_results"), &s.more_results, &b.more_results);
                d.field(
                    at("non_aggregate_keys"),
                    &s.non_aggregate_keys,
                    &b.non_aggregate_keys,
                );
            },
        );
    }

    fn shape(&mut self, name: &str, s: &Shape, b: &Shape) {
        let at = |f: &str| format!("shape {name} {f}");
        self.field(at("sensitive"), &s.sensitive, &b.sensitive);
        self.field(at("deprecated"), &s.deprecated, &b.deprecated);
        self.field(at("error"), &s.error, &b.error);
        if s.kind.kind_name() != b.kind.kind_name() {
            self.push(
                at("kind"),
                s.kind.kind_name().into(),
                b.kind.kind_name().into(),
            );
            return;
        }
        match (&s.kind, &b.kind) {
            (ShapeKind::Structure { members: sm }, ShapeKind::Structure { members: bm })
            | (ShapeKind::Union { members: sm }, ShapeKind::Union { members: bm }) => {
                self.members(name, sm, bm)
            }
            (ShapeKind::Enum(sv), ShapeKind::Enum(bv)) => {
                let values = |v: &[codegen::ir::EnumValue]| {
                    v.iter().map(|e| e.value.clone()).collect::<Vec<_>>()
                };
                self.field(at("enum values"), &values(sv), &values(bv));
            }
            (ShapeKind::IntEnum(sv), ShapeKind::IntEnum(bv)) => {
                let values = |v: &[codegen::ir::IntEnumValue]| {
                    v.iter()
                        .map(|e| (e.name.clone(), e.value))
                        .collect::<Vec<_>>()
                };
                self.field(at("int enum values"), &values(sv), &values(bv));
            }
            (s, b) => self.field(at(s.kind_name()), s, b),
        }
    }

    fn members(&mut self, shape: &str, sm: &[Member], bm: &[Member]) {
        let names = |ms: &[Member]| ms.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
        let (sn, bn) = (names(sm), names(bm));
        let (s_set, b_set): (BTreeSet<_>, BTreeSet<_>) = (sn.iter().collect(), bn.iter().collect());
        if s_set == b_set && sn != bn {
            self.push(
                format!("shape {shape} member order"),
                format!("{sn:?}"),
                format!("{bn:?}"),
            );
        }
        let by_name = |ms: &[Member]| {
            ms.iter()
                .map(|m| (m.name.clone(), m.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        let (s, b) = (by_name(sm), by_name(bm));
        self.keyed(&format!("shape {shape} member"), &s, &b, |d, name, s, b| {
            let at = |f: &str| format!("shape {shape} member {name} {f}");
            d.field(at("json_name"), &s.json_name, &b.json_name);
            d.field(at("target"), &s.target, &b.target);
            d.field(at("required"), &s.required, &b.required);
            d.field(at("location"), &s.location, &b.location);
            // A URI label's name only links the member to its `{label}`.
            let name_at = if s.location == Location::Uri && b.location == Location::Uri {
                at("label_name")
            } else {
                at("location_name")
            };
            d.field(name_at, &s.location_name, &b.location_name);
            d.field(
                at("timestamp_format"),
                &s.timestamp_format,
                &b.timestamp_format,
            );
            d.field(
                at("idempotency_token"),
                &s.idempotency_token,
                &b.idempotency_token,
            );
            d.field(at("deprecated"), &s.deprecated, &b.deprecated);
            d.field(at("sensitive"), &s.sensitive, &b.sensitive);
            d.field(at("payload"), &s.payload, &b.payload);
            d.field(at("json_value"), &s.json_value, &b.json_value);
            // Fields added to the IR later are compared too, as a whole.
            let (mut s, mut b) = (s.clone(), s_clone_fields(b, s));
            s.documentation = None;
            b.documentation = None;
            if s != b {
                d.push(at("(other fields)"), format!("{s:?}"), format!("{b:?}"));
            }
        });
    }
}

/// A URI template with every `{label}` emptied to `{}`.
fn without_label_names(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    let mut in_label = false;
    for c in uri.chars() {
        match c {
            '{' => in_label = true,
            '}' => in_label = false,
            _ if in_label => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// `b` with the fields compared one by one above taken from `s`, so that
/// only fields this file does not know yet remain to differ.
fn s_clone_fields(b: &Member, s: &Member) -> Member {
    let mut b = b.clone();
    b.json_name.clone_from(&s.json_name);
    b.target.clone_from(&s.target);
    b.required = s.required;
    b.location = s.location;
    b.location_name.clone_from(&s.location_name);
    b.timestamp_format = s.timestamp_format;
    b.idempotency_token = s.idempotency_token;
    b.deprecated.clone_from(&s.deprecated);
    b.sensitive = s.sensitive;
    b.payload = s.payload;
    b.json_value = s.json_value;
    b
}

// ---------------------------------------------------------------------------
// The table of known differences
// ---------------------------------------------------------------------------

/// One line of `known-differences.txt`: `service  category  pattern`, where
/// `service` and `pattern` may use `*` (any text) and `pattern` matches a
/// difference's place (`shape Foo member bar location`).
struct Known {
    line: usize,
    service: String,
    category: String,
    pattern: String,
}

fn known_differences() -> Vec<Known> {
    let path = sample_dir().join("known-differences.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(service), Some(category)) = (words.next(), words.next()) else {
            panic!(
                "{}:{}: expected `service category place`",
                path.display(),
                i + 1
            );
        };
        let pattern = words.collect::<Vec<_>>().join(" ");
        assert!(
            !pattern.is_empty(),
            "{}:{}: expected `service category place`",
            path.display(),
            i + 1
        );
        out.push(Known {
            line: i + 1,
            service: service.to_string(),
            category: category.to_string(),
            pattern,
        });
    }
    out
}

/// `*` matches any text (also empty); everything else literally.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn glob_matches_as_documented() {
    assert!(glob(
        "shape * member position location",
        "shape ApiKeys member position location"
    ));
    assert!(glob("*", ""));
    assert!(glob("a*b*c", "abc"));
    assert!(!glob("a*b*c", "acb"));
    assert!(!glob("ab*ba", "aba"));
    assert!(glob("shape Foo kind", "shape Foo kind"));
    assert!(!glob("shape Foo kind", "shape Foo kinds"));
}

// ---------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------

fn load_pair(service: &str) -> (Model, Model) {
    let smithy_path = sample_dir().join(format!("{service}.json"));
    let botocore_dir = sample_dir().join("botocore").join(service);
    let smithy =
        codegen::smithy::load(&smithy_path).unwrap_or_else(|e| panic!("{service} (Smithy): {e}"));
    let botocore = codegen::botocore::load_dir(&botocore_dir)
        .unwrap_or_else(|e| panic!("{service} (botocore): {e}"));
    (smithy, botocore)
}

fn load(services: &[String]) -> Vec<(String, Model, Model)> {
    services
        .iter()
        .map(|n| {
            let (s, b) = load_pair(n);
            (n.clone(), s, b)
        })
        .collect()
}

#[test]
fn smithy_and_botocore_agree_on_the_sample_except_known_source_differences() {
    let services = services();
    assert_eq!(
        services.len(),
        11,
        "expected the eleven services of the sample: {services:?}"
    );
    let table = known_differences();
    // Load the services on both cores.
    let loaded: Vec<(String, Model, Model)> = std::thread::scope(|scope| {
        let half = services.len() / 2;
        let (a, b) = services.split_at(half);
        let other = scope.spawn(|| load(a));
        let mut mine = load(b);
        let mut all = other.join().expect("loading thread");
        all.append(&mut mine);
        all
    });

    let mut used = vec![0usize; table.len()];
    let mut unlisted = Vec::new();
    let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
    for (service, smithy, botocore) in &loaded {
        assert!(
            !smithy.operations.is_empty() && !botocore.operations.is_empty(),
            "{service}: no operations"
        );
        let mut differ = Differ {
            service,
            out: Vec::new(),
        };
        differ.model(smithy, botocore);
        for diff in differ.out {
            match table
                .iter()
                .position(|k| glob(&k.service, &diff.service) && glob(&k.pattern, &diff.at))
            {
                Some(i) => {
                    used[i] += 1;
                    *per_category.entry(&table[i].category).or_default() += 1;
                }
                None => unlisted.push(diff),
            }
        }
    }

    let mut summary = String::from("known source differences, by category:\n");
    for (category, n) in &per_category {
        let _ = writeln!(summary, "  {category}: {n}");
    }
    println!("{summary}");

    let mut msg = String::new();
    if !unlisted.is_empty() {
        let _ = writeln!(
            msg,
            "{} difference(s) between the Smithy and botocore IRs are not in \
             tests/fixtures/smithy-sample/known-differences.txt (fix the front end, or list them with the reason):",
            unlisted.len()
        );
        for d in unlisted.iter().take(60) {
            let _ = writeln!(
                msg,
                "  {}: {}\n      smithy:   {}\n      botocore: {}",
                d.service, d.at, d.smithy, d.botocore
            );
        }
        if unlisted.len() > 60 {
            let _ = writeln!(msg, "  … and {} more", unlisted.len() - 60);
        }
    }
    for (k, n) in table.iter().zip(&used) {
        if *n == 0 {
            let _ = writeln!(
                msg,
                "known-differences.txt:{}: `{} {} {}` matches no difference any more; remove it",
                k.line, k.service, k.category, k.pattern
            );
        }
    }
    assert!(msg.is_empty(), "{msg}");
}

//! What changed between two versions of a model, for users of the crate
//! generated from it: a [`Report`] of API changes, each classified as
//! breaking or not with the reason, rendered as Markdown, and the semver
//! bump it calls for.
//!
//! The comparison is of the two [`Surface`]s (the names, Rust types and
//! optionality the generated code has), so a change the generated API does
//! not show (a shape renamed behind an unchanged member type, a constraint)
//! is not reported. Documentation-only changes (operations, shapes,
//! members, enum values, the service) are counted, not listed.
//!
//! The classification assumes what the emitter generates: structures,
//! unions, string enums and operation error enums are `#[non_exhaustive]`,
//! so users cannot write struct literals or exhaustive matches of them, and
//! adding an optional member, a union member, an enum value or an operation
//! error does not break their code.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::emit::surface::{self, MemberApi, Surface, TypeApi, TypeKind};
use crate::error::Result;
use crate::ir::Model;

/// Where a change belongs in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Operations,
    Paginators,
    Errors,
    Types,
    Members,
    EnumValues,
    UnionMembers,
}

impl Section {
    fn title(self) -> &'static str {
        match self {
            Section::Operations => "Operations",
            Section::Paginators => "Paginators",
            Section::Errors => "Errors",
            Section::Types => "Types",
            Section::Members => "Members",
            Section::EnumValues => "Enum values",
            Section::UnionMembers => "Union members",
        }
    }
}

/// One API change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub section: Section,
    /// Whether code written against the old crate may stop compiling (or
    /// silently mean something else) with the new one.
    pub breaking: bool,
    /// What changed, e.g. ``operation `CreateFoo` added``.
    pub what: String,
    /// Why it is (not) breaking.
    pub reason: String,
}

/// The changes between two models.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// In report order: by section, then as found (names sorted).
    pub changes: Vec<Change>,
    /// Documentation texts that changed (service, operations, shapes,
    /// members, enum values), not listed.
    pub docs_changed: usize,
}

/// The version bump a report calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing the crate exposes changed.
    None,
    /// Documentation only, or (under 1.0) additive changes.
    Patch,
    /// Additive changes (1.0 and later), or breaking ones under 1.0.
    Minor,
    /// Breaking changes (1.0 and later).
    Major,
}

/// Compares the APIs of the crates generated from `old` and `new`.
pub fn diff(old: &Model, new: &Model) -> Result<Report> {
    Ok(diff_surfaces(&surface::surface(old)?, &surface::surface(new)?, docs_changed(old, new)))
}

/// Compares the APIs of the crates of the operation subset `operations`
/// generated from `old` and `new` (see [`crate::subset`]); `source` names
/// the configuration in errors (an operation the new model lacks).
pub fn diff_subset(old: &Model, new: &Model, operations: &[String], source: &std::path::Path) -> Result<Report> {
    let old_sub = crate::subset::subset(old, operations, source)?;
    let new_sub = crate::subset::subset(new, operations, source)?;
    Ok(diff_surfaces(
        &surface::surface_of(old, &old_sub)?,
        &surface::surface_of(new, &new_sub)?,
        docs_changed(&old_sub, &new_sub),
    ))
}

fn diff_surfaces(a: &Surface, b: &Surface, docs_changed: usize) -> Report {
    let mut report = Report { changes: Vec::new(), docs_changed };
    let mut add = |section, breaking, what: String, reason: &str| {
        report.changes.push(Change { section, breaking, what, reason: reason.to_string() })
    };
    operations(a, b, &mut add);
    paginators(a, b, &mut add);
    types(a, b, &mut add);
    report.changes.sort_by_key(|c| c.section);
    report
}

type Add<'a> = dyn FnMut(Section, bool, String, &str) + 'a;

fn operations(a: &Surface, b: &Surface, add: &mut Add) {
    for (name, old) in &a.operations {
        let Some(new) = b.operations.get(name) else {
            add(
                Section::Operations,
                true,
                format!("operation `{name}` removed"),
                "its `operations::` struct and client method are gone; code that calls it no longer compiles",
            );
            continue;
        };
        for (what, o, n) in [("input", &old.input, &new.input), ("output", &old.output, &new.output)] {
            if o != n {
                let show = |t: &Option<String>| t.as_deref().map_or("none".to_string(), |t| format!("`{t}`"));
                add(
                    Section::Operations,
                    true,
                    format!("operation `{name}`: {what} type {} → {}", show(o), show(n)),
                    "code that builds its input or reads its output names the old type",
                );
            }
        }
        if old.http != new.http {
            add(
                Section::Operations,
                false,
                format!("operation `{name}`: HTTP binding `{}` → `{}`", old.http, new.http),
                "the crate frames the request as the service now expects; the Rust API is unchanged",
            );
        }
        if !old.deprecated && new.deprecated {
            add(Section::Operations, false, format!("operation `{name}` deprecated"), "deprecation only warns");
        }
        for e in old.errors.difference(&new.errors) {
            add(
                Section::Errors,
                true,
                format!("operation `{name}` no longer returns `{e}`"),
                "the variant is gone from its error enum; a match arm naming it no longer compiles",
            );
        }
        for e in new.errors.difference(&old.errors) {
            add(
                Section::Errors,
                false,
                format!("operation `{name}` may return `{e}`"),
                "a new variant of its #[non_exhaustive] error enum (before, this error came as `Unhandled`)",
            );
        }
    }
    for name in b.operations.keys().filter(|n| !a.operations.contains_key(*n)) {
        add(Section::Operations, false, format!("operation `{name}` added"), "new items only");
    }
}

fn paginators(a: &Surface, b: &Surface, add: &mut Add) {
    for (name, old) in &a.paginators {
        match b.paginators.get(name) {
            None => add(
                Section::Paginators,
                true,
                format!("paginator `{}` removed", old.function),
                "the `paginators::` function and the client's `…_paginator` method are gone",
            ),
            Some(new) if new.items != old.items => add(
                Section::Paginators,
                true,
                format!(
                    "paginator `{}`: items `{}` → `{}`",
                    old.function,
                    old.items.as_deref().unwrap_or("?"),
                    new.items.as_deref().unwrap_or("?")
                ),
                "code that reads its items names the old type",
            ),
            Some(new) if new.settings != old.settings => add(
                Section::Paginators,
                false,
                format!("paginator `{}`: `{}` → `{}`", old.function, old.settings, new.settings),
                "the paginator follows the new tokens; its Rust API is unchanged",
            ),
            Some(_) => {}
        }
    }
    for (name, new) in &b.paginators {
        if !a.paginators.contains_key(name) {
            add(Section::Paginators, false, format!("paginator `{}` added", new.function), "new items only");
        }
    }
}

/// Errors (exceptions) are reported under Errors, other types under Types.
fn type_section(t: &TypeApi) -> Section {
    match t.kind {
        TypeKind::Struct { error: true, .. } => Section::Errors,
        _ => Section::Types,
    }
}

fn types(a: &Surface, b: &Surface, add: &mut Add) {
    for (name, old) in &a.types {
        let kw = old.kind.keyword();
        let Some(new) = b.types.get(name) else {
            add(
                type_section(old),
                true,
                format!("{kw} `{name}` removed"),
                "code that names the type no longer compiles",
            );
            continue;
        };
        if std::mem::discriminant(&old.kind) != std::mem::discriminant(&new.kind) {
            add(
                type_section(old),
                true,
                format!("`{name}`: {kw} → {}", new.kind.keyword()),
                "a different kind of type: construction and matching change",
            );
            continue;
        }
        if !old.deprecated && new.deprecated {
            add(type_section(new), false, format!("{kw} `{name}` deprecated"), "deprecation only warns");
        }
        match (&old.kind, &new.kind) {
            (TypeKind::Struct { members: o, .. }, TypeKind::Struct { members: n, .. }) => struct_members(name, o, n, add),
            (TypeKind::Union { members: o }, TypeKind::Union { members: n }) => union_members(name, o, n, add),
            (TypeKind::Enum { values: o }, TypeKind::Enum { values: n }) => enum_values(name, o, n, add),
            _ => {}
        }
    }
    for (name, new) in &b.types {
        if !a.types.contains_key(name) {
            add(
                type_section(new),
                false,
                format!("{} `{name}` added", new.kind.keyword()),
                "new items only",
            );
        }
    }
}

fn struct_members(ty: &str, old: &BTreeMap<String, MemberApi>, new: &BTreeMap<String, MemberApi>, add: &mut Add) {
    for (field, o) in old {
        let Some(n) = new.get(field) else {
            add(
                Section::Members,
                true,
                format!("`{ty}.{field}` removed"),
                "code that reads or sets the field no longer compiles",
            );
            continue;
        };
        if o.rust_type != n.rust_type {
            add(
                Section::Members,
                true,
                format!("`{ty}.{field}`: type `{}` → `{}`", o.field_type(), n.field_type()),
                "code that reads or sets the field with the old type no longer compiles",
            );
        } else if o.required != n.required {
            let reason = if n.required {
                "the field is no longer an `Option`, and `new()` takes it as a parameter"
            } else {
                "the field becomes an `Option`, and `new()` no longer takes it"
            };
            let to = if n.required { "optional → required" } else { "required → optional" };
            add(Section::Members, true, format!("`{ty}.{field}`: {to}"), reason);
        }
        if o.wire != n.wire {
            add(
                Section::Members,
                false,
                format!("`{ty}.{field}`: sent as `{}` → `{}`", o.wire, n.wire),
                "the crate reads and writes it where the service now expects; the Rust API is unchanged",
            );
        }
        if !o.deprecated && n.deprecated {
            add(Section::Members, false, format!("`{ty}.{field}` deprecated"), "deprecation only warns");
        }
    }
    for (field, n) in new {
        if old.contains_key(field) {
            continue;
        }
        if n.required {
            add(
                Section::Members,
                true,
                format!("`{ty}.{field}` added (required, `{}`)", n.field_type()),
                "`new()` takes one more parameter (the struct is #[non_exhaustive], so no literal breaks)",
            );
        } else {
            add(
                Section::Members,
                false,
                format!("`{ty}.{field}` added (optional, `{}`)", n.field_type()),
                "the struct is #[non_exhaustive] and `new()` is unchanged",
            );
        }
    }
}

fn union_members(ty: &str, old: &BTreeMap<String, MemberApi>, new: &BTreeMap<String, MemberApi>, add: &mut Add) {
    for (variant, o) in old {
        match new.get(variant) {
            None => add(
                Section::UnionMembers,
                true,
                format!("`{ty}::{variant}` removed"),
                "code that builds or matches the variant no longer compiles (the service now sends it as `Unknown`)",
            ),
            Some(n) if n.rust_type != o.rust_type => add(
                Section::UnionMembers,
                true,
                format!("`{ty}::{variant}`: type `{}` → `{}`", o.rust_type, n.rust_type),
                "code that builds or matches the variant with the old type no longer compiles",
            ),
            Some(_) => {}
        }
    }
    for (variant, n) in new {
        if !old.contains_key(variant) {
            add(
                Section::UnionMembers,
                false,
                format!("`{ty}::{variant}({})` added", n.rust_type),
                "the union is #[non_exhaustive]; a value that came as `Unknown` now comes as this variant",
            );
        }
    }
}

fn enum_values(ty: &str, old: &BTreeMap<String, String>, new: &BTreeMap<String, String>, add: &mut Add) {
    for (value, variant) in old {
        match new.get(value) {
            None => add(
                Section::EnumValues,
                true,
                format!("`{ty}::{variant}` (`{value}`) removed"),
                "code that names the variant no longer compiles (the value now reads as `Unknown`)",
            ),
            Some(v) if v != variant => add(
                Section::EnumValues,
                true,
                format!("`{ty}`: `{value}` is now `{v}`, not `{variant}`"),
                "code that names the old variant no longer compiles",
            ),
            Some(_) => {}
        }
    }
    for (value, variant) in new {
        if !old.contains_key(value) {
            add(
                Section::EnumValues,
                false,
                format!("`{ty}::{variant}` (`{value}`) added"),
                "the enum is #[non_exhaustive]; the value, which read as `Unknown`, now reads as this variant",
            );
        }
    }
}

/// Documentation texts present in both models that differ.
fn docs_changed(old: &Model, new: &Model) -> usize {
    let mut n = usize::from(old.service.documentation != new.service.documentation);
    for (name, o) in &old.operations {
        if let Some(p) = new.operations.get(name) {
            n += usize::from(o.documentation != p.documentation);
        }
    }
    for (name, o) in &old.shapes {
        let Some(p) = new.shapes.get(name) else { continue };
        n += usize::from(o.documentation != p.documentation);
        for m in o.kind.members() {
            if let Some(q) = p.kind.members().iter().find(|q| q.name == m.name) {
                n += usize::from(m.documentation != q.documentation);
            }
        }
        if let (crate::ir::ShapeKind::Enum(ov), crate::ir::ShapeKind::Enum(pv)) = (&o.kind, &p.kind) {
            for v in ov {
                if let Some(w) = pv.iter().find(|w| w.value == v.value) {
                    n += usize::from(v.documentation != w.documentation);
                }
            }
        }
    }
    n
}

impl Report {
    /// The number of breaking changes.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// Whether nothing changed at all (not even documentation).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.docs_changed == 0
    }

    /// The bump for a crate at `version` (`major.minor.patch`): under 1.0,
    /// breaking → minor and anything else → patch (Cargo treats 0.x.y and
    /// 0.x.z as compatible, 0.x and 0.y not); from 1.0, breaking → major,
    /// additive → minor, documentation only → patch.
    pub fn bump(&self, version: &str) -> Bump {
        let pre_1 = version.starts_with("0.");
        if self.is_empty() {
            Bump::None
        } else if self.breaking() > 0 {
            if pre_1 {
                Bump::Minor
            } else {
                Bump::Major
            }
        } else if !self.changes.is_empty() && !pre_1 {
            Bump::Minor
        } else {
            Bump::Patch
        }
    }

    /// The version that follows `version` for this report.
    pub fn next_version(&self, version: &str) -> Result<String> {
        let bad = || crate::error::Error::model(std::path::Path::new(version), "version", "not a `major.minor.patch` version");
        let parts: Vec<u64> = version.split('.').map(|p| p.parse().map_err(|_| bad())).collect::<Result<_>>()?;
        let [major, minor, patch] = parts[..] else { return Err(bad()) };
        Ok(match self.bump(version) {
            Bump::None => version.to_string(),
            Bump::Patch => format!("{major}.{minor}.{}", patch + 1),
            Bump::Minor => format!("{major}.{}.0", minor + 1),
            Bump::Major => format!("{}.0.0", major + 1),
        })
    }

    /// One line: how many breaking, other and documentation changes.
    pub fn headline(&self) -> String {
        let breaking = self.breaking();
        format!(
            "{breaking} breaking change{}, {} non-breaking change{}, {} documentation change{} (not listed)",
            if breaking == 1 { "" } else { "s" },
            self.changes.len() - breaking,
            if self.changes.len() - breaking == 1 { "" } else { "s" },
            self.docs_changed,
            if self.docs_changed == 1 { "" } else { "s" },
        )
    }

    /// The report in Markdown under a `## {title}` heading: the headline,
    /// then breaking changes, then the others, each by section.
    pub fn markdown(&self, title: &str) -> String {
        let mut s = format!("## {title}\n\n{}.\n", self.headline());
        for (breaking, heading) in [(true, "Breaking changes"), (false, "Non-breaking changes")] {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.breaking == breaking).collect();
            if changes.is_empty() {
                continue;
            }
            write!(s, "\n### {heading}\n").unwrap();
            let mut section = None;
            for c in changes {
                if section != Some(c.section) {
                    write!(s, "\n{}:\n", c.section.title()).unwrap();
                    section = Some(c.section);
                }
                writeln!(s, "- {}: {}", c.what, c.reason).unwrap();
            }
        }
        s
    }
}

/// Prepends `entry` (a report's Markdown) to the text of a `CHANGES.md`
/// (`existing`, empty when there is none yet), newest first, under the
/// file's title line.
pub fn prepend_changes(existing: &str, crate_name: &str, entry: &str) -> String {
    let title = format!(
        "# Changes to the generated `{crate_name}` crate\n\n\
         Newest first. Written by `cargo xtask update-model` (see the README's \"Updating the model\").\n"
    );
    let rest = existing.strip_prefix(title.as_str()).unwrap_or(existing).trim_start();
    let mut out = format!("{title}\n{}", entry.trim_end());
    if !rest.is_empty() {
        out.push_str("\n\n");
        out.push_str(rest.trim_end());
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(service: &str) -> Model {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("awsgen-api-diff-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("service-2.json"), service).unwrap();
        let paginators = r#"{"pagination": {"ListThings": {"input_token": "nextToken", "output_token": "nextToken",
            "limit_key": "maxResults", "result_key": "things"}}}"#;
        std::fs::write(dir.join("paginators-1.json"), paginators).unwrap();
        let model = crate::botocore::load_dir(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        model.unwrap()
    }

    const BASE: &str = r#"{
      "metadata": {"protocol": "rest-json", "serviceId": "T", "apiVersion": "2020-01-01", "endpointPrefix": "t"},
      "operations": {
        "ListThings": {"name": "ListThings", "http": {"method": "GET", "requestUri": "/things"},
          "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListThingsResponse"},
          "errors": [{"shape": "NotFound"}]},
        "DeleteThing": {"name": "DeleteThing", "http": {"method": "DELETE", "requestUri": "/things/{id}"},
          "input": {"shape": "DeleteThingRequest"}}
      },
      "shapes": {
        "ListThingsRequest": {"type": "structure", "members": {
          "nextToken": {"shape": "String", "location": "querystring", "locationName": "nextToken"},
          "maxResults": {"shape": "Integer", "location": "querystring", "locationName": "maxResults"},
          "status": {"shape": "Status", "location": "querystring", "locationName": "status"}}},
        "ListThingsResponse": {"type": "structure", "required": ["things"], "members": {
          "things": {"shape": "Things"}, "nextToken": {"shape": "String"}}},
        "DeleteThingRequest": {"type": "structure", "required": ["id"], "members": {
          "id": {"shape": "String", "location": "uri", "locationName": "id"}}},
        "Things": {"type": "list", "member": {"shape": "Thing"}},
        "Thing": {"type": "structure", "required": ["name"], "members": {
          "name": {"shape": "String", "documentation": "<p>The name.</p>"},
          "size": {"shape": "Integer"}, "shape": {"shape": "Form"}}},
        "Form": {"type": "structure", "union": true, "members": {"circle": {"shape": "Integer"}, "square": {"shape": "Integer"}}},
        "Status": {"type": "string", "enum": ["ON", "OFF"]},
        "NotFound": {"type": "structure", "members": {"message": {"shape": "String"}}, "exception": true},
        "String": {"type": "string"},
        "Integer": {"type": "integer"}
      }
    }"#;

    fn edit(pairs: &[(&str, &str)]) -> String {
        let mut s = BASE.to_string();
        for (from, to) in pairs {
            assert!(s.contains(from), "{from} not in the base model");
            s = s.replacen(from, to, 1);
        }
        s
    }

    fn report(new: &str) -> Report {
        diff(&model(BASE), &model(new)).unwrap()
    }

    fn lines(r: &Report) -> Vec<String> {
        r.changes.iter().map(|c| format!("{} {}", if c.breaking { "BREAKING" } else { "ok" }, c.what)).collect()
    }

    #[test]
    fn the_same_model_has_no_changes() {
        let r = report(BASE);
        assert!(r.is_empty(), "{r:?}");
        assert_eq!(r.bump("0.1.0"), Bump::None);
        assert_eq!(r.next_version("0.1.0").unwrap(), "0.1.0");
    }

    #[test]
    fn additions_are_not_breaking() {
        let r = report(&edit(&[
            (r#""size": {"shape": "Integer"}"#, r#""size": {"shape": "Integer"}, "color": {"shape": "String"}"#),
            (r#""enum": ["ON", "OFF"]"#, r#""enum": ["ON", "OFF", "PAUSED"]"#),
            (r#""square": {"shape": "Integer"}"#, r#""square": {"shape": "Integer"}, "star": {"shape": "String"}"#),
            (r#""errors": [{"shape": "NotFound"}]"#, r#""errors": [{"shape": "NotFound"}, {"shape": "Throttled"}]"#),
            (r#""String": {"type": "string"}"#, r#""String": {"type": "string"},
                "Throttled": {"type": "structure", "members": {}, "exception": true}"#),
        ]));
        assert_eq!(
            lines(&r),
            [
                "ok operation `ListThings` may return `Throttled`",
                "ok error `Throttled` added",
                "ok `Thing.color` added (optional, `Option<String>`)",
                "ok `Status::Paused` (`PAUSED`) added",
                "ok `Form::Star(String)` added",
            ]
        );
        assert_eq!(r.bump("0.1.0"), Bump::Patch);
        assert_eq!(r.next_version("0.1.3").unwrap(), "0.1.4");
        assert_eq!(r.next_version("1.2.3").unwrap(), "1.3.0");
    }

    #[test]
    fn removals_and_type_changes_are_breaking() {
        let r = report(&edit(&[
            (r#""DeleteThing": {"name": "DeleteThing", "http": {"method": "DELETE", "requestUri": "/things/{id}"},
          "input": {"shape": "DeleteThingRequest"}}"#, r#""Unused": {"name": "Unused", "http": {"method": "GET", "requestUri": "/u"}}"#),
            (r#""size": {"shape": "Integer"}, "#, ""),
            (r#""required": ["name"]"#, r#""required": ["name", "shape"]"#),
            (r#""nextToken": {"shape": "String"}}"#, r#""nextToken": {"shape": "Integer"}}"#),
            (r#""enum": ["ON", "OFF"]"#, r#""enum": ["ON"]"#),
            (r#""circle": {"shape": "Integer"}, "#, ""),
            (r#""errors": [{"shape": "NotFound"}]"#, r#""errors": []"#),
        ]));
        assert_eq!(
            lines(&r),
            [
                "BREAKING operation `DeleteThing` removed",
                "ok operation `Unused` added",
                "BREAKING operation `ListThings` no longer returns `NotFound`",
                // No longer an operation input, so its label is a body member (ir::Protocol::effective_location).
                "ok `DeleteThingRequest.id`: sent as `label id` → `body id`",
                "BREAKING `ListThingsResponse.next_token`: type `Option<String>` → `Option<i32>`",
                "BREAKING `Thing.shape`: optional → required",
                "BREAKING `Thing.size` removed",
                "BREAKING `Status::Off` (`OFF`) removed",
                "BREAKING `Form::Circle` removed",
            ]
        );
        assert_eq!(r.breaking(), 7);
        assert_eq!(r.next_version("0.1.4").unwrap(), "0.2.0");
        assert_eq!(r.next_version("1.2.3").unwrap(), "2.0.0");
        let md = r.markdown("t 0.1.4 → 0.2.0");
        assert!(md.starts_with("## t 0.1.4 → 0.2.0\n\n7 breaking changes, 2 non-breaking changes, 0 documentation changes"), "{md}");
        assert!(md.contains("\n### Breaking changes\n\nOperations:\n- operation `DeleteThing` removed: its `operations::` struct"), "{md}");
    }

    #[test]
    fn documentation_changes_are_counted_not_listed() {
        let r = report(&edit(&[(r#""documentation": "<p>The name.</p>""#, r#""documentation": "<p>Its name.</p>""#)]));
        assert!(r.changes.is_empty(), "{r:?}");
        assert_eq!(r.docs_changed, 1);
        assert_eq!(r.next_version("0.1.0").unwrap(), "0.1.1");
        assert_eq!(r.next_version("1.0.0").unwrap(), "1.0.1");
    }

    #[test]
    fn wire_and_paginator_changes_are_listed_as_non_breaking() {
        let r = report(&edit(&[
            (r#""locationName": "maxResults""#, r#""locationName": "limit""#),
            (r#""requestUri": "/things"}"#, r#""requestUri": "/v2/things"}"#),
        ]));
        assert_eq!(
            lines(&r),
            [
                "ok operation `ListThings`: HTTP binding `GET /things` → `GET /v2/things`",
                "ok `ListThingsRequest.max_results`: sent as `query maxResults` → `query limit`",
            ]
        );
    }

    #[test]
    fn bad_versions_are_errors() {
        let r = report(BASE);
        assert!(r.next_version("1.2").is_err());
        assert!(r.next_version("one.two.three").is_err());
    }

    #[test]
    fn changes_file_keeps_the_newest_first() {
        let one = prepend_changes("", "t", "## t 0.1.1\n\nolder\n");
        let two = prepend_changes(&one, "t", "## t 0.2.0\n\nnewer\n");
        assert!(two.starts_with("# Changes to the generated `t` crate\n"), "{two}");
        let (older, newer) = (two.find("older").unwrap(), two.find("newer").unwrap());
        assert!(newer < older, "{two}");
        assert_eq!(two.matches("# Changes to").count(), 1);
        assert!(two.ends_with("older\n"));
    }
}

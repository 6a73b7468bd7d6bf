//! Every Rust name the generator emits comes from here: one general rule per
//! namespace, no hand-kept rename table.
//!
//! The rules:
//! 1. Convert: types keep the model's name when it is already a valid
//!    UpperCamelCase identifier, otherwise heck's UpperCamelCase; fields and
//!    modules are heck's snake_case; enum variants are the value's words in
//!    UpperCamelCase, with `_` kept between two digits (`2023_01_01`).
//! 2. Make it an identifier: a leading digit gets a prefix (`V` for type-like
//!    names, `_` for snake-case names); an empty result becomes `Value` /
//!    `value`.
//! 3. Reserved: a name the generated code itself uses in that namespace
//!    (`Unknown` among enum variants, prelude names among types) gets the suffix
//!    `Value`; keywords become raw identifiers (`r#type`), except those that
//!    cannot (`self`, `Self`, `super`, `crate`), which get a `_` suffix.
//! 4. Unique: when two names still collide, the later one (in IR order;
//!    for types, names valid as written come first) gets `_2`, `_3`, … until unique.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust keywords (strict and reserved, all editions).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names a generated module may use unqualified in type or value position:
/// every item of the std prelude (types, traits, variants), whether the
/// generated code uses it today or not, and `Self`. A model type or
/// operation with one of these names is renamed (`From` → `FromValue`), so
/// no model can shadow them (`tests/hostile-names` is generated from a model
/// that tries them all).
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut", "AsRef", "Box", "Clone", "Copy", "Default", "DoubleEndedIterator", "Drop", "Eq", "Err",
    "ExactSizeIterator", "Extend", "Fn", "FnMut", "FnOnce", "From", "FromIterator", "Into", "IntoIterator",
    "Iterator", "None", "Ok", "Option", "Ord", "PartialEq", "PartialOrd", "Result", "Self", "Send", "Sized",
    "Some", "String", "Sync", "ToOwned", "ToString", "TryFrom", "TryInto", "Unpin", "Vec",
];

/// Variant name the generated code uses for unknown enum values and union
/// members.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Whether `name` is a keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Builds an identifier from an already-safe name: keywords become raw
/// identifiers (names that cannot be raw were already suffixed by the rules).
pub fn ident(name: &str) -> Ident {
    if is_keyword(name) && !NOT_RAW.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

fn is_upper_camel(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The UpperCamelCase name for a model type (before uniqueness).
fn type_candidate(name: &str) -> String {
    let base = if is_upper_camel(name) {
        name.to_string()
    } else {
        camel_words(name)
    };
    fix_leading(base, "V", "Value")
}

/// snake_case for fields and modules (before uniqueness).
fn snake_candidate(name: &str) -> String {
    let base: String = name
        .to_snake_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let base = base.trim_matches('_').to_string();
    let base = fix_leading(base, "_", "value");
    if NOT_RAW.contains(&base.as_str()) {
        format!("{base}_")
    } else {
        base
    }
}

/// Joins the words of `value` in UpperCamelCase, keeping `_` between two
/// digits so `2023-01-01` stays readable as `2023_01_01`.
fn camel_words(value: &str) -> String {
    let mut out = String::new();
    for word in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        let word = word.to_upper_camel_case();
        if word.is_empty() {
            continue;
        }
        let joins_digits = out.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit());
        if joins_digits {
            out.push('_');
        }
        out.push_str(&word);
    }
    out
}

fn fix_leading(name: String, prefix: &str, empty: &str) -> String {
    if name.is_empty() {
        empty.to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    }
}

/// Assigns unique names in order: a reserved candidate gets
/// `reserved_suffix` (rule 3); one already taken gets `_2`, `_3`, … (rule 4).
fn assign(
    candidates: impl IntoIterator<Item = String>,
    reserved: &[&str],
    reserved_suffix: &str,
) -> Vec<String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for mut name in candidates {
        if reserved.contains(&name.as_str()) {
            name.push_str(reserved_suffix);
        }
        let mut unique = name.clone();
        let mut n = 2;
        while taken.contains(&unique) || reserved.contains(&unique.as_str()) {
            let sep = if name.ends_with('_') { "" } else { "_" };
            unique = format!("{name}{sep}{n}");
            n += 1;
        }
        taken.insert(unique.clone());
        out.push(unique);
    }
    out
}

/// Rust type names for the given model shape names (in the order given,
/// which must be deterministic), keyed by model name.
pub fn type_names<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let names: Vec<&str> = names.into_iter().collect();
    // Names that are valid as they are claim their name first, so a
    // converted name (`Foo_Bar` → `FooBar`) never displaces the model's own.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| !is_upper_camel(names[i]));
    let assigned = assign(order.iter().map(|&i| type_candidate(names[i])), RESERVED_TYPE_NAMES, "Value");
    order.into_iter().map(|i| names[i].to_string()).zip(assigned).collect()
}

/// Module (file) names for the given Rust type names, in the same order.
pub fn module_names<'a>(type_names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // `mod.rs`/`lib.rs` would clash with the files the generator writes itself.
    assign(type_names.into_iter().map(snake_candidate), &["mod", "lib"], "_value")
}

/// Field names for the members of one structure, in member order.
pub fn field_names<'a>(members: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    assign(members.into_iter().map(snake_candidate), &[], "_value")
}

/// Variant names for the values of one string enum, in model order. The
/// variant [`UNKNOWN_VARIANT`] is reserved for unknown values.
pub fn enum_variant_names<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let candidates = values.into_iter().map(|v| fix_leading(camel_words(v), "V", "Value"));
    assign(candidates, &[UNKNOWN_VARIANT, "Self"], "Value")
}

/// Variant names for the members of one union, in member order. The variant
/// [`UNKNOWN_VARIANT`] is reserved for unknown members.
pub fn union_variant_names<'a>(members: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let candidates = members.into_iter().map(type_candidate);
    assign(candidates, &[UNKNOWN_VARIANT, "Self"], "Value")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_type(name: &str) -> String {
        type_names([name]).remove(name).unwrap()
    }

    #[test]
    fn type_names_keep_model_name() {
        assert_eq!(one_type("ListModelInvocationJobsRequest"), "ListModelInvocationJobsRequest");
        assert_eq!(one_type("ModelInvocationJobS3InputDataConfig"), "ModelInvocationJobS3InputDataConfig");
    }

    #[test]
    fn type_names_fix_invalid_case_and_characters() {
        assert_eq!(one_type("__listOfString"), "ListOfString");
        assert_eq!(one_type("lowerStart"), "LowerStart");
        assert_eq!(one_type("Has_Underscore"), "HasUnderscore");
        assert_eq!(one_type("3DModel"), "V3dModel");
    }

    #[test]
    fn type_names_avoid_prelude_names() {
        assert_eq!(one_type("Option"), "OptionValue");
        assert_eq!(one_type("Result"), "ResultValue");
        assert_eq!(one_type("String"), "StringValue");
        assert_eq!(one_type("Box"), "BoxValue");
    }

    #[test]
    fn type_names_are_unique() {
        let names = type_names(["Foo_Bar", "FooBar", "Option", "OptionValue"]);
        let values: BTreeSet<&String> = names.values().collect();
        assert_eq!(values.len(), 4, "{names:?}");
        assert_eq!(names["FooBar"], "FooBar");
        assert_eq!(names["Foo_Bar"], "FooBar_2");
        assert_eq!(names["Option"], "OptionValue");
        assert_eq!(names["OptionValue"], "OptionValue_2");
    }

    #[test]
    fn field_names_snake_case_and_keywords() {
        assert_eq!(
            field_names(["jobArn", "type", "self", "Self", "super", "crate", "match", "async", "3dThing", "ARN"]),
            ["job_arn", "type", "self_", "self_2", "super_", "crate_", "match", "async", "_3d_thing", "arn"]
        );
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self_").to_string(), "self_");
    }

    #[test]
    fn field_names_collisions() {
        assert_eq!(field_names(["fooBar", "FooBar", "foo_bar"]), ["foo_bar", "foo_bar_2", "foo_bar_3"]);
    }

    #[test]
    fn enum_variants_for_odd_values() {
        assert_eq!(
            enum_variant_names(["ml.p4d.24xlarge", "us-east-1", "2023-01-01", "IN_PROGRESS", "Unknown", "self", "*", "a+b"]),
            ["MlP4d24xlarge", "UsEast1", "V2023_01_01", "InProgress", "UnknownValue", "SelfValue", "Value", "AB"]
        );
    }

    #[test]
    fn enum_variants_are_unique() {
        assert_eq!(
            enum_variant_names(["us-east-1", "US_EAST_1", "usEast1"]),
            ["UsEast1", "UsEast1_2", "UsEast1_3"]
        );
    }

    #[test]
    fn union_variants() {
        assert_eq!(union_variant_names(["s3Uri", "unknown", "Unknown", "type"]), ["S3Uri", "UnknownValue", "UnknownValue_2", "Type"]);
    }

    #[test]
    fn module_names_unique_and_safe() {
        assert_eq!(module_names(["FooBar", "FOOBar", "Type", "Self", "Mod"]), ["foo_bar", "foo_bar_2", "type", "self_", "mod_value"]);
        assert_eq!(ident("type").to_string(), "r#type");
    }

    #[test]
    fn every_keyword_becomes_a_valid_identifier() {
        for kw in KEYWORDS {
            let field = &field_names([*kw])[0];
            let id = ident(field);
            // Must parse as an identifier in field position.
            let parsed: syn::Result<syn::Ident> = syn::parse_str(&id.to_string());
            let ok = parsed.is_ok() || id.to_string().starts_with("r#");
            assert!(ok, "{kw} -> {id}");
            let ty = one_type(&kw.to_upper_camel_case());
            assert!(syn::parse_str::<syn::Ident>(&ty).is_ok(), "{kw} -> {ty}");
        }
    }
}

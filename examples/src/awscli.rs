//! The AWS CLI's output, ported from `awscli/formatter.py`, `awscli/text.py`
//! and `awscli/table.py`:
//!
//! - [`Doc`]: a JSON document that keeps key order, as the CLI's Python
//!   dicts do (serde_json's `Value` sorts keys in this build).
//! - [`to_json`]: `json.dumps(response, indent=4, ensure_ascii=False)`.
//! - [`to_text`]: `text.format_text` (tab-separated, one line per dict,
//!   upper-cased identifiers, sorted scalar keys).
//! - [`to_table`]: the `MultiTable` of `--output table` (no colour).
//! - [`query`]: `--query`, JMESPath with the `jmespath` crate (the reference
//!   Rust implementation, from the JMESPath project itself).
//! - [`iso8601`]: timestamps as the CLI v2 prints them
//!   (`datetime.isoformat()`).
//!
//! Python's `str()` of scalars is kept: `True`/`False`, `None`, floats with
//! `repr` (`1.0`, `1e+16`).

use std::fmt::Write as _;

use indexmap::IndexMap;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON document with its keys in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Doc {
    /// `null` (Python's `None`).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// A list.
    List(Vec<Doc>),
    /// An object, in key order.
    Map(IndexMap<String, Doc>),
}

impl<'de> Deserialize<'de> for Doc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Doc, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Doc;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Doc, E> {
                Ok(Doc::Null)
            }
            fn visit_none<E>(self) -> Result<Doc, E> {
                Ok(Doc::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Doc, E> {
                Ok(Doc::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Doc, E> {
                Ok(Doc::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Doc, E> {
                Ok(Doc::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Doc, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Doc::Null, Doc::Number))
            }
            fn visit_str<E>(self, v: &str) -> Result<Doc, E> {
                Ok(Doc::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Doc, E> {
                Ok(Doc::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Doc, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(Doc::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Doc, A::Error> {
                let mut out = IndexMap::new();
                while let Some((k, v)) = map.next_entry::<String, Doc>()? {
                    out.insert(k, v);
                }
                Ok(Doc::Map(out))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl Doc {
    /// The wire JSON of any serializable value, in its serialization order.
    pub fn of<T: serde::Serialize>(value: &T) -> Result<Doc, serde_json::Error> {
        serde_json::from_str(&serde_json::to_string(value)?)
    }

    /// An empty object.
    pub fn map() -> Doc {
        Doc::Map(IndexMap::new())
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Doc> {
        match self {
            Doc::Map(m) => m.get(key),
            _ => None,
        }
    }

    /// Sets `key` of an object (appended when new).
    pub fn insert(&mut self, key: &str, value: Doc) {
        if let Doc::Map(m) = self {
            m.insert(key.to_owned(), value);
        }
    }

    fn is_container(&self) -> bool {
        matches!(self, Doc::List(_) | Doc::Map(_))
    }

    fn to_value(&self) -> serde_json::Value {
        match self {
            Doc::Null => serde_json::Value::Null,
            Doc::Bool(b) => (*b).into(),
            Doc::Number(n) => serde_json::Value::Number(n.clone()),
            Doc::String(s) => s.clone().into(),
            Doc::List(l) => l.iter().map(Doc::to_value).collect(),
            Doc::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.to_value())).collect(),
        }
    }

    /// Rewrites, wherever it occurs under a member named in `keys`, a
    /// timestamp (epoch seconds or a string) as the CLI v2 prints it.
    pub fn timestamps_to_iso8601(&mut self, keys: &[&str]) {
        match self {
            Doc::List(l) => l.iter_mut().for_each(|d| d.timestamps_to_iso8601(keys)),
            Doc::Map(m) => {
                for (k, v) in m.iter_mut() {
                    if keys.contains(&k.as_str()) {
                        if let Some(t) = parse_timestamp(v) {
                            *v = Doc::String(iso8601(&t));
                            continue;
                        }
                    }
                    v.timestamps_to_iso8601(keys);
                }
            }
            _ => {}
        }
    }
}

fn parse_timestamp(value: &Doc) -> Option<chrono::DateTime<chrono::Utc>> {
    match value {
        Doc::Number(n) => {
            let secs = n.as_f64()?;
            let whole = secs.floor();
            let micros = ((secs - whole) * 1e6).round() as u32;
            chrono::DateTime::from_timestamp(whole as i64, micros * 1000)
        }
        Doc::String(s) => chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.to_utc()),
        _ => None,
    }
}

/// Python's `datetime.isoformat()` of a UTC time: microseconds only when
/// not zero, and `+00:00`.
pub fn iso8601(t: &chrono::DateTime<chrono::Utc>) -> String {
    let micros = t.timestamp_subsec_micros();
    let base = t.format("%Y-%m-%dT%H:%M:%S");
    if micros == 0 {
        format!("{base}+00:00")
    } else {
        format!("{base}.{micros:06}+00:00")
    }
}

/// Python's `repr(float)`.
fn python_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    let abs = v.abs();
    if abs != 0.0 && !(1e-4..1e16).contains(&abs) {
        let s = format!("{v:e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        let (sign, digits) = match exponent.strip_prefix('-') {
            Some(d) => ('-', d),
            None => ('+', exponent),
        };
        return format!("{mantissa}e{sign}{digits:0>2}");
    }
    let s = format!("{v}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

fn number_text(n: &serde_json::Number) -> String {
    if n.is_f64() {
        python_float(n.as_f64().unwrap_or_default())
    } else {
        n.to_string()
    }
}

/// Python's `str()` of a scalar.
fn python_str(d: &Doc) -> String {
    match d {
        Doc::Null => "None".into(),
        Doc::Bool(true) => "True".into(),
        Doc::Bool(false) => "False".into(),
        Doc::Number(n) => number_text(n),
        Doc::String(s) => s.clone(),
        Doc::List(_) | Doc::Map(_) => to_python_repr(d),
    }
}

fn to_python_repr(d: &Doc) -> String {
    match d {
        Doc::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Doc::List(l) => format!(
            "[{}]",
            l.iter().map(to_python_repr).collect::<Vec<_>>().join(", ")
        ),
        Doc::Map(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("'{k}': {}", to_python_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => python_str(other),
    }
}

// ---------------------------------------------------------------------------
// --output json
// ---------------------------------------------------------------------------

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_value(out: &mut String, d: &Doc, level: usize) {
    let pad = |out: &mut String, level: usize| out.extend(std::iter::repeat_n("    ", level));
    match d {
        Doc::Null => out.push_str("null"),
        Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Doc::Number(n) => out.push_str(&number_text(n)),
        Doc::String(s) => json_string(out, s),
        Doc::List(l) if l.is_empty() => out.push_str("[]"),
        Doc::Map(m) if m.is_empty() => out.push_str("{}"),
        Doc::List(l) => {
            out.push_str("[\n");
            for (i, item) in l.iter().enumerate() {
                pad(out, level + 1);
                json_value(out, item, level + 1);
                out.push_str(if i + 1 < l.len() { ",\n" } else { "\n" });
            }
            pad(out, level);
            out.push(']');
        }
        Doc::Map(m) => {
            out.push_str("{\n");
            for (i, (k, v)) in m.iter().enumerate() {
                pad(out, level + 1);
                json_string(out, k);
                out.push_str(": ");
                json_value(out, v, level + 1);
                out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            pad(out, level);
            out.push('}');
        }
    }
}

/// `--output json`: nothing for an empty object (the CLI's rule), else
/// `json.dumps(indent=4, ensure_ascii=False)` and a newline.
pub fn to_json(d: &Doc) -> String {
    if matches!(d, Doc::Map(m) if m.is_empty()) {
        return String::new();
    }
    let mut out = String::new();
    json_value(&mut out, d, 0);
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------
// --output text (awscli/text.py)
// ---------------------------------------------------------------------------

/// `--output text` of one document (`text.format_text`).
pub fn to_text(d: &Doc) -> String {
    let mut out = String::new();
    text_item(&mut out, d, None, None);
    out
}

fn text_item(
    out: &mut String,
    item: &Doc,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
) {
    match item {
        Doc::Map(m) => text_dict(out, m, identifier, scalar_keys),
        Doc::List(l) => text_list(out, l, identifier),
        scalar => {
            out.push_str(&python_str(scalar));
            out.push('\n');
        }
    }
}

fn text_list(out: &mut String, items: &[Doc], identifier: Option<&str>) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(|e| matches!(e, Doc::Map(_))) {
        let mut keys: Vec<String> = items
            .iter()
            .filter_map(|e| match e {
                Doc::Map(m) => Some(
                    m.iter()
                        .filter(|(_, v)| !v.is_container())
                        .map(|(k, _)| k.clone()),
                ),
                _ => None,
            })
            .flatten()
            .collect();
        keys.sort();
        keys.dedup();
        for element in items {
            text_item(out, element, identifier, Some(&keys));
        }
    } else if items.iter().any(|e| matches!(e, Doc::List(_))) {
        let (scalars, others): (Vec<&Doc>, Vec<&Doc>) =
            items.iter().partition(|e| !e.is_container());
        if !scalars.is_empty() {
            text_scalar_list(out, &scalars, identifier);
        }
        for other in others {
            text_item(out, other, identifier, None);
        }
    } else {
        text_scalar_list(out, &items.iter().collect::<Vec<_>>(), identifier);
    }
}

fn text_scalar_list(out: &mut String, items: &[&Doc], identifier: Option<&str>) {
    match identifier {
        Some(id) => {
            for item in items {
                let _ = writeln!(out, "{}\t{}", id.to_uppercase(), python_str(item));
            }
        }
        None => {
            out.push_str(
                &items
                    .iter()
                    .map(|i| python_str(i))
                    .collect::<Vec<_>>()
                    .join("\t"),
            );
            out.push('\n');
        }
    }
}

fn text_dict(
    out: &mut String,
    m: &IndexMap<String, Doc>,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
) {
    let mut scalars = Vec::new();
    let mut non_scalars: Vec<(&str, &Doc)> = Vec::new();
    match scalar_keys {
        None => {
            let mut sorted: Vec<(&String, &Doc)> = m.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in sorted {
                if v.is_container() {
                    non_scalars.push((k, v));
                } else {
                    scalars.push(python_str(v));
                }
            }
        }
        Some(keys) => {
            for k in keys {
                scalars.push(m.get(k).map_or_else(String::new, python_str));
            }
            let mut rest: Vec<&String> = m.keys().filter(|k| !keys.contains(k)).collect();
            rest.sort();
            for k in rest {
                non_scalars.push((k, &m[k]));
            }
        }
    }
    if !scalars.is_empty() {
        if let Some(id) = identifier {
            scalars.insert(0, id.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (k, v) in non_scalars {
        text_item(out, v, Some(k), None);
    }
}

// ---------------------------------------------------------------------------
// --output table (awscli/formatter.py TableFormatter + awscli/table.py)
// ---------------------------------------------------------------------------

/// Display width as `table.get_text_length`: 2 for each character whose
/// East Asian width is wide, full-width or ambiguous, 1 for any other (tabs
/// and combining marks included).
fn text_length(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let c = c as u32;
            let wide = crate::east_asian_width::WIDE
                .binary_search_by(|&(a, b)| {
                    if b < c {
                        std::cmp::Ordering::Less
                    } else if a > c {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok();
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

#[derive(Debug, Default)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    num_cols: Option<usize>,
    max_widths: Vec<usize>,
}

impl Section {
    fn update_widths(&mut self, row: &[String]) {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|e| text_length(e)).collect();
        } else {
            for (i, e) in row.iter().enumerate() {
                if i < self.max_widths.len() {
                    self.max_widths[i] = self.max_widths[i].max(text_length(e));
                } else {
                    self.max_widths.push(text_length(e));
                }
            }
        }
    }

    fn add_header(&mut self, headers: Vec<String>) {
        self.update_widths(&headers);
        self.num_cols.get_or_insert(headers.len());
        self.headers = headers;
    }

    fn add_row(&mut self, row: Vec<String>) {
        self.num_cols.get_or_insert(row.len());
        self.update_widths(&row);
        self.rows.push(row);
    }

    fn column_widths(&self, padding: usize, max_width: Option<usize>) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let Some(max_width) = max_width else {
            return unscaled;
        };
        if unscaled.is_empty() {
            return unscaled;
        }
        let scale = max_width as f64 / unscaled.iter().sum::<usize>() as f64;
        let mut scaled: Vec<i64> = unscaled
            .iter()
            .map(|w| (scale * *w as f64).round_ties_even() as i64)
            .collect();
        let mut off_by = scaled.iter().sum::<i64>() - max_width as i64;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 {
                (0..scaled.len()).rev().collect()
            } else {
                (0..scaled.len()).collect()
            };
            for i in order {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }

    fn total_width(&self, padding: usize, outer: usize) -> usize {
        let total: usize = self
            .column_widths(0, None)
            .iter()
            .map(|w| w + padding)
            .sum::<usize>()
            + 2
            + 2 * outer;
        total.max(text_length(&self.title) + 2 + 2 * outer)
    }
}

fn center_text(text: &str, length: usize, left: &str, right: &str) -> String {
    let text_length = text_length(text) as i64;
    let length = length as i64;
    let start = (length / 2 - text_length / 2 - 1).max(0);
    let so_far = left.len() as i64 + start + text_length;
    let right_spaces = (length - right.len() as i64 - so_far).max(0);
    format!(
        "{left}{}{text}{}{right}",
        " ".repeat(start as usize),
        " ".repeat(right_spaces as usize)
    )
}

fn align_left(text: &str, length: usize, left: &str, right: &str) -> String {
    let text_length = text_length(text);
    let padding = if length >= text_length + 2 + left.len() + right.len() {
        2
    } else {
        0
    };
    let so_far = left.len() + padding + text_length;
    let fill = length.saturating_sub(so_far + right.len());
    format!(
        "{left}{}{text}{}{right}",
        " ".repeat(padding),
        " ".repeat(fill)
    )
}

struct TableBuilder {
    sections: Vec<Section>,
}

impl TableBuilder {
    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        self.sections.last_mut().expect("a section")
    }

    fn new_section(&mut self, title: &str, indent: usize) {
        self.sections.push(Section {
            title: title.to_owned(),
            indent,
            ..Section::default()
        });
    }

    fn build(&mut self, title: Option<&str>, current: &Doc, indent: usize) -> bool {
        let empty = match current {
            Doc::Null => true,
            Doc::Bool(b) => !b,
            Doc::String(s) => s.is_empty(),
            Doc::List(l) => l.is_empty(),
            Doc::Map(m) => m.is_empty(),
            Doc::Number(n) => n.as_f64() == Some(0.0),
        };
        if empty {
            return false;
        }
        if let Some(title) = title {
            self.new_section(title, indent);
        }
        match current {
            Doc::List(list) => {
                if matches!(list[0], Doc::Map(_)) {
                    self.sub_table_from_list(list, indent, title);
                } else {
                    for item in list {
                        match item {
                            Doc::List(inner) if inner.iter().all(|e| !e.is_container()) => {
                                self.current()
                                    .add_row(inner.iter().map(python_str).collect());
                            }
                            item if !item.is_container() => {
                                self.current().add_row(vec![python_str(item)])
                            }
                            item => {
                                self.build(None, item, 0);
                            }
                        }
                    }
                }
            }
            Doc::Map(map) => self.sub_table_from_dict(map, indent),
            _ => {}
        }
        true
    }

    fn group_keys(map: &IndexMap<String, Doc>) -> (Vec<String>, Vec<String>) {
        let mut headers: Vec<String> = map
            .iter()
            .filter(|(_, v)| !v.is_container())
            .map(|(k, _)| k.clone())
            .collect();
        let mut more: Vec<String> = map
            .iter()
            .filter(|(_, v)| v.is_container())
            .map(|(k, _)| k.clone())
            .collect();
        headers.sort();
        more.sort();
        (headers, more)
    }

    fn sub_table_from_dict(&mut self, map: &IndexMap<String, Doc>, indent: usize) {
        let (headers, more) = Self::group_keys(map);
        if headers.len() == 1 {
            let row = vec![headers[0].clone(), python_str(&map[&headers[0]])];
            self.current().add_row(row);
        } else if !headers.is_empty() {
            let row = headers.iter().map(|h| python_str(&map[h])).collect();
            self.current().add_header(headers);
            self.current().add_row(row);
        }
        for key in more {
            self.build(Some(&key), &map[&key], indent + 1);
        }
    }

    fn sub_table_from_list(&mut self, list: &[Doc], indent: usize, title: Option<&str>) {
        let mut headers = std::collections::BTreeSet::new();
        let mut more = std::collections::BTreeSet::new();
        for item in list {
            if let Doc::Map(m) = item {
                let (h, n) = Self::group_keys(m);
                headers.extend(h);
                more.extend(n);
            }
        }
        let headers: Vec<String> = headers.into_iter().collect();
        let more: Vec<String> = more.into_iter().collect();
        self.current().add_header(headers.clone());
        let mut first = true;
        for element in list {
            if !first && !more.is_empty() {
                self.new_section(title.unwrap_or_default(), indent);
                self.current().add_header(headers.clone());
            }
            first = false;
            let Doc::Map(m) = element else { continue };
            let row = headers
                .iter()
                .map(|h| m.get(h).map_or_else(String::new, python_str))
                .collect();
            self.current().add_row(row);
            for key in &more {
                if let Some(value) = m.get(key) {
                    self.build(Some(key), value, indent + 1);
                }
            }
        }
    }

    fn max_width(&self) -> usize {
        self.sections
            .iter()
            .map(|s| s.total_width(4, s.indent))
            .max()
            .unwrap_or(0)
    }

    fn render(mut self, terminal_width: usize) -> String {
        let mut max_width = self.max_width();
        if max_width > terminal_width {
            // convert_to_vertical_table
            for section in &mut self.sections {
                if section.rows.len() == 1 && !section.headers.is_empty() {
                    let mut vertical = Section {
                        title: section.title.clone(),
                        indent: section.indent,
                        ..Section::default()
                    };
                    for (h, e) in section.headers.iter().zip(&section.rows[0]) {
                        vertical.add_row(vec![h.clone(), e.clone()]);
                    }
                    *section = vertical;
                }
            }
            max_width = self.max_width();
        }
        let mut out = format!("{}\n", "-".repeat(max_width));
        for section in &self.sections {
            let width = max_width.saturating_sub(section.indent * 2);
            let bars = "|".repeat(section.indent);
            let mut line = |text: String| out.push_str(&format!("{bars}{text}{bars}\n"));
            if !section.title.is_empty() {
                line(center_text(&section.title, width, "|", "|"));
                if section.headers.is_empty() && section.rows.is_empty() {
                    line(format!("+{}+", "-".repeat(width.saturating_sub(2))));
                }
            }
            let widths = section.column_widths(4, Some(width));
            let line_break = |widths: &[usize]| {
                widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if i == 0 {
                            format!("+{}+", "-".repeat(w.saturating_sub(2)))
                        } else {
                            format!("{}+", "-".repeat(w.saturating_sub(1)))
                        }
                    })
                    .collect::<String>()
            };
            if !section.headers.is_empty() {
                line(line_break(&widths));
                let text: String = widths
                    .iter()
                    .zip(&section.headers)
                    .enumerate()
                    .map(|(i, (w, h))| center_text(h, *w, if i == 0 { "|" } else { "" }, "|"))
                    .collect();
                line(text);
            }
            if !section.rows.is_empty() && !widths.is_empty() {
                line(line_break(&widths));
                for row in &section.rows {
                    let text: String = widths
                        .iter()
                        .zip(row)
                        .enumerate()
                        .map(|(i, (w, e))| align_left(e, *w, if i == 0 { "|" } else { "" }, "|"))
                        .collect();
                    line(text);
                }
                line(line_break(&widths));
            }
        }
        out
    }
}

/// `--output table`: the AWS CLI's table (no colour) titled `title` (the
/// operation name), fitted to `terminal_width` (80 when stdout is not a
/// terminal, as the CLI); nothing for an empty document.
pub fn to_table(d: &Doc, title: &str, terminal_width: usize) -> String {
    let mut builder = TableBuilder {
        sections: Vec::new(),
    };
    if !builder.build(Some(title), d, 0) {
        return String::new();
    }
    builder.render(terminal_width)
}

// ---------------------------------------------------------------------------
// --query
// ---------------------------------------------------------------------------

/// A compiled `--query`.
pub struct Query(jmespath::Expression<'static>);

impl Query {
    /// Compiles a JMESPath expression; the error says where it is wrong.
    pub fn new(expression: &str) -> Result<Query, String> {
        jmespath::compile(expression)
            .map(Query)
            .map_err(|e| e.to_string())
    }

    /// Applies the query. JMESPath objects come back with sorted keys; each
    /// is put back in the order of an object of the input with the same
    /// keys, when there is one (the order the AWS CLI prints).
    pub fn search(&self, d: &Doc) -> Result<Doc, String> {
        let value = d.to_value();
        let result = self.0.search(value).map_err(|e| e.to_string())?;
        let json = serde_json::to_string(&*result).map_err(|e| e.to_string())?;
        let mut out: Doc = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        let mut orders = std::collections::HashMap::new();
        key_orders(d, &mut orders);
        reorder(&mut out, &orders);
        Ok(out)
    }
}

fn key_orders(d: &Doc, orders: &mut std::collections::HashMap<Vec<String>, Vec<String>>) {
    match d {
        Doc::List(l) => l.iter().for_each(|e| key_orders(e, orders)),
        Doc::Map(m) => {
            let order: Vec<String> = m.keys().cloned().collect();
            let mut sorted = order.clone();
            sorted.sort();
            orders.entry(sorted).or_insert(order);
            m.values().for_each(|v| key_orders(v, orders));
        }
        _ => {}
    }
}

fn reorder(d: &mut Doc, orders: &std::collections::HashMap<Vec<String>, Vec<String>>) {
    match d {
        Doc::List(l) => l.iter_mut().for_each(|e| reorder(e, orders)),
        Doc::Map(m) => {
            m.values_mut().for_each(|v| reorder(v, orders));
            let mut sorted: Vec<String> = m.keys().cloned().collect();
            sorted.sort();
            if let Some(order) = orders.get(&sorted) {
                let mut reordered = IndexMap::new();
                for k in order {
                    if let Some(v) = m.shift_remove(k) {
                        reordered.insert(k.clone(), v);
                    }
                }
                *m = reordered;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Doc {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn json_is_pythons_indent_4() {
        let d = doc(r#"{"b": [1, 2.5, 1.0, true, null, "é\n"], "a": {}, "c": []}"#);
        assert_eq!(
            to_json(&d),
            "{\n    \"b\": [\n        1,\n        2.5,\n        1.0,\n        true,\n        null,\n        \"é\\n\"\n    ],\n    \"a\": {},\n    \"c\": []\n}\n"
        );
        assert_eq!(to_json(&doc("{}")), "");
        assert_eq!(to_json(&doc("[]")), "[]\n");
    }

    #[test]
    fn text_is_awscli_text_py() {
        let d = doc(
            r#"{"items": [{"name": "a", "n": 1, "sub": {"x": true}}, {"name": "b", "extra": null}], "Next": "t"}"#,
        );
        assert_eq!(
            to_text(&d),
            "t\nITEMS\t\t1\ta\nSUB\tTrue\nITEMS\tNone\t\tb\n"
        );
        assert_eq!(to_text(&doc(r#"["a", "b"]"#)), "a\tb\n");
        assert_eq!(to_text(&doc(r#"{"l": ["a", "b"]}"#)), "L\ta\nL\tb\n");
    }

    #[test]
    fn floats_as_python_repr() {
        for (v, s) in [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (123456.789, "123456.789"),
        ] {
            assert_eq!(python_float(v), s);
        }
    }

    #[test]
    fn query_keeps_the_documents_key_order() {
        let d = doc(r#"{"jobs": [{"z": 1, "a": 2}, {"z": 3, "a": 4}]}"#);
        let q = Query::new("jobs[0]").unwrap();
        assert_eq!(
            to_json(&q.search(&d).unwrap()),
            "{\n    \"z\": 1,\n    \"a\": 2\n}\n"
        );
        assert_eq!(
            to_text(&Query::new("jobs[].a").unwrap().search(&d).unwrap()),
            "2\t4\n"
        );
        assert!(Query::new("jobs[").is_err());
    }

    #[test]
    fn timestamps_as_isoformat() {
        let mut d = doc(r#"{"t": 1714651200, "u": "2024-05-01T12:00:00.5Z", "v": "x"}"#);
        d.timestamps_to_iso8601(&["t", "u"]);
        assert_eq!(
            d.get("t"),
            Some(&Doc::String("2024-05-02T12:00:00+00:00".into()))
        );
        assert_eq!(
            d.get("u"),
            Some(&Doc::String("2024-05-01T12:00:00.500000+00:00".into()))
        );
    }
}

//! [`JsonPaginator`]: the paginator driven by a `paginators-1.json` entry,
//! over dynamic requests and responses.

use base64::Engine as _;

use super::{GlueError, Paginate, ResultList, TokenMap, TokenValue};

/// A `paginators-1.json` entry, implementing [`Paginate`] over dynamic
/// documents: Input = Output = [`TokenValue`], the data model botocore itself
/// works on (JSON values plus bytes, maps in insertion order). Items are
/// `TokenValue`s too.
///
/// Why not `serde_json::Value`: botocore keeps a response's member order and
/// its bytes, and both show in resume tokens (a DynamoDB key `{"pk": ..,
/// "bin": {"B": b"..."}}` is encoded in that order, with
/// `boto_encoded_keys`); `serde_json::Value` sorts keys (unless serde_json's
/// `preserve_order` feature is on) and has no bytes. Convert with
/// [`TokenValue::from_json`] / [`TokenValue::to_json`], or deserialize a
/// `TokenValue` directly from JSON text (which keeps the text's order).
///
/// Expressions: the forms found in botocore's paginators: member names,
/// dotted paths (`ResultSet.Rows`), indexes (`Jobs[-1].JobId`) and `a || b`,
/// with JMESPath semantics (a missing member is `null`; `||` takes the right
/// side when the left is `null`, `false`, `""`, `[]` or `{}`). Result keys and
/// non-aggregate keys must be dotted paths (botocore writes to them).
#[derive(Clone, Debug, PartialEq)]
pub struct JsonPaginator {
    input_tokens: Vec<String>,
    output_tokens: Vec<Expr>,
    limit_key: Option<String>,
    string_limit_key: bool,
    more_results: Option<Expr>,
    result_keys: Vec<Expr>,
    non_aggregate_keys: Vec<Expr>,
}

/// A `paginators-1.json` entry that [`JsonPaginator::from_config`] cannot use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid paginator config: {0}")]
pub struct ConfigError(String);

impl JsonPaginator {
    /// Reads one entry of `paginators-1.json`'s `pagination` object, e.g.
    /// `{"input_token": "nextToken", "output_token": "nextToken",
    /// "limit_key": "maxResults", "result_key": "invocationJobSummaries"}`.
    pub fn from_config(config: &serde_json::Value) -> Result<Self, ConfigError> {
        use serde_json::Value;
        let obj = config.as_object().ok_or_else(|| ConfigError("not an object".into()))?;
        let strings = |key: &str, required: bool| -> Result<Vec<String>, ConfigError> {
            match obj.get(key) {
                None | Some(Value::Null) if !required => Ok(Vec::new()),
                None | Some(Value::Null) => Err(ConfigError(format!("{key} is missing"))),
                Some(Value::String(s)) => Ok(vec![s.clone()]),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| ConfigError(format!("{key} holds a non-string"))))
                    .collect(),
                Some(_) => Err(ConfigError(format!("{key} is neither a string nor a list"))),
            }
        };
        let input_tokens = strings("input_token", true)?;
        let output_tokens = strings("output_token", true)?
            .iter()
            .map(|s| Expr::parse(s))
            .collect::<Result<Vec<_>, _>>()?;
        let result_keys = strings("result_key", true)?
            .iter()
            .map(|s| Expr::parse_path(s))
            .collect::<Result<Vec<_>, _>>()?;
        let non_aggregate_keys = strings("non_aggregate_keys", false)?
            .iter()
            .map(|s| Expr::parse_path(s))
            .collect::<Result<Vec<_>, _>>()?;
        let more_results = match obj.get("more_results") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(Expr::parse(s)?),
            Some(_) => return Err(ConfigError("more_results is not a string".into())),
        };
        let limit_key = match obj.get("limit_key") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(ConfigError("limit_key is not a string".into())),
        };
        if input_tokens.is_empty() || result_keys.is_empty() {
            return Err(ConfigError("input_token and result_key must not be empty".into()));
        }
        Ok(JsonPaginator {
            input_tokens,
            output_tokens,
            limit_key,
            string_limit_key: false,
            more_results,
            result_keys,
            non_aggregate_keys,
        })
    }

    /// Declares the limit key a string member (PageSize is then sent as a
    /// decimal string, as botocore does for e.g. Route 53 `MaxItems`).
    pub fn with_string_limit_key(mut self, is_string: bool) -> Self {
        self.string_limit_key = is_string;
        self
    }

    fn primary_path(&self) -> &[String] {
        self.result_keys[0].path.as_deref().expect("result keys are paths")
    }
}

impl Paginate for JsonPaginator {
    type Input = TokenValue;
    type Output = TokenValue;
    type Primary = TokenValue;

    fn input_tokens(&self) -> Vec<&str> {
        self.input_tokens.iter().map(String::as_str).collect()
    }

    fn set_token(&self, input: &mut TokenValue, name: &str, value: Option<TokenValue>) -> Result<(), GlueError> {
        let TokenValue::Map(members) = input else {
            return Err(GlueError::Convert("the request is not a map".into()));
        };
        match value {
            Some(v) => map_insert(members, name, v),
            None => members.retain(|(k, _)| k != name),
        }
        Ok(())
    }

    fn set_page_size(&self, input: &mut TokenValue, size: i64) -> Result<(), GlueError> {
        let key = self.limit_key.as_ref().ok_or(GlueError::NoLimitKey)?;
        let TokenValue::Map(members) = input else {
            return Err(GlueError::Convert("the request is not a map".into()));
        };
        let value = if self.string_limit_key { TokenValue::String(size.to_string()) } else { TokenValue::Int(size) };
        map_insert(members, key, value);
        Ok(())
    }

    fn output_tokens(&self, output: &TokenValue) -> Vec<Option<TokenValue>> {
        self.output_tokens
            .iter()
            .map(|e| match e.search(output) {
                TokenValue::Null => None,
                v => Some(v),
            })
            .collect()
    }

    fn more_results(&self, output: &TokenValue) -> Option<bool> {
        self.more_results.as_ref().map(|e| e.search(output).is_truthy())
    }

    fn primary<'a>(&self, output: &'a mut TokenValue) -> Option<&'a mut TokenValue> {
        get_path_mut(output, self.primary_path())
    }

    fn blank_secondary(&self, output: &mut TokenValue) {
        // botocore writes the sliced primary back, or None when it was not a
        // list or string (creating the member).
        if !matches!(self.result_keys[0].search(output), TokenValue::List(_) | TokenValue::String(_)) {
            set_path(output, self.primary_path(), TokenValue::Null);
        }
        for key in &self.result_keys[1..] {
            let blank = match key.search(output) {
                TokenValue::List(_) => TokenValue::List(Vec::new()),
                TokenValue::String(_) => TokenValue::String(String::new()),
                n @ (TokenValue::Int(_) | TokenValue::Float(_) | TokenValue::Bool(_)) => n,
                _ => TokenValue::Null,
            };
            set_path(output, key.path.as_deref().expect("path"), blank);
        }
    }

    fn merge(&self, full: &mut TokenValue, page: TokenValue) {
        if matches!(full, TokenValue::Null) {
            *full = TokenValue::Map(Vec::new());
        }
        for key in &self.result_keys {
            let path = key.path.as_deref().expect("path");
            let value = key.search(&page);
            if matches!(value, TokenValue::Null) {
                continue;
            }
            let existing = key.search(full);
            if matches!(existing, TokenValue::Null) {
                set_path(full, path, value);
                continue;
            }
            match value {
                TokenValue::List(items) => {
                    if let Some(TokenValue::List(list)) = get_path_mut(full, path) {
                        list.extend(items);
                    }
                }
                TokenValue::Int(_) | TokenValue::Float(_) | TokenValue::Bool(_) | TokenValue::String(_) => {
                    if let Some(sum) = py_add(&existing, &value) {
                        set_path(full, path, sum);
                    }
                }
                _ => {}
            }
        }
    }

    fn copy_non_aggregate(&self, full: &mut TokenValue, first_page: &TokenValue) {
        if self.non_aggregate_keys.is_empty() {
            return;
        }
        let mut part = TokenValue::Map(Vec::new());
        for key in &self.non_aggregate_keys {
            set_path(&mut part, key.path.as_deref().expect("path"), key.search(first_page));
        }
        if matches!(full, TokenValue::Null) {
            *full = TokenValue::Map(Vec::new());
        }
        if let (TokenValue::Map(dst), TokenValue::Map(src)) = (full, part) {
            merge_dicts(dst, src);
        }
    }
}

impl ResultList for TokenValue {
    type Item = TokenValue;

    /// Python's `len`: list items, string characters, bytes, map members.
    fn len(&self) -> usize {
        match self {
            TokenValue::List(a) => a.len(),
            TokenValue::String(s) => s.chars().count(),
            TokenValue::Bytes(b) => b.len(),
            TokenValue::Map(m) => m.len(),
            _ => 0,
        }
    }

    /// Lists and strings are sliced; anything else becomes `null` (botocore).
    fn skip_front(&mut self, skip: i64) {
        match self {
            TokenValue::List(a) => a.skip_front(skip),
            TokenValue::String(s) => s.skip_front(skip),
            other => *other = TokenValue::Null,
        }
    }

    fn truncate_to(&mut self, keep: usize) {
        match self {
            TokenValue::List(a) => a.truncate(keep),
            TokenValue::String(s) => s.truncate_to(keep),
            TokenValue::Bytes(b) => b.truncate(keep),
            _ => {}
        }
    }

    /// List items; a string's characters; a map's keys (as Python iterates
    /// them).
    fn take_items(&mut self) -> Vec<TokenValue> {
        match std::mem::replace(self, TokenValue::Null) {
            TokenValue::List(a) => a,
            TokenValue::String(s) => s.chars().map(|c| TokenValue::String(c.to_string())).collect(),
            TokenValue::Bytes(b) => b.into_iter().map(|x| TokenValue::Int(x.into())).collect(),
            TokenValue::Map(m) => m.into_iter().map(|(k, _)| TokenValue::String(k)).collect(),
            _ => Vec::new(),
        }
    }
}

/// The key of the JSON object that stands for bytes in [`from_tagged_json`]
/// and [`to_tagged_json`] (the test vectors' form): `{"$bytes": "<base64>"}`.
pub const BYTES_KEY: &str = "$bytes";

/// Replaces every map `{"$bytes": "<standard base64>"}` by the bytes it
/// stands for.
pub fn from_tagged_json(value: TokenValue) -> TokenValue {
    match value {
        TokenValue::Map(m) => {
            if let [(k, TokenValue::String(b64))] = m.as_slice() {
                if k == BYTES_KEY {
                    if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64) {
                        return TokenValue::Bytes(bytes);
                    }
                }
            }
            TokenValue::Map(m.into_iter().map(|(k, v)| (k, from_tagged_json(v))).collect())
        }
        TokenValue::List(l) => TokenValue::List(l.into_iter().map(from_tagged_json).collect()),
        other => other,
    }
}

/// JSON with bytes written as `{"$bytes": "<standard base64>"}`.
pub fn to_tagged_json(value: &TokenValue) -> serde_json::Value {
    match value {
        TokenValue::Bytes(b) => {
            let mut o = serde_json::Map::new();
            o.insert(BYTES_KEY.to_owned(), base64::engine::general_purpose::STANDARD.encode(b).into());
            serde_json::Value::Object(o)
        }
        TokenValue::List(l) => serde_json::Value::Array(l.iter().map(to_tagged_json).collect()),
        TokenValue::Map(m) => serde_json::Value::Object(m.iter().map(|(k, v)| (k.clone(), to_tagged_json(v))).collect()),
        other => other.to_json(),
    }
}

/// Python dict assignment: an existing key keeps its place.
fn map_insert(map: &mut TokenMap, key: &str, value: TokenValue) {
    match map.iter_mut().find(|(k, _)| k == key) {
        Some(slot) => slot.1 = value,
        None => map.push((key.to_owned(), value)),
    }
}

fn map_get<'a>(map: &'a TokenMap, key: &str) -> Option<&'a TokenValue> {
    map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// JMESPath truthiness.
fn jmes_truthy(v: &TokenValue) -> bool {
    match v {
        TokenValue::Null | TokenValue::Bool(false) => false,
        TokenValue::String(s) => !s.is_empty(),
        TokenValue::Bytes(b) => !b.is_empty(),
        TokenValue::List(a) => !a.is_empty(),
        TokenValue::Map(o) => !o.is_empty(),
        _ => true,
    }
}

/// Python's `a + b` for the result-key merge; `None` when Python would raise.
fn py_add(a: &TokenValue, b: &TokenValue) -> Option<TokenValue> {
    let int = |v: &TokenValue| match v {
        TokenValue::Bool(b) => Some(*b as i64),
        TokenValue::Int(i) => Some(*i),
        _ => None,
    };
    let float = |v: &TokenValue| match v {
        TokenValue::Float(f) => Some(*f),
        other => int(other).map(|i| i as f64),
    };
    match (a, b) {
        (TokenValue::String(x), TokenValue::String(y)) => Some(TokenValue::String(format!("{x}{y}"))),
        _ => {
            if let (Some(x), Some(y)) = (int(a), int(b)) {
                if let Some(s) = x.checked_add(y) {
                    return Some(TokenValue::Int(s));
                }
            }
            Some(TokenValue::Float(float(a)? + float(b)?))
        }
    }
}

/// botocore's `set_value_from_jmespath` (dotted paths; missing parents are
/// created as maps; a parent that is not a map is left alone, where botocore
/// would raise).
fn set_path(root: &mut TokenValue, path: &[String], value: TokenValue) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut cur = root;
    for key in parents {
        let TokenValue::Map(map) = cur else { return };
        let i = match map.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                map.push((key.clone(), TokenValue::Map(Vec::new())));
                map.len() - 1
            }
        };
        cur = &mut map[i].1;
    }
    if let TokenValue::Map(map) = cur {
        map_insert(map, last, value);
    }
}

fn get_path_mut<'a>(root: &'a mut TokenValue, path: &[String]) -> Option<&'a mut TokenValue> {
    let mut cur = root;
    for key in path {
        let TokenValue::Map(map) = cur else { return None };
        cur = map.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)?;
    }
    Some(cur)
}

/// botocore's `merge_dicts(dict1, dict2)` (without `append_lists`).
fn merge_dicts(dst: &mut TokenMap, src: TokenMap) {
    for (key, value) in src {
        match (dst.iter_mut().find(|(k, _)| *k == key), value) {
            (Some((_, TokenValue::Map(d))), TokenValue::Map(s)) => merge_dicts(d, s),
            (_, value) => map_insert(dst, &key, value),
        }
    }
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    Index(i64),
}

/// A parsed expression: alternatives joined by `||`, each a chain of steps.
#[derive(Clone, Debug, PartialEq)]
struct Expr {
    alternatives: Vec<Vec<Step>>,
    /// The dotted path, when the expression is one (needed to write to it).
    path: Option<Vec<String>>,
}

impl Expr {
    fn parse(source: &str) -> Result<Expr, ConfigError> {
        let alternatives = source
            .split("||")
            .map(|alt| parse_chain(alt.trim(), source))
            .collect::<Result<Vec<_>, _>>()?;
        let path = match alternatives.as_slice() {
            [only] => only
                .iter()
                .map(|s| match s {
                    Step::Field(f) => Some(f.clone()),
                    Step::Index(_) => None,
                })
                .collect(),
            _ => None,
        };
        Ok(Expr { alternatives, path })
    }

    fn parse_path(source: &str) -> Result<Expr, ConfigError> {
        let e = Expr::parse(source)?;
        if e.path.is_none() {
            return Err(ConfigError(format!("{source:?} is not a dotted path")));
        }
        Ok(e)
    }

    fn search(&self, root: &TokenValue) -> TokenValue {
        let mut last = TokenValue::Null;
        for chain in &self.alternatives {
            last = eval_chain(chain, root);
            if jmes_truthy(&last) {
                return last;
            }
        }
        last
    }
}

fn parse_chain(s: &str, source: &str) -> Result<Vec<Step>, ConfigError> {
    let err = || ConfigError(format!("unsupported expression {source:?}"));
    let mut steps = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        if start == i {
            return Err(err());
        }
        steps.push(Step::Field(s[start..i].to_owned()));
        while i < bytes.len() && bytes[i] == b'[' {
            let close = s[i..].find(']').ok_or_else(err)? + i;
            let n: i64 = s[i + 1..close].trim().parse().map_err(|_| err())?;
            steps.push(Step::Index(n));
            i = close + 1;
        }
        if i == bytes.len() {
            return Ok(steps);
        }
        if bytes[i] != b'.' {
            return Err(err());
        }
        i += 1;
    }
}

fn eval_chain(chain: &[Step], root: &TokenValue) -> TokenValue {
    let mut cur = root;
    for step in chain {
        let next = match (step, cur) {
            (Step::Field(f), TokenValue::Map(m)) => map_get(m, f),
            (Step::Index(i), TokenValue::List(a)) => {
                let len = a.len() as i64;
                let idx = if *i < 0 { i + len } else { *i };
                if idx < 0 {
                    None
                } else {
                    a.get(idx as usize)
                }
            }
            _ => None,
        };
        match next {
            Some(v) => cur = v,
            None => return TokenValue::Null,
        }
    }
    cur.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: serde_json::Value) -> TokenValue {
        TokenValue::from_json(&v)
    }

    #[test]
    fn expressions() {
        let page = doc(json!({"NextMarker": "", "Contents": [{"Key": "a"}, {"Key": "b"}], "S": {"Shards": [{"ShardId": "x"}]}}));
        assert_eq!(Expr::parse("NextMarker || Contents[-1].Key").unwrap().search(&page), TokenValue::from("b"));
        assert_eq!(Expr::parse("S.Shards[-1].ShardId").unwrap().search(&page), TokenValue::from("x"));
        assert_eq!(Expr::parse("S.Missing[0]").unwrap().search(&page), TokenValue::Null);
        assert_eq!(Expr::parse("Contents[5].Key").unwrap().search(&page), TokenValue::Null);
        assert!(Expr::parse("a[*].b").is_err());
        assert!(Expr::parse_path("a[0]").is_err());
    }

    #[test]
    fn tagged_bytes_round_trip() {
        let v = json!({"k": {"B": {"$bytes": "AAE="}}});
        let t = from_tagged_json(doc(v.clone()));
        assert_eq!(t, TokenValue::Map(vec![("k".into(), TokenValue::Map(vec![("B".into(), TokenValue::Bytes(vec![0, 1]))]))]));
        assert_eq!(to_tagged_json(&t), v);
    }
}

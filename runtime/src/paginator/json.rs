//! [`JsonPaginator`]: the paginator driven by a `paginators-1.json` entry,
//! over `serde_json::Value` requests and responses.

use base64::Engine as _;
use serde_json::{Map, Value};

use super::{GlueError, Paginate, ResultList, TokenValue};

/// A `paginators-1.json` entry, implementing [`Paginate`] over JSON values
/// (Input = Output = `serde_json::Value`, items are `Value`s).
///
/// Expressions: the forms found in botocore's paginators: member names,
/// dotted paths (`ResultSet.Rows`), indexes (`Jobs[-1].JobId`) and `a || b`,
/// with JMESPath semantics (a missing member is `null`; `||` takes the right
/// side when the left is `null`, `false`, `""`, `[]` or `{}`). Result keys and
/// non-aggregate keys must be dotted paths (botocore writes to them).
///
/// Bytes (DynamoDB `B` attribute values) have no JSON form: an object
/// `{"$bytes": "<standard base64>"}` stands for a byte string, in responses
/// and in requests (that is the form the test vectors use). Plain strings stay
/// strings, so a real service's base64 blob round-trips as a string token
/// (without botocore's `boto_encoded_keys`).
///
/// Token key order follows `serde_json::Map`: enable serde_json's
/// `preserve_order` feature to keep a map token's member order as the service
/// sent it (botocore does), otherwise members are sorted.
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

/// The key of the object that stands for bytes in [`JsonPaginator`] values.
pub const BYTES_KEY: &str = "$bytes";

impl JsonPaginator {
    /// Reads one entry of `paginators-1.json`'s `pagination` object, e.g.
    /// `{"input_token": "nextToken", "output_token": "nextToken",
    /// "limit_key": "maxResults", "result_key": "invocationJobSummaries"}`.
    pub fn from_config(config: &Value) -> Result<Self, ConfigError> {
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
    type Input = Value;
    type Output = Value;
    type Primary = Value;

    fn input_tokens(&self) -> Vec<&str> {
        self.input_tokens.iter().map(String::as_str).collect()
    }

    fn set_token(&self, input: &mut Value, name: &str, value: Option<TokenValue>) -> Result<(), GlueError> {
        let obj = input.as_object_mut().ok_or_else(|| GlueError::Convert("the request is not a JSON object".into()))?;
        match value {
            Some(v) => {
                obj.insert(name.to_owned(), token_to_value(&v));
            }
            None => {
                obj.remove(name);
            }
        }
        Ok(())
    }

    fn set_page_size(&self, input: &mut Value, size: i64) -> Result<(), GlueError> {
        let key = self.limit_key.as_ref().ok_or(GlueError::NoLimitKey)?;
        let obj = input.as_object_mut().ok_or_else(|| GlueError::Convert("the request is not a JSON object".into()))?;
        let value = if self.string_limit_key { Value::String(size.to_string()) } else { Value::from(size) };
        obj.insert(key.clone(), value);
        Ok(())
    }

    fn output_tokens(&self, output: &Value) -> Vec<Option<TokenValue>> {
        self.output_tokens
            .iter()
            .map(|e| match e.search(output) {
                Value::Null => None,
                v => Some(value_to_token(&v)),
            })
            .collect()
    }

    fn more_results(&self, output: &Value) -> Option<bool> {
        self.more_results.as_ref().map(|e| py_truthy(&e.search(output)))
    }

    fn primary<'a>(&self, output: &'a mut Value) -> Option<&'a mut Value> {
        let mut cur = output;
        for key in self.primary_path() {
            cur = cur.as_object_mut()?.get_mut(key)?;
        }
        Some(cur)
    }

    fn blank_secondary(&self, output: &mut Value) {
        // botocore writes the sliced primary back, or None when it was not a
        // list or string (creating the member).
        if !matches!(self.result_keys[0].search(output), Value::Array(_) | Value::String(_)) {
            set_path(output, self.primary_path(), Value::Null);
        }
        for key in &self.result_keys[1..] {
            let blank = match key.search(output) {
                Value::Array(_) => Value::Array(Vec::new()),
                Value::String(_) => Value::String(String::new()),
                n @ (Value::Number(_) | Value::Bool(_)) => n,
                _ => Value::Null,
            };
            set_path(output, key.path.as_deref().expect("path"), blank);
        }
    }

    fn merge(&self, full: &mut Value, page: Value) {
        if full.is_null() {
            *full = Value::Object(Map::new());
        }
        for key in &self.result_keys {
            let path = key.path.as_deref().expect("path");
            let value = key.search(&page);
            if value.is_null() {
                continue;
            }
            let existing = key.search(full);
            if existing.is_null() {
                set_path(full, path, value);
                continue;
            }
            match value {
                Value::Array(items) => {
                    if let Some(Value::Array(list)) = get_path_mut(full, path) {
                        list.extend(items);
                    }
                }
                Value::Number(_) | Value::String(_) | Value::Bool(_) => {
                    if let Some(sum) = py_add(&existing, &value) {
                        set_path(full, path, sum);
                    }
                }
                _ => {}
            }
        }
    }

    fn copy_non_aggregate(&self, full: &mut Value, first_page: &Value) {
        if self.non_aggregate_keys.is_empty() {
            return;
        }
        let mut part = Value::Object(Map::new());
        for key in &self.non_aggregate_keys {
            set_path(&mut part, key.path.as_deref().expect("path"), key.search(first_page));
        }
        if full.is_null() {
            *full = Value::Object(Map::new());
        }
        if let (Value::Object(dst), Value::Object(src)) = (full, part) {
            merge_dicts(dst, src);
        }
    }
}

impl ResultList for Value {
    type Item = Value;

    /// Python's `len`: list items, string characters, object members.
    fn len(&self) -> usize {
        match self {
            Value::Array(a) => a.len(),
            Value::String(s) => s.chars().count(),
            Value::Object(o) => o.len(),
            _ => 0,
        }
    }

    /// Lists and strings are sliced; anything else becomes `null` (botocore).
    fn skip_front(&mut self, skip: i64) {
        match self {
            Value::Array(a) => a.skip_front(skip),
            Value::String(s) => s.skip_front(skip),
            other => *other = Value::Null,
        }
    }

    fn truncate_to(&mut self, keep: usize) {
        match self {
            Value::Array(a) => a.truncate(keep),
            Value::String(s) => s.truncate_to(keep),
            _ => {}
        }
    }

    /// List items; a string's characters; an object's keys (as Python
    /// iterates them).
    fn take_items(&mut self) -> Vec<Value> {
        match std::mem::take(self) {
            Value::Array(a) => a,
            Value::String(s) => s.chars().map(|c| Value::String(c.to_string())).collect(),
            Value::Object(o) => o.into_iter().map(|(k, _)| Value::String(k)).collect(),
            _ => Vec::new(),
        }
    }
}

/// Converts a JSON value to a token value, reading `{"$bytes": b64}` as bytes.
pub fn value_to_token(v: &Value) -> TokenValue {
    match v {
        Value::Object(o) if o.len() == 1 => {
            if let Some(Value::String(b64)) = o.get(BYTES_KEY) {
                if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(b64) {
                    return TokenValue::Bytes(bytes);
                }
            }
            TokenValue::Map(o.iter().map(|(k, v)| (k.clone(), value_to_token(v))).collect())
        }
        Value::Object(o) => TokenValue::Map(o.iter().map(|(k, v)| (k.clone(), value_to_token(v))).collect()),
        Value::Array(a) => TokenValue::List(a.iter().map(value_to_token).collect()),
        other => TokenValue::from_json(other),
    }
}

/// Converts a token value to JSON, writing bytes as `{"$bytes": b64}`.
pub fn token_to_value(t: &TokenValue) -> Value {
    match t {
        TokenValue::Bytes(b) => {
            let mut o = Map::new();
            o.insert(BYTES_KEY.to_owned(), Value::String(base64::engine::general_purpose::STANDARD.encode(b)));
            Value::Object(o)
        }
        TokenValue::List(l) => Value::Array(l.iter().map(token_to_value).collect()),
        TokenValue::Map(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), token_to_value(v))).collect()),
        other => other.to_json(),
    }
}

/// Python truthiness of a JSON value.
fn py_truthy(v: &Value) -> bool {
    value_to_token(v).is_truthy()
}

/// JMESPath truthiness.
fn jmes_truthy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// Python's `a + b` for the result-key merge; `None` when Python would raise.
fn py_add(a: &Value, b: &Value) -> Option<Value> {
    let int = |v: &Value| match v {
        Value::Bool(b) => Some(*b as i64),
        Value::Number(n) => n.as_i64(),
        _ => None,
    };
    let float = |v: &Value| match v {
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Number(n) => n.as_f64(),
        _ => None,
    };
    match (a, b) {
        (Value::String(x), Value::String(y)) => Some(Value::String(format!("{x}{y}"))),
        (Value::String(_), _) | (_, Value::String(_)) => None,
        _ => {
            if let (Some(x), Some(y)) = (int(a), int(b)) {
                if let Some(s) = x.checked_add(y) {
                    return Some(Value::from(s));
                }
            }
            let (x, y) = (float(a)?, float(b)?);
            serde_json::Number::from_f64(x + y).map(Value::Number)
        }
    }
}

/// botocore's `set_value_from_jmespath` (dotted paths; missing parents are
/// created as objects; a parent that is not an object is left alone, where
/// botocore would raise).
fn set_path(root: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut cur = root;
    for key in parents {
        let Value::Object(obj) = cur else { return };
        cur = obj.entry(key.clone()).or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(obj) = cur {
        obj.insert(last.clone(), value);
    }
}

fn get_path_mut<'a>(root: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut cur = root;
    for key in path {
        cur = cur.as_object_mut()?.get_mut(key)?;
    }
    Some(cur)
}

/// botocore's `merge_dicts(dict1, dict2)` (without `append_lists`).
fn merge_dicts(dst: &mut Map<String, Value>, src: Map<String, Value>) {
    for (key, value) in src {
        match (dst.get_mut(&key), value) {
            (Some(Value::Object(d)), Value::Object(s)) => merge_dicts(d, s),
            (_, value) => {
                dst.insert(key, value);
            }
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

    fn search(&self, root: &Value) -> Value {
        let mut last = Value::Null;
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

fn eval_chain(chain: &[Step], root: &Value) -> Value {
    let mut cur = root;
    for step in chain {
        let next = match (step, cur) {
            (Step::Field(f), Value::Object(o)) => o.get(f),
            (Step::Index(i), Value::Array(a)) => {
                let len = a.len() as i64;
                let idx = if *i < 0 { i + len } else { *i };
                if idx < 0 { None } else { a.get(idx as usize) }
            }
            _ => None,
        };
        match next {
            Some(v) => cur = v,
            None => return Value::Null,
        }
    }
    cur.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expressions() {
        let page = json!({"NextMarker": "", "Contents": [{"Key": "a"}, {"Key": "b"}], "S": {"Shards": [{"ShardId": "x"}]}});
        assert_eq!(Expr::parse("NextMarker || Contents[-1].Key").unwrap().search(&page), json!("b"));
        assert_eq!(Expr::parse("S.Shards[-1].ShardId").unwrap().search(&page), json!("x"));
        assert_eq!(Expr::parse("S.Missing[0]").unwrap().search(&page), Value::Null);
        assert_eq!(Expr::parse("Contents[5].Key").unwrap().search(&page), Value::Null);
        assert!(Expr::parse("a[*].b").is_err());
        assert!(Expr::parse_path("a[0]").is_err());
    }

    #[test]
    fn bytes_marker_round_trip() {
        let v = json!({"k": {"B": {"$bytes": "AAE="}}});
        let t = value_to_token(&v);
        assert_eq!(t, TokenValue::Map(vec![("k".into(), TokenValue::Map(vec![("B".into(), TokenValue::Bytes(vec![0, 1]))]))]));
        assert_eq!(token_to_value(&t), v);
    }
}

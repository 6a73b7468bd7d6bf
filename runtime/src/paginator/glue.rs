//! Small helpers for generated [`Paginate`](super::Paginate) implementations,
//! so that each method stays a line.

use super::{GlueError, TokenValue};

/// A token value for a request member: `None` stays `None`, otherwise the
/// value is converted with [`TokenValue::into_typed`].
pub fn token<T: serde::de::DeserializeOwned>(value: Option<TokenValue>) -> Result<Option<T>, GlueError> {
    value.map(TokenValue::into_typed).transpose()
}

/// A string token for a request member (the common case, without serde).
pub fn string_token(value: Option<TokenValue>) -> Result<Option<String>, GlueError> {
    match value {
        None => Ok(None),
        Some(TokenValue::String(s)) => Ok(Some(s)),
        Some(other) => other.into_typed().map(Some),
    }
}

/// An output token read from a response member (cloned through `Serialize`).
pub fn out<T: serde::Serialize>(value: &Option<T>) -> Option<TokenValue> {
    value.as_ref().and_then(|v| TokenValue::from_serialize(v).ok())
}

/// A string output token.
pub fn out_str(value: &Option<String>) -> Option<TokenValue> {
    value.as_ref().map(TokenValue::from)
}

/// JMESPath `a || b`: `a` unless it is absent or JMESPath-false (`""`,
/// `[]`, `{}`, `false`; unlike Python, `0` is true).
pub fn or(a: Option<TokenValue>, b: impl FnOnce() -> Option<TokenValue>) -> Option<TokenValue> {
    let jmes_true = |v: &TokenValue| match v {
        TokenValue::Null | TokenValue::Bool(false) => false,
        TokenValue::String(s) => !s.is_empty(),
        TokenValue::List(l) => !l.is_empty(),
        TokenValue::Map(m) => !m.is_empty(),
        _ => true,
    };
    match a {
        Some(v) if jmes_true(&v) => Some(v),
        _ => b(),
    }
}

/// A page size for an integer limit key (`Convert` error when out of range).
pub fn page_size<T: TryFrom<i64>>(size: i64) -> Result<T, GlueError> {
    T::try_from(size).map_err(|_| GlueError::Convert(format!("page size {size} is out of range")))
}

/// Blanks a secondary result key on the first page of a resumed iteration:
/// a present list or string becomes empty (botocore keeps numbers: do not
/// call this for them; set other kinds, such as maps, to `None`).
pub fn blank<T: Default>(value: &mut Option<T>) {
    if let Some(v) = value {
        *v = T::default();
    }
}

/// Merges a list result key: absent stays absent, otherwise concatenated.
pub fn extend<T>(full: &mut Option<Vec<T>>, page: Option<Vec<T>>) {
    match (full.as_mut(), page) {
        (_, None) => {}
        (None, Some(p)) => *full = Some(p),
        (Some(f), Some(p)) => f.extend(p),
    }
}

/// Merges a numeric result key (DynamoDB `Count`): summed.
pub fn add<T: std::ops::Add<Output = T> + Copy>(full: &mut Option<T>, page: Option<T>) {
    match (full.as_mut(), page) {
        (_, None) => {}
        (None, Some(p)) => *full = Some(p),
        (Some(f), Some(p)) => *f = *f + p,
    }
}

/// Merges a string result key (RDS `LogFileData`): joined.
pub fn concat(full: &mut Option<String>, page: Option<String>) {
    match (full.as_mut(), page) {
        (_, None) => {}
        (None, Some(p)) => *full = Some(p),
        (Some(f), Some(p)) => f.push_str(&p),
    }
}

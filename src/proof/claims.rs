//! The claims of a proof token (RFC 7519 §4.1), and their JSON.

use super::ProofError;
use crate::json::{self, Value};

/// What a proof says: the issuer `iss` verified the number `sub` at `iat`,
/// for the audience `aud`; the proof `jti` is good until `exp`.
///
/// ```
/// use verify8x8::proof::Claims;
/// let claims = Claims {
///     iss: "https://verify.example.com".into(),
///     sub: "+6587654321".into(),
///     aud: vec!["https://app.example.com".into()],
///     jti: "4f1c0a2e".into(),
///     iat: 1_700_000_000,
///     exp: 1_700_000_300,
///     nonce: None,
/// };
/// assert_eq!(Claims::from_json(&claims.to_json()), Ok(claims));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// Who issued the proof: the edge worker's origin.
    pub iss: String,
    /// The verified phone number, E.164 (`+` and 2 to 15 digits).
    pub sub: String,
    /// For whom: one audience is written as a string, several as an array.
    pub aud: Vec<String>,
    /// This proof's unique id.
    pub jti: String,
    /// When the number was verified, seconds since the Unix epoch.
    pub iat: u64,
    /// When the proof stops being accepted, seconds since the Unix epoch.
    pub exp: u64,
    /// The app backend's nonce for its login attempt, when the page passed
    /// one at the start.
    pub nonce: Option<String>,
}

impl Claims {
    /// The claims as compact JSON, members in a fixed order.
    pub fn to_json(&self) -> String {
        let aud = match self.aud.as_slice() {
            [one] => Value::String(one.clone()),
            many => Value::Array(many.iter().cloned().map(Value::String).collect()),
        };
        let mut members = vec![
            ("iss".into(), Value::String(self.iss.clone())),
            ("sub".into(), Value::String(self.sub.clone())),
            ("aud".into(), aud),
            ("jti".into(), Value::String(self.jti.clone())),
            ("iat".into(), Value::Number(self.iat as f64)),
            ("exp".into(), Value::Number(self.exp as f64)),
        ];
        if let Some(nonce) = &self.nonce {
            members.push(("nonce".into(), Value::String(nonce.clone())));
        }
        json::to_string(&Value::Object(members))
    }

    /// Reads claims: `iss`, `sub` (E.164), `aud` (a string or an array of
    /// strings), `jti`, `iat` and `exp` (whole seconds, `exp` not before
    /// `iat`) are required, `nonce` optional; other members are ignored; a
    /// member written twice is refused.
    pub fn from_json(text: &str) -> Result<Self, ProofError> {
        let value = json::parse(text).map_err(|_| ProofError::InvalidClaims("not JSON"))?;
        let members = value
            .as_object()
            .ok_or(ProofError::InvalidClaims("not a JSON object"))?;
        if has_duplicates(members) {
            return Err(ProofError::InvalidClaims("a claim is written twice"));
        }
        let text = |name| {
            value
                .get(name)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
        };
        let iss = text("iss").ok_or(ProofError::InvalidClaims("iss is not a string"))?;
        let sub = text("sub")
            .filter(|s| is_e164(s))
            .ok_or(ProofError::InvalidClaims("sub is not an E.164 number"))?;
        let aud = audiences(value.get("aud")).ok_or(ProofError::InvalidClaims(
            "aud is not a string or an array of strings",
        ))?;
        let jti = text("jti").ok_or(ProofError::InvalidClaims("jti is not a string"))?;
        let seconds = |name| value.get(name).and_then(as_seconds);
        let iat = seconds("iat").ok_or(ProofError::InvalidClaims("iat is not a time"))?;
        let exp = seconds("exp").ok_or(ProofError::InvalidClaims("exp is not a time"))?;
        if exp < iat {
            return Err(ProofError::InvalidClaims("exp is before iat"));
        }
        let nonce = match value.get("nonce") {
            None => None,
            Some(Value::String(nonce)) => Some(nonce.clone()),
            Some(_) => return Err(ProofError::InvalidClaims("nonce is not a string")),
        };
        Ok(Self {
            iss: iss.to_owned(),
            sub: sub.to_owned(),
            aud,
            jti: jti.to_owned(),
            iat,
            exp,
            nonce,
        })
    }
}

/// Whether `text` is `+` and 2 to 15 digits, the first not `0` (ITU-T E.164).
pub fn is_e164(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// Whether an object has a member name twice.
pub(super) fn has_duplicates(members: &[(String, Value)]) -> bool {
    members
        .iter()
        .enumerate()
        .any(|(i, (name, _))| members[..i].iter().any(|(other, _)| other == name))
}

/// `aud`: one non-empty string, or a non-empty array of them.
fn audiences(value: Option<&Value>) -> Option<Vec<String>> {
    match value? {
        Value::String(one) if !one.is_empty() => Some(vec![one.clone()]),
        Value::Array(many) if !many.is_empty() => many
            .iter()
            .map(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
            .collect(),
        _ => None,
    }
}

/// A whole, non-negative number of seconds that f64 holds exactly.
fn as_seconds(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n <= 9_007_199_254_740_991.0 => {
            Some(*n as u64)
        }
        _ => None,
    }
}

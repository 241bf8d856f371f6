//! The limiter's wire format between the worker and its Durable Objects:
//! the counters of one request, and the verdict.

use verify8x8::json::{self, Value};

use crate::rules::Rule;

/// One counter of a request: its name inside the object and its rules.
pub type Counter<'a> = (&'a str, &'a [Rule]);

/// The request body: `[[name, [[max, window], ...]], ...]`.
pub fn encode_counters(counters: &[Counter<'_>]) -> String {
    let rule = |r: &Rule| {
        Value::Array(vec![
            Value::Number(f64::from(r.max)),
            Value::Number(r.window as f64),
        ])
    };
    let counter = |(name, rules): &Counter<'_>| {
        Value::Array(vec![
            Value::String((*name).to_owned()),
            Value::Array(rules.iter().map(rule).collect()),
        ])
    };
    json::to_string(&Value::Array(counters.iter().map(counter).collect()))
}

/// Reads a request body; `None` for anything malformed or empty.
pub fn decode_counters(text: &str) -> Option<Vec<(String, Vec<Rule>)>> {
    let value = json::parse(text).ok()?;
    let whole = |v: &Value| v.as_f64().filter(|n| *n >= 1.0 && n.fract() == 0.0);
    let rule = |pair: &Value| match pair.as_array()? {
        [max, window] => Some(Rule::new(whole(max)? as u32, whole(window)? as u64)),
        _ => None,
    };
    let counter = |item: &Value| match item.as_array()? {
        [name, rules] => Some((
            name.as_str()?.to_owned(),
            rules
                .as_array()?
                .iter()
                .map(rule)
                .collect::<Option<Vec<_>>>()?,
        )),
        _ => None,
    };
    let counters = value
        .as_array()?
        .iter()
        .map(counter)
        .collect::<Option<Vec<_>>>()?;
    (!counters.is_empty()).then_some(counters)
}

/// The answer: `ok`, or the refusing counter's index and the seconds to wait.
pub fn encode_verdict(verdict: std::result::Result<(), (usize, u64)>) -> String {
    match verdict {
        Ok(()) => "ok".to_owned(),
        Err((index, seconds)) => format!("{index} {}", seconds.max(1)),
    }
}

/// Reads an answer; `None` for anything else.
pub fn decode_verdict(text: &str) -> Option<std::result::Result<(), (usize, u64)>> {
    if text == "ok" {
        return Some(Ok(()));
    }
    let (index, seconds) = text.split_once(' ')?;
    Some(Err((index.parse().ok()?, seconds.parse().ok()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_verdicts_round_trip() {
        let (number, prefix) = (
            [Rule::new(3, 600), Rule::new(5, 3600)],
            [Rule::new(10, 3600)],
        );
        let counters: [Counter<'_>; 2] =
            [("destination:+6591234567", &number), ("prefix", &prefix)];
        let decoded = decode_counters(&encode_counters(&counters)).expect("decodes");
        assert_eq!(
            decoded,
            vec![
                ("destination:+6591234567".to_owned(), number.to_vec()),
                ("prefix".to_owned(), prefix.to_vec())
            ]
        );
        assert_eq!(decode_verdict(&encode_verdict(Ok(()))), Some(Ok(())));
        assert_eq!(
            decode_verdict(&encode_verdict(Err((1, 540)))),
            Some(Err((1, 540)))
        );
        assert_eq!(
            decode_verdict(&encode_verdict(Err((0, 0)))),
            Some(Err((0, 1))),
            "a refusal never reads as admitted"
        );
    }

    #[test]
    fn malformed_requests_are_not_counters() {
        for bad in [
            "",
            "{}",
            "[]",
            "[[\"a\"]]",
            "[[\"a\",[[0,600]]]]",
            "[[\"a\",[[3,1.5]]]]",
            "[[1,[[3,600]]]]",
        ] {
            assert_eq!(decode_counters(bad), None, "{bad}");
        }
    }
}

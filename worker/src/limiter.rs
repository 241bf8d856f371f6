//! Rate limits held in Durable Objects: one object per counted key (a
//! destination, a network, a prefix, a country, a session), so every count is
//! exact and consistent across the world, unlike the approximate Rate
//! Limiting binding. The object keeps a sliding-window log (`rules::admit`).
#![allow(missing_docs)] // the #[durable_object] expansion has undocumented items

use std::cell::RefCell;

use verify8x8::json::{self, Value};
use worker::{
    durable_object, js_sys, DurableObject, Env, Method, Request, RequestInit, Response, Result,
    State,
};

use crate::rules::{self, Rule};

/// The binding name of the namespace (wrangler.toml).
pub(crate) const BINDING: &str = "RATE_LIMITER";
const LOG_KEY: &str = "hits";

/// One counted key's log of admitted requests.
#[durable_object]
pub struct RateLimiter {
    state: State,
    log: RefCell<Option<Vec<u64>>>,
}

impl DurableObject for RateLimiter {
    fn new(state: State, _env: Env) -> Self {
        Self {
            state,
            log: RefCell::new(None),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let rules = decode_rules(&req.text().await?)
            .ok_or_else(|| worker::Error::RustError("bad limiter request".into()))?;
        if self.log.borrow().is_none() {
            // Storage reads close the input gate: no other request interleaves here.
            let stored: Option<Vec<u64>> = self.state.storage().get(LOG_KEY).await?;
            self.log
                .borrow_mut()
                .get_or_insert(stored.unwrap_or_default());
        }
        let now = js_sys::Date::now() as u64;
        let (verdict, snapshot) = {
            let mut log = self.log.borrow_mut();
            let log = log.get_or_insert_with(Vec::new);
            (rules::admit(log, &rules, now), log.clone())
        };
        if verdict.is_ok() {
            // The output gate holds the answer until this write is durable.
            self.state.storage().put(LOG_KEY, snapshot).await?;
        }
        Response::ok(encode_verdict(verdict))
    }
}

/// Asks the object of `key` to admit one request under `rules`: `Ok(Ok(()))`
/// admitted, `Ok(Err(seconds))` refused until then.
pub(crate) async fn admit(
    env: &Env,
    key: &str,
    rules: &[Rule],
) -> Result<std::result::Result<(), u64>> {
    if rules.is_empty() {
        return Ok(Ok(()));
    }
    let stub = env.durable_object(BINDING)?.id_from_name(key)?.get_stub()?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_body(Some(encode_rules(rules).into()));
    let request = Request::new_with_init("https://rate-limiter/admit", &init)?;
    let text = stub.fetch_with_request(request).await?.text().await?;
    decode_verdict(&text).ok_or_else(|| worker::Error::RustError("bad limiter answer".into()))
}

fn encode_rules(rules: &[Rule]) -> String {
    let pair = |r: &Rule| {
        Value::Array(vec![
            Value::Number(f64::from(r.max)),
            Value::Number(r.window as f64),
        ])
    };
    json::to_string(&Value::Array(rules.iter().map(pair).collect()))
}

fn decode_rules(text: &str) -> Option<Vec<Rule>> {
    let value = json::parse(text).ok()?;
    let whole = |v: &Value| v.as_f64().filter(|n| *n >= 1.0 && n.fract() == 0.0);
    value
        .as_array()?
        .iter()
        .map(|pair| match pair.as_array()? {
            [max, window] => Some(Rule::new(whole(max)? as u32, whole(window)? as u64)),
            _ => None,
        })
        .collect()
}

fn encode_verdict(verdict: std::result::Result<(), u64>) -> String {
    match verdict {
        Ok(()) => "0".to_owned(),
        Err(seconds) => seconds.max(1).to_string(),
    }
}

fn decode_verdict(text: &str) -> Option<std::result::Result<(), u64>> {
    match text.trim().parse::<u64>().ok()? {
        0 => Some(Ok(())),
        seconds => Some(Err(seconds)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_verdicts_round_trip() {
        let rules = vec![Rule::new(3, 600), Rule::new(5, 3600)];
        assert_eq!(decode_rules(&encode_rules(&rules)), Some(rules));
        assert_eq!(decode_verdict(&encode_verdict(Ok(()))), Some(Ok(())));
        assert_eq!(decode_verdict(&encode_verdict(Err(540))), Some(Err(540)));
        assert_eq!(
            decode_verdict(&encode_verdict(Err(0))),
            Some(Err(1)),
            "a refusal never reads as admitted"
        );
    }

    #[test]
    fn malformed_requests_are_not_rules() {
        for bad in ["", "{}", "[[3]]", "[[0,600]]", "[[3,1.5]]", "[[\"3\",600]]"] {
            assert_eq!(decode_rules(bad), None, "{bad}");
        }
    }
}

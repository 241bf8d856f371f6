//! The limiter's wire format between the worker and its Durable Objects:
//! an operation of [`crate::ledger`] as JSON, and its outcome as a short
//! text.

use verify8x8::json::{self, Value};

use crate::breaker::Breaker;
use crate::ledger::{Counter, Op, Outcome};
use crate::rules::Rule;

/// The request body of `op`.
pub fn encode_op(op: &Op) -> String {
    let text = |s: &str| Value::String(s.to_owned());
    let number = |n: u64| Value::Number(n as f64);
    let counters = |counters: &[Counter]| {
        Value::Array(
            counters
                .iter()
                .map(|(name, rules)| {
                    let rules = rules
                        .iter()
                        .map(|r| Value::Array(vec![number(u64::from(r.max)), number(r.window)]));
                    Value::Array(vec![text(name), Value::Array(rules.collect())])
                })
                .collect(),
        )
    };
    let mut fields = vec![("number".to_owned(), text(op.number()))];
    let kind = match op {
        Op::Count { counters: c } => {
            fields.push(("counters".into(), counters(c)));
            "count"
        }
        Op::Claim {
            grant,
            until_ms,
            counters: c,
            ..
        } => {
            fields.push(("grant".into(), text(grant)));
            fields.push(("until".into(), number(*until_ms)));
            fields.push(("counters".into(), counters(c)));
            "claim"
        }
        Op::Act {
            grant, counters: c, ..
        } => {
            fields.push(("grant".into(), text(grant)));
            fields.push(("counters".into(), counters(c)));
            "act"
        }
        Op::Extend {
            grant, until_ms, ..
        } => {
            fields.push(("grant".into(), text(grant)));
            fields.push(("until".into(), number(*until_ms)));
            "extend"
        }
        Op::Release { grant, refund, .. } => {
            fields.push(("grant".into(), text(grant)));
            if let Some(refund) = refund {
                fields.push(("refund".into(), text(refund)));
            }
            "release"
        }
        Op::Guard {
            breaker,
            counters: c,
        } => {
            if let Some((name, b)) = breaker {
                fields.push(("breaker".into(), text(name)));
                let settings = [
                    b.window,
                    u64::from(b.min_starts),
                    u64::from(b.min_conversion),
                    b.cooldown,
                    b.grace,
                ];
                fields.push((
                    "settings".into(),
                    Value::Array(settings.into_iter().map(number).collect()),
                ));
            }
            fields.push(("counters".into(), counters(c)));
            "guard"
        }
        Op::Verified { name, horizon } => {
            fields.push(("breaker".into(), text(name)));
            fields.push(("horizon".into(), number(*horizon)));
            "verified"
        }
        Op::Refund {
            counters: c,
            breaker,
        } => {
            let names = c.iter().map(|n| text(n)).collect();
            fields.push(("names".into(), Value::Array(names)));
            if let Some(name) = breaker {
                fields.push(("breaker".into(), text(name)));
            }
            "refund"
        }
    };
    fields.insert(0, ("op".to_owned(), text(kind)));
    json::to_string(&Value::Object(fields))
}

/// Reads a request body; `None` for anything malformed.
pub fn decode_op(body: &str) -> Option<Op> {
    let value = json::parse(body).ok()?;
    let text = |name| value.get(name).and_then(Value::as_str).map(str::to_owned);
    let whole = |v: &Value| v.as_f64().filter(|n| *n >= 0.0 && n.fract() == 0.0);
    let counters = || -> Option<Vec<Counter>> {
        let rule = |pair: &Value| match pair.as_array()? {
            [max, window] => {
                let max = whole(max).filter(|m| *m >= 1.0 && *m <= f64::from(u32::MAX))?;
                Some(Rule::new(
                    max as u32,
                    whole(window).filter(|w| *w >= 1.0)? as u64,
                ))
            }
            _ => None,
        };
        let counter = |item: &Value| match item.as_array()? {
            [name, rules] => Some((
                name.as_str()?.to_owned(),
                rules.as_array()?.iter().map(rule).collect::<Option<_>>()?,
            )),
            _ => None,
        };
        value
            .get("counters")?
            .as_array()?
            .iter()
            .map(counter)
            .collect()
    };
    let kind = value.get("op")?.as_str()?;
    let breaker = text("breaker").filter(|n| !n.is_empty());
    match kind {
        "count" => {
            return Some(Op::Count {
                counters: counters()?,
            })
        }
        "guard" => {
            let breaker = match breaker {
                None => None,
                Some(name) => {
                    let settings: Vec<u64> = value
                        .get("settings")?
                        .as_array()?
                        .iter()
                        .map(|v| whole(v).map(|n| n as u64))
                        .collect::<Option<_>>()?;
                    let [window, min_starts, min_conversion, cooldown, grace] = settings[..] else {
                        return None;
                    };
                    let b = Breaker {
                        window: Some(window).filter(|w| *w >= 1)?,
                        min_starts: u32::try_from(min_starts).ok()?,
                        min_conversion: u32::try_from(min_conversion).ok().filter(|c| *c <= 100)?,
                        cooldown,
                        grace,
                    };
                    Some((name, b))
                }
            };
            return Some(Op::Guard {
                breaker,
                counters: counters()?,
            });
        }
        "verified" => {
            return Some(Op::Verified {
                name: breaker?,
                horizon: value.get("horizon").and_then(whole)? as u64,
            })
        }
        "refund" => {
            let names = value
                .get("names")?
                .as_array()?
                .iter()
                .map(|n| n.as_str().map(str::to_owned))
                .collect::<Option<_>>()?;
            return Some(Op::Refund {
                counters: names,
                breaker,
            });
        }
        _ => {}
    }
    let number = text("number").filter(|n| !n.is_empty())?;
    let grant = text("grant").filter(|g| !g.is_empty())?;
    let until_ms = || value.get("until").and_then(whole).map(|n| n as u64);
    Some(match kind {
        "claim" => Op::Claim {
            number,
            grant,
            until_ms: until_ms()?,
            counters: counters()?,
        },
        "act" => Op::Act {
            number,
            grant,
            counters: counters()?,
        },
        "extend" => Op::Extend {
            number,
            grant,
            until_ms: until_ms()?,
        },
        "release" => Op::Release {
            number,
            grant,
            refund: text("refund"),
        },
        _ => return None,
    })
}

/// The answer: `done`, `limited <index> <seconds>`, `busy <ms>`, `not_owner`.
pub fn encode_outcome(outcome: Outcome) -> String {
    match outcome {
        Outcome::Done => "done".to_owned(),
        Outcome::Cold => "cold".to_owned(),
        Outcome::Limited { index, retry_after } => {
            format!("limited {index} {}", retry_after.max(1))
        }
        Outcome::Busy { until_ms } => format!("busy {until_ms}"),
        Outcome::NotOwner => "not_owner".to_owned(),
        Outcome::Paused {
            retry_after,
            tripped,
        } => format!("paused {} {}", retry_after.max(1), u8::from(tripped)),
    }
}

/// Reads an answer; `None` for anything else.
pub fn decode_outcome(text: &str) -> Option<Outcome> {
    let mut words = text.split(' ');
    let outcome = match words.next()? {
        "done" => Outcome::Done,
        "cold" => Outcome::Cold,
        "not_owner" => Outcome::NotOwner,
        "busy" => Outcome::Busy {
            until_ms: words.next()?.parse().ok()?,
        },
        "limited" => Outcome::Limited {
            index: words.next()?.parse().ok()?,
            retry_after: words.next()?.parse().ok()?,
        },
        "paused" => Outcome::Paused {
            retry_after: words.next()?.parse().ok()?,
            tripped: match words.next()? {
                "1" => true,
                "0" => false,
                _ => return None,
            },
        },
        _ => return None,
    };
    words.next().is_none().then_some(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_round_trip() {
        let counters = vec![
            (
                "destination:+6591234567".to_owned(),
                vec![Rule::new(3, 600), Rule::new(5, 3600)],
            ),
            ("prefix".to_owned(), vec![Rule::new(10, 3600)]),
        ];
        let ops = [
            Op::Count {
                counters: counters.clone(),
            },
            Op::Claim {
                number: "+6591234567".into(),
                grant: "g1".into(),
                until_ms: 1_800_000_000_000,
                counters: counters.clone(),
            },
            Op::Act {
                number: "+6591234567".into(),
                grant: "g1".into(),
                counters,
            },
            Op::Extend {
                number: "+6591234567".into(),
                grant: "g1".into(),
                until_ms: 5,
            },
            Op::Release {
                number: "+6591234567".into(),
                grant: "g1".into(),
                refund: Some("failures".into()),
            },
            Op::Release {
                number: "+6591234567".into(),
                grant: "g1".into(),
                refund: None,
            },
            Op::Guard {
                breaker: Some((
                    "conversion".into(),
                    Breaker {
                        window: 3600,
                        min_starts: 3,
                        min_conversion: 20,
                        cooldown: 1800,
                        grace: 120,
                    },
                )),
                counters: vec![("range".into(), vec![Rule::new(20, 3600)])],
            },
            Op::Guard {
                breaker: None,
                counters: Vec::new(),
            },
            Op::Verified {
                name: "conversion".into(),
                horizon: 3600,
            },
            Op::Refund {
                counters: vec!["range".into()],
                breaker: Some("conversion".into()),
            },
            Op::Refund {
                counters: Vec::new(),
                breaker: None,
            },
        ];
        for op in ops {
            assert_eq!(decode_op(&encode_op(&op)), Some(op.clone()), "{op:?}");
        }
    }

    #[test]
    fn outcomes_round_trip_and_a_refusal_never_reads_as_done() {
        for outcome in [
            Outcome::Done,
            Outcome::Cold,
            Outcome::NotOwner,
            Outcome::Busy { until_ms: 42 },
            Outcome::Paused {
                retry_after: 1800,
                tripped: true,
            },
            Outcome::Paused {
                retry_after: 5,
                tripped: false,
            },
            Outcome::Limited {
                index: 1,
                retry_after: 540,
            },
        ] {
            assert_eq!(decode_outcome(&encode_outcome(outcome)), Some(outcome));
        }
        assert_eq!(
            decode_outcome(&encode_outcome(Outcome::Limited {
                index: 0,
                retry_after: 0
            })),
            Some(Outcome::Limited {
                index: 0,
                retry_after: 1
            })
        );
        for bad in [
            "",
            "ok",
            "busy",
            "limited 1",
            "done now",
            "busy x",
            "paused 5",
            "paused 5 2",
        ] {
            assert_eq!(decode_outcome(bad), None, "{bad}");
        }
    }

    #[test]
    fn malformed_requests_are_not_operations() {
        for bad in [
            "",
            "{}",
            "[]",
            r#"{"op":"claim","number":"+1","grant":"g","counters":[]}"#,
            r#"{"op":"act","number":"+1","grant":"","counters":[]}"#,
            r#"{"op":"act","number":"+1","grant":"g","counters":[["a",[[0,600]]]]}"#,
            r#"{"op":"act","number":"+1","grant":"g","counters":[["a",[[3,1.5]]]]}"#,
            r#"{"op":"fly","number":"+1","grant":"g"}"#,
            r#"{"op":"guard","breaker":"c","settings":[3600,3,20,1800],"counters":[]}"#,
            r#"{"op":"guard","breaker":"c","settings":[3600,3,101,1800,120],"counters":[]}"#,
            r#"{"op":"verified","horizon":3600}"#,
        ] {
            assert_eq!(decode_op(bad), None, "{bad}");
        }
    }
}

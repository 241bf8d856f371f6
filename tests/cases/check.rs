//! The shared table of validation cases (`params.json`) and how a verdict is
//! checked against it. Used by the native runner (`tests/params_cases.rs`)
//! and the JavaScript one (`tests/common/params.rs`), so both hold every
//! runtime to the same verdicts.

use verify8x8::json::{self, Value};

/// One case: which validator, its input, and the expected verdict.
pub(crate) struct Case {
    pub(crate) name: String,
    /// `"verification"`, `"codeCheck"` or `"coverage"`.
    pub(crate) validate: String,
    pub(crate) input: Value,
    /// `"path code"` of each expected error, in order.
    pub(crate) errors: Vec<String>,
    /// `"path code"` of each expected warning, in order.
    pub(crate) warnings: Vec<String>,
    /// The exact resolved request, when the case pins it.
    pub(crate) request: Option<Value>,
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Every case of the table.
pub(crate) fn cases() -> Vec<Case> {
    let table = json::parse(include_str!("params.json")).expect("params.json is JSON");
    table
        .as_array()
        .expect("params.json is an array")
        .iter()
        .map(|c| Case {
            name: c
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned(),
            validate: c
                .get("validate")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned(),
            input: c.get("input").cloned().unwrap_or(Value::Null),
            errors: strings(c.get("errors")),
            warnings: strings(c.get("warnings")),
            request: c.get("request").cloned(),
        })
        .collect()
}

/// Objects with their members sorted by name, recursively, so two values
/// compare whatever their key order.
pub(crate) fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(members) => {
            let mut members: Vec<_> = members
                .iter()
                .map(|(k, v)| (k.clone(), sorted(v)))
                .collect();
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(members)
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

fn violations(verdict: &Value, key: &str) -> Result<Vec<String>, String> {
    let list = verdict
        .get(key)
        .and_then(Value::as_array)
        .ok_or(format!("no {key} array"))?;
    let mut out = Vec::new();
    for v in list {
        let path = v
            .get("path")
            .and_then(Value::as_str)
            .ok_or("violation without path")?;
        let code = v
            .get("code")
            .and_then(Value::as_str)
            .ok_or("violation without code")?;
        let message = v
            .get("message")
            .and_then(Value::as_str)
            .ok_or("violation without message")?;
        let named = if path.is_empty() {
            "request"
        } else {
            path.rsplit('.').next().unwrap_or(path)
        };
        if !message.contains(named) {
            return Err(format!("message {message:?} does not name {named:?}"));
        }
        out.push(format!("{path} {code}"));
    }
    Ok(out)
}

/// Checks a verdict in its JavaScript shape (`{ ok, errors, warnings, request? }`)
/// against the case.
pub(crate) fn check(case: &Case, verdict: &Value) -> Result<(), String> {
    let errors = violations(verdict, "errors")?;
    let warnings = violations(verdict, "warnings")?;
    if errors != case.errors {
        return Err(format!("errors {errors:?}, expected {:?}", case.errors));
    }
    if warnings != case.warnings {
        return Err(format!(
            "warnings {warnings:?}, expected {:?}",
            case.warnings
        ));
    }
    let ok = verdict.get("ok").and_then(Value::as_bool).ok_or("no ok")?;
    if ok != errors.is_empty() {
        return Err(format!("ok is {ok} with errors {errors:?}"));
    }
    let request = verdict.get("request").filter(|r| !r.is_null());
    if request.is_some() != ok {
        return Err(format!("request present: {}, ok: {ok}", request.is_some()));
    }
    if let (Some(expected), Some(actual)) = (&case.request, request) {
        if sorted(expected) != sorted(actual) {
            return Err(format!("request {actual}, expected {expected}"));
        }
    }
    Ok(())
}

/// Runs every case through `run` (input → verdict in JavaScript shape) and
/// panics listing every failure. Returns the number of cases run.
pub(crate) fn run_all(run: impl Fn(&str, &Value) -> Value) -> usize {
    let cases = cases();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let verdict = run(&case.validate, &case.input);
            check(case, &verdict)
                .err()
                .map(|e| format!("{}: {e}", case.name))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

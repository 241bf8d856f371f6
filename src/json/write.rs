//! The compact writer.

use std::fmt::Write;

use super::number::{self, Style};
use super::Value;

/// Writes `value` as compact JSON: no whitespace, object members in order,
/// strings escaped as RFC 8259 requires (`"`, `\`, control characters).
/// Integers up to 2^53 are written without a fraction (`300`, not `300.0`);
/// a non-finite number, which JSON cannot hold, is written as `null`, as
/// `JSON.stringify` does.
///
/// ```
/// use verify8x8::json::{to_string, Value};
/// let v = Value::Object(vec![("speed".into(), Value::Number(0.8)), ("n".into(), Value::Number(3.0))]);
/// assert_eq!(to_string(&v), r#"{"speed":0.8,"n":3}"#);
/// ```
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Largest integer a double holds exactly (2^53).
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

fn write_number(out: &mut String, n: f64) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        // `as` is exact here: |n| <= 2^53 and n has no fraction.
        let _ = write!(out, "{}", n as i64);
    } else {
        // As `{n:?}` writes it: the shortest text that reads back to the
        // same double, with an exponent for very large or small numbers:
        // valid JSON.
        number::write(out, n, Style::Debug);
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

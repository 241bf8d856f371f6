//! The JSON module natively: strict parsing (malformed input, deep nesting,
//! escapes, big numbers), the compact writer, and serde interop.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use verify8x8::json::{self, Value, MAX_DEPTH};

fn err(text: &str) -> (String, usize) {
    let e = json::parse(text).unwrap_err();
    (e.message, e.offset)
}

#[test]
fn parses_every_kind_of_value() {
    let v = json::parse(r#" {"a": [1, -2.5e3, true, false, null, "x"], "b": {}} "#).unwrap();
    assert_eq!(
        v,
        Value::Object(vec![
            (
                "a".into(),
                Value::Array(vec![
                    Value::Number(1.0),
                    Value::Number(-2500.0),
                    Value::Bool(true),
                    Value::Bool(false),
                    Value::Null,
                    Value::from("x"),
                ])
            ),
            ("b".into(), Value::Object(vec![])),
        ])
    );
}

#[test]
fn rejects_malformed_text() {
    for bad in [
        "",
        " ",
        "{",
        "[",
        "[1,]",
        "{\"a\":1,}",
        "{a:1}",
        "{'a':1}",
        "[1 2]",
        "{\"a\" 1}",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "1e+",
        "0x10",
        "NaN",
        "Infinity",
        "-Infinity",
        "tru",
        "nul",
        "True",
        "\"abc",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "[1]]",
        "{} {}",
        "// c\n1",
        "/* c */ 1",
        "\"\t\"",
        "\"a\nb\"",
        "\u{feff}1",
    ] {
        assert!(json::parse(bad).is_err(), "{bad:?} should not parse");
    }
}

#[test]
fn errors_point_at_the_problem() {
    assert_eq!(err("[1,]").1, 3);
    assert_eq!(err("{\"a\":1} x").1, 8);
    assert_eq!(err("\"\\q\"").1, 2);
    assert!(err("[1,]").0.contains("expected a value"));
}

#[test]
fn nesting_is_limited_without_overflowing_the_stack() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(json::parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert!(err(&deep).0.contains("too deep"));
    // Far deeper than any stack could recurse: still a plain error.
    let hostile = "[{\"a\":".repeat(200_000);
    assert!(err(&hostile).0.contains("too deep"));
    // serde (serde-wasm-bindgen, a serde_json::Value) goes through the same
    // limit: a serde_json::Value as deserializer has none of its own.
    let nested = |depth: usize| {
        (0..depth).fold(serde_json::Value::Null, |inner, _| {
            serde_json::Value::Array(vec![inner])
        })
    };
    assert!(serde_json::from_value::<Value>(nested(MAX_DEPTH)).is_ok());
    let e = serde_json::from_value::<Value>(nested(MAX_DEPTH + 1)).unwrap_err();
    assert!(e.to_string().contains("too deep"), "{e}");
}

#[test]
fn decodes_escapes() {
    let v = json::parse(r#""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u20AC \ud83d\ude00""#).unwrap();
    assert_eq!(v.as_str(), Some("\" \\ / \u{8} \u{c} \n \r \t A é € 😀"));
    assert_eq!(json::parse("\"é😀\"").unwrap().as_str(), Some("é😀"));
    assert_eq!(json::parse(r#""\u0000""#).unwrap().as_str(), Some("\0"));
}

#[test]
fn rejects_lone_surrogates() {
    for bad in [
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\ud83d\u0041""#,
        r#""\ud83dx""#,
    ] {
        assert!(err(bad).0.contains("surrogate"), "{bad}");
    }
}

#[test]
fn big_and_precise_numbers() {
    assert_eq!(json::parse("1e308").unwrap(), Value::Number(1e308));
    assert!(err("1e309").0.contains("out of range"));
    assert!(err("-1e400").0.contains("out of range"));
    assert_eq!(json::parse("1e-400").unwrap(), Value::Number(0.0));
    assert_eq!(
        json::parse("12345678901234567890").unwrap(),
        Value::Number(1.2345678901234567e19)
    );
    assert_eq!(json::parse("-0").unwrap(), Value::Number(-0.0));
    assert_eq!(json::parse("0.8").unwrap(), Value::Number(0.8));
}

#[test]
fn writes_compact_escaped_json() {
    let v = Value::Object(vec![
        ("s".into(), Value::from("a\"b\\c\n\u{1}é😀")),
        (
            "n".into(),
            Value::Array(vec![
                Value::Number(300.0),
                Value::Number(0.8),
                Value::Number(-0.0),
                Value::Number(1e21),
                Value::Number(f64::NAN),
                Value::Number(9007199254740993.0),
            ]),
        ),
        ("e".into(), Value::Object(vec![])),
    ]);
    let text = json::to_string(&v);
    assert_eq!(
        text,
        r#"{"s":"a\"b\\c\n\u0001é😀","n":[300,0.8,0,1e21,null,9007199254740992],"e":{}}"#
    );
    // serde_json reads what we write, and agrees on the value.
    let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(theirs["s"], "a\"b\\c\n\u{1}é😀");
    assert_eq!(json::parse(&text).unwrap().get("s"), v.get("s"));
}

#[test]
fn keeps_key_order_and_duplicates() {
    let v = json::parse(r#"{"b":1,"a":2,"b":3}"#).unwrap();
    let keys: Vec<_> = v
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(keys, ["b", "a", "b"]);
    assert_eq!(v.get("b"), Some(&Value::Number(1.0)));
}

#[test]
fn serde_json_interop() {
    let text = r#"{"x":[1,2.5,"s",null,true],"y":{"z":-3}}"#;
    let ours: Value = serde_json::from_str(text).unwrap();
    assert_eq!(ours, json::parse(text).unwrap());
    assert_eq!(
        serde_json::to_string(&ours).unwrap(),
        r#"{"x":[1.0,2.5,"s",null,true],"y":{"z":-3.0}}"#
    );
}

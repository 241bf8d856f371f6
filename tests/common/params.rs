//! Validation through the JavaScript API: the shared table of cases
//! (tests/cases/params.json, also run natively by tests/params_cases.rs) with
//! identical verdicts, and the inputs only JavaScript can send.

#[path = "../cases/check.rs"]
mod check;

use js_sys::{Function, Object, Reflect, JSON};
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use verify8x8::js_exports as js;
use verify8x8::json::{self, Value};

/// Calls one exported validator with a JS value; the verdict as JSON.
fn call(validate: &str, input: JsValue) -> Value {
    let out: JsValue = match validate {
        "verification" => js::validate_verification(Ts::new_unchecked(input)).map(Into::into),
        "codeCheck" => js::validate_code_check(Ts::new_unchecked(input)).map(Into::into),
        "coverage" => js::validate_coverage(Ts::new_unchecked(input)).map(Into::into),
        other => panic!("unknown validator {other}"),
    }
    .expect("validators never throw on input");
    let text: String = JSON::stringify(&out).expect("verdict is JSON").into();
    json::parse(&text).expect("verdict parses")
}

fn to_js(value: &Value) -> JsValue {
    JSON::parse(&json::to_string(value)).expect("case input is JSON")
}

#[wasm_bindgen_test]
fn shared_table_gives_the_native_verdicts() {
    let n = check::run_all(|validate, input| call(validate, to_js(input)));
    assert!(n > 200);
}

fn first_error(validate: &str, input: JsValue) -> (String, String) {
    let verdict = call(validate, input);
    assert_eq!(verdict.get("ok").and_then(Value::as_bool), Some(false));
    let error = &verdict
        .get("errors")
        .and_then(Value::as_array)
        .expect("errors")[0];
    let field = |k| {
        error
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    (field("path"), field("code"))
}

fn eval(source: &str) -> JsValue {
    Function::new_no_args(&format!("return ({source});"))
        .call0(&JsValue::UNDEFINED)
        .expect("test input evaluates")
}

#[wasm_bindgen_test]
fn non_objects_are_wrong_type_violations() {
    for source in [
        "undefined",
        "null",
        "42",
        "'hi'",
        "true",
        "[1, 2]",
        "() => 1",
        "Symbol('x')",
        "10n",
    ] {
        for validate in ["verification", "codeCheck", "coverage"] {
            assert_eq!(
                first_error(validate, eval(source)),
                (String::new(), "wrong_type".to_owned()),
                "{validate}({source})"
            );
        }
    }
}

#[wasm_bindgen_test]
fn unreadable_values_inside_objects_are_violations() {
    for source in [
        "{ destination: '+6587654321', brand: () => 1 }",
        "{ destination: '+6587654321', brand: Symbol('x') }",
        "(() => { const o = { destination: '+6587654321' }; o.sms = o; return o; })()",
    ] {
        assert_eq!(
            first_error("verification", eval(source)).1,
            "wrong_type",
            "{source}"
        );
    }
}

#[wasm_bindgen_test]
fn undefined_fields_are_absent_and_non_finite_numbers_are_wrong_type() {
    let ok = call(
        "verification",
        eval("{ destination: '+6587654321', brand: undefined, sms: undefined }"),
    );
    assert_eq!(ok.get("ok").and_then(Value::as_bool), Some(true));
    for (source, path) in [
        (
            "{ destination: '+6587654321', codeLength: NaN }",
            "codeLength",
        ),
        (
            "{ destination: '+6587654321', codeValidity: Infinity }",
            "codeValidity",
        ),
        (
            "{ destination: '+6587654321', channel: 'call', call: { speed: -Infinity } }",
            "call.speed",
        ),
    ] {
        assert_eq!(
            first_error("verification", eval(source)),
            (path.to_owned(), "wrong_type".to_owned()),
            "{source}"
        );
    }
}

#[wasm_bindgen_test]
fn verdict_is_a_plain_object_with_a_coded_violation() {
    let input = Object::new();
    Reflect::set(&input, &"destination".into(), &"+6587654321".into()).expect("set");
    Reflect::set(&input, &"codelength".into(), &6.into()).expect("set");
    let out: JsValue = js::validate_verification(Ts::new_unchecked(input.into()))
        .expect("no throw")
        .into();
    assert!(out.is_object());
    assert_eq!(
        Reflect::get(&out, &"ok".into()).expect("ok"),
        JsValue::FALSE
    );
    let errors: js_sys::Array = Reflect::get(&out, &"errors".into())
        .expect("errors")
        .unchecked_into();
    let first = errors.get(0);
    assert_eq!(
        Reflect::get(&first, &"code".into()).expect("code"),
        "unknown_field"
    );
    assert_eq!(
        Reflect::get(&first, &"path".into()).expect("path"),
        "codelength"
    );
    assert!(Reflect::get(&out, &"request".into())
        .expect("request")
        .is_undefined());
}

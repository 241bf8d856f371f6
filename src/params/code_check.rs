//! Validation of "validate code / read status"
//! (`GET .../sessions/{sessionId}?code=`).

use crate::json::Value;

use super::fields::{self, check_names, get, string};
use super::model::CodeCheck;
use super::report::Report;
use super::rules::{code, session_id};
use super::sub_account::check_sub_account_id;
use super::violation::{Verdict, Violation, ViolationCode as Code};

/// Every field of a code check.
pub const CODE_CHECK_FIELDS: [&str; 3] = ["subAccountId", "sessionId", "code"];

/// Validates a code check `{ subAccountId?, sessionId, code? }`.
///
/// `sessionId` is required (URL-safe characters); `code`, when given, has 3
/// to 10 letters and digits (a dash allowed and not counted); `subAccountId`,
/// when given, must match 8x8's pattern. The resolved [`CodeCheck`] holds
/// `sessionId` and `code`.
///
/// ```
/// use verify8x8::{json, params::validate_code_check};
/// let ok = json::parse(r#"{"sessionId":"a44a91be5ea5ea118169020897df5459","code":"1234"}"#).unwrap();
/// assert!(validate_code_check(&ok).is_ok());
/// let bad = json::parse(r#"{"sessionId":"a44a","code":"12"}"#).unwrap();
/// assert_eq!(validate_code_check(&bad).errors[0].code.as_str(), "too_short");
/// ```
pub fn validate_code_check(input: &Value) -> Verdict<CodeCheck> {
    let mut report = Report::default();
    let Some(members) = fields::object(&mut report, "", input) else {
        return report.finish(|| None);
    };
    let r = &mut report;
    check_names(r, "", members, &CODE_CHECK_FIELDS, &[]);
    if let Some(id) = get(members, "subAccountId").and_then(|v| string(r, "subAccountId", v)) {
        if let Some(violation) = check_sub_account_id("subAccountId", id) {
            r.error(violation);
        }
    }
    let session_id = get(members, "sessionId");
    let typed = get(members, "code");
    fields_of(report, session_id, typed)
}

/// Validates the two fields of a code check as a face reads them from its
/// caller (any JSON value, so a number where a string belongs is a
/// `wrong_type` violation): `session_id` required, `code` optional.
///
/// ```
/// use verify8x8::{json::Value, params::validate_code_check_fields};
/// let id = Value::String("a44a91be5ea5ea118169020897df5459".into());
/// let verdict = validate_code_check_fields(Some(&id), Some(&Value::Number(1234.0)));
/// assert_eq!(verdict.errors[0].code.as_str(), "wrong_type");
/// ```
pub fn validate_code_check_fields(
    session_id: Option<&Value>,
    code: Option<&Value>,
) -> Verdict<CodeCheck> {
    fields_of(Report::default(), session_id, code)
}

/// Validates a code check from typed parts: the session id (from a path)
/// and the code a person typed (from a query or a body), if any. The
/// emulator and the edge worker call this; nothing builds a JSON object.
///
/// ```
/// use verify8x8::params::check_code;
/// assert!(check_code("a44a91be5ea5ea118169020897df5459", Some("123-456")).is_ok());
/// assert_eq!(check_code("a44a", Some("12")).errors[0].path, "code");
/// assert!(check_code("a/b", None).errors.iter().any(|v| v.path == "sessionId"));
/// ```
pub fn check_code(session_id: &str, code: Option<&str>) -> Verdict<CodeCheck> {
    let session_id = Value::String(session_id.to_owned());
    let code = code.map(|c| Value::String(c.to_owned()));
    validate_code_check_fields(Some(&session_id), code.as_ref())
}

fn fields_of(
    mut report: Report,
    session_id: Option<&Value>,
    code_value: Option<&Value>,
) -> Verdict<CodeCheck> {
    let r = &mut report;
    let session = match session_id {
        None => {
            r.error(Violation::new(
                "sessionId",
                Code::Required,
                "sessionId is required",
            ));
            None
        }
        Some(v) => {
            string(r, "sessionId", v).filter(|id| match session_id::check("sessionId", id) {
                Some(violation) => {
                    r.error(violation);
                    false
                }
                None => true,
            })
        }
    };
    let typed =
        code_value
            .and_then(|v| string(r, "code", v))
            .filter(|c| match code::check("code", c) {
                Some(violation) => {
                    r.error(violation);
                    false
                }
                None => true,
            });
    report.finish(|| {
        Some(CodeCheck {
            session_id: session?.to_owned(),
            code: typed.map(str::to_owned),
        })
    })
}

//! Validation of "validate code / read status"
//! (`GET .../sessions/{sessionId}?code=`).

use crate::json::Value;

use super::fields::{self, check_names, get, string};
use super::model::CodeCheck;
use super::report::Report;
use super::rules::{code, session_id};
use super::sub_account::is_valid_sub_account_id;
use super::violation::{Limit, Verdict, Violation, ViolationCode as Code};

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
        if !is_valid_sub_account_id(id) {
            r.error(
                Violation::new(
                    "subAccountId",
                    Code::Pattern,
                    format!("subAccountId must be 3 to 50 ASCII letters, digits, '-', '.', '_' or '&' (got {id:?})"),
                )
                .with_limit(Limit::Length { min: 3, max: 50 }),
            );
        }
    }
    let session = match get(members, "sessionId") {
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
    let typed = get(members, "code")
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

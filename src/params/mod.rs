//! Request models of the three Verify v2 endpoints, their validation, and
//! the response models.
//!
//! Validation reads a [`json::Value`](crate::json::Value), not a typed
//! struct, so it can report unknown fields, wrong types and every violation
//! at once. It returns a [`Verdict`]: errors, warnings, and the resolved
//! request (defaults filled, destination in E.164) when there is no error.
//!
//! ```
//! use verify8x8::{json, params};
//! let input = json::parse(r#"{"destination":"+6587654321","channel":"call","call":{"speed":3}}"#).unwrap();
//! let verdict = params::validate_verification(&input);
//! assert_eq!(verdict.errors[0].path, "call.speed");
//! assert_eq!(verdict.errors[0].code, params::ViolationCode::OutOfRange);
//! ```

mod code_check;
mod country;
mod coverage;
mod destination;
mod enums;
mod fields;
mod language;
mod model;
mod options;
mod report;
mod response;
mod rules;
mod sub_account;
mod verification;
mod verification_rules;
mod violation;

pub use crate::contract::limits::{CODE_LENGTH, CODE_VALIDITY, RESENDING_INTERVAL};
pub use code_check::{
    check_code, validate_code_check, validate_code_check_fields, CODE_CHECK_FIELDS,
};
pub use country::{normalize_country, COUNTRIES};
pub use coverage::{validate_coverage, COVERAGE_FIELDS};
pub use enums::{Channel, CodeType, Encoding};
pub use language::{is_language, DEFAULT_CALL_LANGUAGE, LANGUAGES};
pub use model::{
    CallOptions, CodeCheck, CoverageRequest, SmsOptions, VerificationRequest, WhatsAppOptions,
};
pub use options::{
    CALL_REPETITION_RANGE, CALL_SPEED_RANGE, DEFAULT_CALL_REPETITION, DEFAULT_CALL_SPEED,
    VOICE_PROFILE_MAX_LEN,
};
pub use response::{Coverage, ErrorBody, Session, SessionStatus, SmaInfo};
pub use rules::code::{CODE_MAX_LEN, CODE_MIN_LEN};
pub use rules::sender::{ALPHANUMERIC_SENDER_MAX, NUMERIC_SENDER_MAX};
pub use rules::template::{
    default_template, BRAND_PLACEHOLDER, CODE_PLACEHOLDER, DEFAULT_TEMPLATE,
    DEFAULT_TEMPLATE_WITH_BRAND,
};
pub use sub_account::{
    check_sub_account_id, is_valid_sub_account_id, SUB_ACCOUNT_ID_MAX_LEN, SUB_ACCOUNT_ID_MIN_LEN,
};
pub use verification::{validate_verification, BRAND_MAX_LEN, VERIFICATION_FIELDS};
pub use violation::{Limit, Verdict, Violation, ViolationCode};

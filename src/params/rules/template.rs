//! `template`: the message text of `sms` and `call`, with its placeholders
//! `{code}` (required, or no code is sent) and `{brand}` (rendered empty
//! without `brand`).

use crate::params::report::Report;
use crate::params::violation::{Violation, ViolationCode as Code};

pub use crate::contract::template::{
    default_template, BRAND_PLACEHOLDER, CODE_PLACEHOLDER, DEFAULT_TEMPLATE,
    DEFAULT_TEMPLATE_WITH_BRAND,
};

/// Checks `template` (at `path`): an error without `{code}`, a warning on
/// `brand` when `{brand}` is used but no brand is given.
pub(crate) fn check(report: &mut Report, path: &str, template: &str, has_brand: bool) {
    if !template.contains(CODE_PLACEHOLDER) {
        report.error(Violation::new(
            path,
            Code::MissingPlaceholder,
            format!(
                "{path} must contain {CODE_PLACEHOLDER}, or the message is sent without the code"
            ),
        ));
    }
    if template.contains(BRAND_PLACEHOLDER) && !has_brand {
        report.warn(Violation::new(
            "brand",
            Code::Required,
            format!("{path} uses {BRAND_PLACEHOLDER} but brand is not set: it renders empty"),
        ));
    }
}

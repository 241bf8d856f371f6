//! `template`: the message text of `sms` and `call`, with its placeholders
//! `{code}` (required, or no code is sent) and `{brand}` (rendered empty
//! without `brand`).

use crate::params::report::Report;
use crate::params::violation::{Violation, ViolationCode as Code};

/// The placeholder replaced by the code.
pub const CODE_PLACEHOLDER: &str = "{code}";
/// The placeholder replaced by `brand`.
pub const BRAND_PLACEHOLDER: &str = "{brand}";
/// 8x8's template when `brand` is given.
pub const DEFAULT_TEMPLATE_WITH_BRAND: &str = "{brand}: Your verification code is {code}";
/// 8x8's template without `brand`.
pub const DEFAULT_TEMPLATE: &str = "Your verification code is {code}";

/// The template 8x8 uses when none is given.
pub fn default_template(has_brand: bool) -> &'static str {
    if has_brand {
        DEFAULT_TEMPLATE_WITH_BRAND
    } else {
        DEFAULT_TEMPLATE
    }
}

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

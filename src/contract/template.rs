//! The text 8x8 sends: a `template` with the placeholders `{code}` and
//! `{brand}`, or one of 8x8's default texts.
//! Source: <https://developer.8x8.com/connect/reference/verify-request-v-2>.

/// The placeholder replaced by the code.
pub const CODE_PLACEHOLDER: &str = "{code}";
/// The placeholder replaced by `brand` (empty without one).
pub const BRAND_PLACEHOLDER: &str = "{brand}";
/// 8x8's template when `brand` is given.
pub const DEFAULT_TEMPLATE_WITH_BRAND: &str = "{brand}: Your verification code is {code}";
/// 8x8's template without `brand`.
pub const DEFAULT_TEMPLATE: &str = "Your verification code is {code}";

/// The template 8x8 uses when none is given.
///
/// ```
/// use verify8x8::contract::template::default_template;
/// assert_eq!(default_template(false), "Your verification code is {code}");
/// ```
pub fn default_template(has_brand: bool) -> &'static str {
    if has_brand {
        DEFAULT_TEMPLATE_WITH_BRAND
    } else {
        DEFAULT_TEMPLATE
    }
}

/// The text a person receives: `template` (or the default) with `code` and
/// `brand` put in, in one pass (a brand containing `{code}` is not expanded
/// again); `{brand}` without a brand renders empty.
///
/// ```
/// use verify8x8::contract::template::render;
/// assert_eq!(render(None, Some("ACME"), "1234"), "ACME: Your verification code is 1234");
/// assert_eq!(render(Some("{code} for {brand}"), None, "99"), "99 for ");
/// ```
pub fn render(template: Option<&str>, brand: Option<&str>, code: &str) -> String {
    let template = template.unwrap_or(default_template(brand.is_some()));
    let mut out = String::with_capacity(template.len() + code.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        if let Some(after) = tail.strip_prefix(CODE_PLACEHOLDER) {
            out.push_str(code);
            rest = after;
        } else if let Some(after) = tail.strip_prefix(BRAND_PLACEHOLDER) {
            out.push_str(brand.unwrap_or(""));
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_defaults_and_custom_templates() {
        assert_eq!(render(None, None, "1234"), "Your verification code is 1234");
        assert_eq!(
            render(None, Some("ABC"), "1234"),
            "ABC: Your verification code is 1234"
        );
        assert_eq!(
            render(Some("{code} is for {brand}"), None, "99"),
            "99 is for "
        );
        assert_eq!(render(Some("[{brand}] {code}"), Some("X"), "42"), "[X] 42");
        assert_eq!(render(Some("{x} {code}"), Some("{code}"), "7"), "{x} 7");
        assert_eq!(
            render(Some("{brand}{code}"), Some("{code}"), "7"),
            "{code}7"
        );
    }

    #[test]
    fn an_origin_bound_text_renders_every_code_and_keeps_its_lines() {
        // The edge worker's SMS (worker/src/sms_text.rs): the code twice,
        // the last line `@host #code` as a phone shows it.
        assert_eq!(
            render(
                Some("{brand}: Your verification code is {code}.\n\n@login.example.com #{code}"),
                Some("Acme"),
                "042917"
            ),
            "Acme: Your verification code is 042917.\n\n@login.example.com #042917"
        );
    }
}

//! The text a person receives: `template` with `{code}` and `{brand}`, or
//! 8x8's default texts (API.md §3.3).

/// Default text with a brand.
pub(crate) const DEFAULT_WITH_BRAND: &str = "{brand}: Your verification code is {code}";
/// Default text without a brand.
pub(crate) const DEFAULT: &str = "Your verification code is {code}";

/// Renders `template` (or the default) with `code` and `brand`; a `{brand}`
/// without a brand renders as empty.
pub(crate) fn render(template: Option<&str>, brand: Option<&str>, code: &str) -> String {
    let template = template.unwrap_or(if brand.is_some() {
        DEFAULT_WITH_BRAND
    } else {
        DEFAULT
    });
    // One pass, so a brand containing "{code}" is not expanded again.
    let mut out = String::with_capacity(template.len() + code.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        if let Some(after) = tail.strip_prefix("{code}") {
            out.push_str(code);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{brand}") {
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

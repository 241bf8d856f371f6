//! The SMS a person receives: the operator's text (`SMS_TEMPLATE`) or the
//! wording of the person's language, with the brand, ending with the
//! origin-bound line `@<host> #<code>` that browsers read to fill the code in
//! by themselves (WebOTP: <https://wicg.github.io/sms-one-time-codes/>; Safari's
//! one-time-code AutoFill reads the same line).
//!
//! 8x8 renders `{code}` and `{brand}` in the text (its `template` field);
//! the worker writes only the template, never a code.

use verify8x8::contract::template::DEFAULT_TEMPLATE;

/// The wording of a code message, per language (the primary subtag of the
/// page's `language`), with `{code}`. English, 8x8's own default text, is
/// the fallback.
const WORDINGS: [(&str, &str); 12] = [
    ("en", DEFAULT_TEMPLATE),
    ("fr", "Votre code de vérification est {code}."),
    ("de", "Ihr Bestätigungscode lautet {code}."),
    ("es", "Tu código de verificación es {code}."),
    ("pt", "O seu código de verificação é {code}."),
    ("it", "Il tuo codice di verifica è {code}."),
    ("nl", "Je verificatiecode is {code}."),
    ("id", "Kode verifikasi Anda adalah {code}."),
    ("ms", "Kod pengesahan anda ialah {code}."),
    ("ja", "認証コードは {code} です。"),
    ("zh", "您的验证码是 {code}。"),
    ("th", "รหัสยืนยันของคุณคือ {code}"),
];

/// The template for an SMS to a person speaking `language` (e.g. `fr-FR`,
/// or none), from the operator's `template` if set, else the language's
/// wording (with `{brand}: ` in front when the operator set a brand);
/// always ending with the line `@host #{code}`.
///
/// ```
/// # use verify8x8_worker::sms_text::sms_template;
/// assert_eq!(
///     sms_template(None, true, Some("fr-FR"), "login.example.com"),
///     "{brand}: Votre code de vérification est {code}.\n\n@login.example.com #{code}"
/// );
/// ```
pub fn sms_template(
    template: Option<&str>,
    has_brand: bool,
    language: Option<&str>,
    host: &str,
) -> String {
    let origin_line = format!("@{host} #{{code}}");
    let text = match template {
        Some(template) => template.trim_end().to_owned(),
        None => {
            let wording = wording(language);
            if has_brand {
                format!("{{brand}}: {wording}")
            } else {
                wording.to_owned()
            }
        }
    };
    // An operator's text that already ends with the line keeps it once.
    if text.ends_with(&origin_line) {
        return text;
    }
    format!("{text}\n\n{origin_line}")
}

/// The wording of `language`'s primary subtag, or English.
fn wording(language: Option<&str>) -> &'static str {
    let primary = language
        .and_then(|l| l.split(['-', '_']).next())
        .unwrap_or("en")
        .to_ascii_lowercase();
    WORDINGS
        .iter()
        .find(|(tag, _)| *tag == primary)
        .map_or(WORDINGS[0].1, |(_, wording)| wording)
}

/// The host of `origin` (`https://login.example.com:8443` →
/// `login.example.com:8443`), as WebOTP compares it with the page's.
pub fn host_of(origin: &str) -> &str {
    let rest = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_wording_and_the_origin_line() {
        for (tag, wording) in WORDINGS {
            let text = sms_template(None, false, Some(&format!("{tag}-XX")), "a.example");
            assert_eq!(text, format!("{wording}\n\n@a.example #{{code}}"), "{tag}");
            assert!(wording.contains("{code}"), "{tag}");
        }
    }

    #[test]
    fn the_brand_comes_first_when_the_operator_set_one() {
        assert_eq!(
            sms_template(None, true, Some("de"), "a.example"),
            "{brand}: Ihr Bestätigungscode lautet {code}.\n\n@a.example #{code}"
        );
        assert_eq!(
            sms_template(None, false, None, "a.example"),
            format!("{DEFAULT_TEMPLATE}\n\n@a.example #{{code}}")
        );
    }

    #[test]
    fn unknown_languages_read_english() {
        for language in [Some("xx-YY"), Some(""), None, Some("EN_gb")] {
            assert!(sms_template(None, false, language, "h").starts_with(DEFAULT_TEMPLATE));
        }
    }

    #[test]
    fn the_operators_text_is_kept_and_bound_once() {
        assert_eq!(
            sms_template(
                Some("{brand} code: {code}  "),
                true,
                Some("fr"),
                "h.example"
            ),
            "{brand} code: {code}\n\n@h.example #{code}"
        );
        let bound = "Code {code}\n\n@h.example #{code}";
        assert_eq!(sms_template(Some(bound), false, None, "h.example"), bound);
    }

    #[test]
    fn the_host_of_an_origin() {
        assert_eq!(host_of("https://login.example.com"), "login.example.com");
        assert_eq!(host_of("http://127.0.0.1:8787"), "127.0.0.1:8787");
        assert_eq!(host_of("app.example"), "app.example");
    }
}

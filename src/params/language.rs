//! `language`: the 48 locales 8x8 accepts (case-sensitive).

/// The 48 values `language` accepts, exactly as they must be written.
pub const LANGUAGES: [&str; 48] = [
    "ar-EG", "ar-SA", "bg-BG", "ca-ES", "cs-CZ", "da-DK", "de-AT", "de-CH", "de-DE", "el-GR",
    "en-AU", "en-CA", "en-GB", "en-IE", "en-IN", "en-US", "es-ES", "es-MX", "fi-FI", "fr-CA",
    "fr-CH", "fr-FR", "he-IL", "hi-IN", "hr-HR", "hu-HU", "id-ID", "it-IT", "ja-JP", "ko-KR",
    "ms-MY", "nb-NO", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU", "sk-SK", "sl-SI",
    "sv-SE", "ta-IN", "th-TH", "tr-TR", "vi-VN", "zh-CN", "zh-HK", "zh-TW",
];

/// The language `call` uses when none is given.
pub const DEFAULT_CALL_LANGUAGE: &str = "en-US";

/// Whether `s` is one of the 48 languages, exactly (case-sensitive).
///
/// ```
/// use verify8x8::params::is_language;
/// assert!(is_language("pt-BR"));
/// assert!(!is_language("pt-br"));
/// ```
pub fn is_language(s: &str) -> bool {
    LANGUAGES.binary_search(&s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_has_48() {
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(LANGUAGES.len(), 48);
    }

    #[test]
    fn case_matters() {
        for l in LANGUAGES {
            assert!(is_language(l));
            assert!(!is_language(&l.to_lowercase()));
        }
        assert!(!is_language("en"));
        assert!(!is_language("en_US"));
    }
}

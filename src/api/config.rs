//! Where requests go: straight to 8x8 with a key and a sub-account
//! ([`Mode::Direct`]), or to the edge worker, which holds the key
//! ([`Mode::Proxy`]).

use crate::params::{check_sub_account_id, Violation, ViolationCode};

/// 8x8's Asia-Pacific base URL (the default region).
pub const DEFAULT_BASE_URL: &str = "https://verify.8x8.com";

/// How the client reaches 8x8.
///
/// - `Direct`: `{baseUrl}/api/v2/subaccounts/{subAccountId}/sessions…` with
///   `Authorization: Bearer {apiKey}` (servers, Node, the edge worker);
/// - `Proxy`: `{baseUrl}/api/verify/sessions…` on the edge worker, no key
///   (browsers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Straight to 8x8 (or the emulator), with the API key.
    Direct,
    /// Through the edge worker, which adds the key and the sub-account.
    Proxy,
}

/// The client's settings. Build one with [`Config::direct`] or
/// [`Config::proxy`], then [`Config::check`] it.
///
/// ```
/// use verify8x8::api::{Config, Mode};
/// let direct = Config::direct("https://verify.8x8.com", "acme_hq", "key");
/// assert_eq!(direct.mode(), Mode::Direct);
/// assert_eq!(Config::proxy("https://example.com").mode(), Mode::Proxy);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Base URL without a trailing path: `https://verify.8x8.com`, the
    /// emulator's `http://127.0.0.1:8790`, or the edge worker's origin (which
    /// may be `""` for "this page's origin" in a browser).
    pub base_url: String,
    /// The 8x8 sub-account (Direct mode only).
    pub sub_account_id: Option<String>,
    /// The 8x8 API key (Direct mode only). Never put it in a web page.
    pub api_key: Option<String>,
}

impl Config {
    /// Settings for calling 8x8 (or the emulator) directly.
    pub fn direct(base_url: &str, sub_account_id: &str, api_key: &str) -> Config {
        Config {
            base_url: base_url.to_owned(),
            sub_account_id: Some(sub_account_id.to_owned()),
            api_key: Some(api_key.to_owned()),
        }
    }

    /// Settings for calling the edge worker at `base_url`.
    pub fn proxy(base_url: &str) -> Config {
        Config {
            base_url: base_url.to_owned(),
            sub_account_id: None,
            api_key: None,
        }
    }

    /// `Direct` when an API key is set, `Proxy` otherwise.
    pub fn mode(&self) -> Mode {
        if self.api_key.is_some() {
            Mode::Direct
        } else {
            Mode::Proxy
        }
    }

    /// Every problem with these settings (empty when usable): the base URL
    /// must be http(s) (Direct mode) or http(s) or a path (Proxy mode); Direct
    /// mode needs a well-formed `subAccountId` and a non-empty `apiKey`; a
    /// `subAccountId` without a key is refused (the worker holds its own).
    pub fn check(&self) -> Vec<Violation> {
        let mut errors = Vec::new();
        let url = self.base_url.as_str();
        let absolute = url.starts_with("https://") || url.starts_with("http://");
        let relative = url.is_empty() || url.starts_with('/');
        if !(absolute || (relative && self.mode() == Mode::Proxy)) || url.contains(['?', '#']) {
            errors.push(Violation::new(
                "baseUrl",
                ViolationCode::InvalidUrl,
                format!("baseUrl must be an http(s) URL without query, like {DEFAULT_BASE_URL} (got {url:?})"),
            ));
        }
        match (&self.api_key, &self.sub_account_id) {
            (Some(key), sub) => {
                if key.trim().is_empty() {
                    errors.push(Violation::new(
                        "apiKey",
                        ViolationCode::Required,
                        "apiKey must not be empty",
                    ));
                }
                match sub {
                    None => errors.push(Violation::new(
                        "subAccountId",
                        ViolationCode::Required,
                        "subAccountId is required with an apiKey",
                    )),
                    Some(id) => errors.extend(check_sub_account_id("subAccountId", id)),
                }
            }
            (None, Some(_)) => errors.push(Violation::new(
                "apiKey",
                ViolationCode::Required,
                "apiKey is required with a subAccountId (without both, the client talks to the edge worker)",
            )),
            (None, None) => {}
        }
        errors
    }

    /// The base URL without its trailing slashes.
    pub(crate) fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_settings_pass() {
        assert!(Config::direct("https://verify.8x8.com/", "acme_hq", "k")
            .check()
            .is_empty());
        assert!(Config::proxy("").check().is_empty());
        assert!(Config::proxy("/edge").check().is_empty());
        assert!(Config::proxy("http://127.0.0.1:8787").check().is_empty());
    }

    #[test]
    fn bad_settings_name_their_field() {
        let paths = |c: Config| c.check().into_iter().map(|v| v.path).collect::<Vec<_>>();
        assert_eq!(
            paths(Config::direct("ftp://x", "acme_hq", "k")),
            ["baseUrl"]
        );
        assert_eq!(
            paths(Config::direct("/relative", "acme_hq", "k")),
            ["baseUrl"]
        );
        assert_eq!(
            paths(Config::direct("https://x", "a b", " ")),
            ["apiKey", "subAccountId"]
        );
        let mut no_sub = Config::direct("https://x", "acme", "k");
        no_sub.sub_account_id = None;
        assert_eq!(paths(no_sub), ["subAccountId"]);
        let mut no_key = Config::direct("https://x?y", "acme", "k");
        no_key.api_key = None;
        assert_eq!(paths(no_key), ["baseUrl", "apiKey"]);
    }
}

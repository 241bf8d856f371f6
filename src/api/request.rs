//! Request descriptions: what to send for each operation (method, URL,
//! headers, JSON body). A transport executes them; nothing here does I/O.

use serde::Serialize;

use super::body::to_value;
use super::config::{Config, Mode};
use super::escape::escape;
use crate::json::{self, Value};
use crate::params::{CoverageRequest, VerificationRequest};

/// An HTTP method the Verify API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One HTTP request, ready for any transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The full URL (or a path, when `baseUrl` is a path in Proxy mode).
    pub url: String,
    /// Headers, names in lower case: `accept`, `content-type` (with a body),
    /// `authorization` (Direct mode).
    pub headers: Vec<(String, String)>,
    /// The JSON body, for POST.
    pub body: Option<String>,
}

/// `POST …/sessions` with the resolved request as its body.
///
/// ```
/// use verify8x8::{api, json, params};
/// let cfg = api::Config::direct("https://verify.8x8.com", "acme_hq", "KEY");
/// let input = json::parse(r#"{"destination":"+6587654321"}"#).unwrap();
/// let req = params::validate_verification(&input).request.unwrap();
/// let http = api::start_verification(&cfg, &req);
/// assert_eq!(http.url, "https://verify.8x8.com/api/v2/subaccounts/acme_hq/sessions");
/// assert!(http.body.unwrap().starts_with(r#"{"destination":"+6587654321","channel":"sms""#));
/// ```
pub fn start_verification(cfg: &Config, req: &VerificationRequest) -> HttpRequest {
    start_verification_with(cfg, req, &EdgeStart::default())
}

/// What a start through the edge worker carries besides 8x8's request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EdgeStart<'a> {
    /// The app backend's value for this login, echoed in the proof.
    pub nonce: Option<&'a str>,
    /// The Cloudflare Turnstile token, when the worker asks for one.
    pub turnstile_token: Option<&'a str>,
}

/// [`start_verification`] with what only the edge worker reads: the app
/// backend's `nonce` (echoed in the proof) and a Turnstile token. Through the
/// worker (Proxy) the body carries only what a page may choose
/// (`destination`, `channel`, `language`, `whatsapp.templateName`) and these:
/// the worker sets everything else and refuses it from a page. Direct,
/// neither is sent (8x8 has no such fields).
///
/// ```
/// use verify8x8::{api, json, params};
/// let input = json::parse(r#"{"destination":"+6587654321"}"#).unwrap();
/// let req = params::validate_verification(&input).request.unwrap();
/// let edge = api::EdgeStart { nonce: Some("n-1"), turnstile_token: None };
/// let http = api::start_verification_with(&api::Config::proxy("https://example.com"), &req, &edge);
/// assert_eq!(http.body.as_deref(), Some(r#"{"destination":"+6587654321","channel":"sms","nonce":"n-1"}"#));
/// ```
pub fn start_verification_with(
    cfg: &Config,
    req: &VerificationRequest,
    edge: &EdgeStart<'_>,
) -> HttpRequest {
    if cfg.mode() != Mode::Proxy {
        return post(cfg, sessions_url(cfg), body(req));
    }
    let text = |s: &str| Value::String(s.to_owned());
    let mut members = vec![
        ("destination".to_owned(), text(&req.destination)),
        ("channel".to_owned(), text(req.channel.as_str())),
    ];
    if let Some(language) = &req.language {
        members.push(("language".to_owned(), text(language)));
    }
    if let Some(whatsapp) = &req.whatsapp {
        let template = vec![("templateName".to_owned(), text(&whatsapp.template_name))];
        members.push(("whatsapp".to_owned(), Value::Object(template)));
    }
    if let Some(nonce) = edge.nonce {
        members.push(("nonce".to_owned(), text(nonce)));
    }
    if let Some(token) = edge.turnstile_token {
        members.push(("turnstileToken".to_owned(), text(token)));
    }
    post(
        cfg,
        sessions_url(cfg),
        json::to_string(&Value::Object(members)),
    )
}

/// Checks `code` for the session. Direct: `GET …/sessions/{sessionId}?code=`
/// (8x8's way; a wrong code counts as an attempt). Proxy: `POST
/// /api/verify/sessions/{handle}/check` with `{"code"}`, the edge worker's
/// only way to check a code: the code never sits in a URL, a log or a
/// browser's history, and the answer that verifies carries the proof. Without
/// a code (an `sma` session), Direct reads the session and Proxy asks the
/// worker to check it.
///
/// ```
/// use verify8x8::api;
/// let direct = api::Config::direct("https://verify.8x8.com", "acme_hq", "KEY");
/// let http = api::check_code(&direct, "a44a", Some("12 34"));
/// assert_eq!(http.url, "https://verify.8x8.com/api/v2/subaccounts/acme_hq/sessions/a44a?code=12%2034");
/// let proxy = api::Config::proxy("https://example.com");
/// let http = api::check_code(&proxy, "a44a", Some("1234"));
/// assert_eq!(http.url, "https://example.com/api/verify/sessions/a44a/check");
/// assert_eq!(http.body.as_deref(), Some(r#"{"code":"1234"}"#));
/// ```
pub fn check_code(cfg: &Config, session_id: &str, code: Option<&str>) -> HttpRequest {
    let session_url = format!("{}/{}", sessions_url(cfg), escape(session_id));
    if cfg.mode() == Mode::Proxy {
        let members = code
            .map(|c| vec![("code".to_owned(), Value::String(c.to_owned()))])
            .unwrap_or_default();
        let body = json::to_string(&Value::Object(members));
        return post(cfg, format!("{session_url}/check"), body);
    }
    let mut url = session_url;
    if let Some(code) = code {
        url.push_str("?code=");
        url.push_str(&escape(code));
    }
    HttpRequest {
        method: Method::Get,
        url,
        headers: headers(cfg, false),
        body: None,
    }
}

/// `GET …/sessions/{sessionId}`: the session as it stands (through the edge
/// worker, never a proof).
pub fn get_status(cfg: &Config, session_id: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: format!("{}/{}", sessions_url(cfg), escape(session_id)),
        headers: headers(cfg, false),
        body: None,
    }
}

/// Proxy only: `POST /api/verify/sessions/{handle}/resend`, the edge worker
/// sends the same code again (8x8 extends its validity). `None` in Direct
/// mode, where a resend is a second [`start_verification`] of the same
/// request (8x8 re-sends while the session waits).
pub fn resend(cfg: &Config, session_id: &str) -> Option<HttpRequest> {
    resend_by(cfg, session_id, None)
}

/// [`resend`], by `channel`: a silent (`sma`) session that did not verify
/// falls back to a code (`{"channel": "sms"}`), same owner, same number.
///
/// ```
/// use verify8x8::api;
/// let http = api::resend_by(&api::Config::proxy("https://example.com"), "h1", Some("sms")).unwrap();
/// assert_eq!(http.url, "https://example.com/api/verify/sessions/h1/resend");
/// assert_eq!(http.body.as_deref(), Some(r#"{"channel":"sms"}"#));
/// ```
pub fn resend_by(cfg: &Config, session_id: &str, channel: Option<&str>) -> Option<HttpRequest> {
    (cfg.mode() == Mode::Proxy).then(|| {
        let url = format!("{}/{}/resend", sessions_url(cfg), escape(session_id));
        let members = channel
            .map(|c| vec![("channel".to_owned(), Value::String(c.to_owned()))])
            .unwrap_or_default();
        post(cfg, url, json::to_string(&Value::Object(members)))
    })
}

/// `POST …/sma/coverage` (Direct) or `POST /api/verify/coverage` (Proxy,
/// where the worker fills `clientIp` from the connection, so it is not sent).
pub fn check_coverage(cfg: &Config, req: &CoverageRequest) -> HttpRequest {
    match cfg.mode() {
        Mode::Direct => {
            let url = format!("{}/sma/coverage", account_url(cfg));
            post(cfg, url, body(req))
        }
        Mode::Proxy => {
            let members = match &req.destination {
                Some(d) => vec![("destination".to_owned(), Value::String(d.clone()))],
                None => Vec::new(),
            };
            let url = format!("{}/api/verify/coverage", cfg.base());
            post(cfg, url, json::to_string(&Value::Object(members)))
        }
    }
}

fn account_url(cfg: &Config) -> String {
    let sub = cfg.sub_account_id.as_deref().unwrap_or_default();
    format!("{}/api/v2/subaccounts/{}", cfg.base(), escape(sub))
}

fn sessions_url(cfg: &Config) -> String {
    match cfg.mode() {
        Mode::Direct => format!("{}/sessions", account_url(cfg)),
        Mode::Proxy => format!("{}/api/verify/sessions", cfg.base()),
    }
}

fn body<T: Serialize>(req: &T) -> String {
    // The crate's models always serialize (string keys only); `null` would
    // be refused by the server, never silently accepted.
    json::to_string(&to_value(req).unwrap_or(Value::Null))
}

fn post(cfg: &Config, url: String, body: String) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        url,
        headers: headers(cfg, true),
        body: Some(body),
    }
}

fn headers(cfg: &Config, json_body: bool) -> Vec<(String, String)> {
    let mut headers = vec![("accept".to_owned(), "application/json".to_owned())];
    if json_body {
        headers.push(("content-type".to_owned(), "application/json".to_owned()));
    }
    if let (Mode::Direct, Some(key)) = (cfg.mode(), &cfg.api_key) {
        headers.push(("authorization".to_owned(), format!("Bearer {key}")));
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params;

    fn verification(text: &str) -> VerificationRequest {
        params::validate_verification(&json::parse(text).unwrap())
            .request
            .unwrap()
    }

    fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
        req.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn direct_start_matches_the_tutorial() {
        let cfg = Config::direct("https://verify.8x8.com/", "acme_corp", "s3cret");
        let req = start_verification(
            &cfg,
            &verification(r#"{"destination":"98765432","country":"SG"}"#),
        );
        assert_eq!(req.method, Method::Post);
        assert_eq!(
            req.url,
            "https://verify.8x8.com/api/v2/subaccounts/acme_corp/sessions"
        );
        assert_eq!(header(&req, "authorization"), Some("Bearer s3cret"));
        assert_eq!(header(&req, "content-type"), Some("application/json"));
        assert_eq!(header(&req, "accept"), Some("application/json"));
        let body = json::parse(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body.get("destination").and_then(Value::as_str),
            Some("+6598765432")
        );
        assert!(body.get("country").is_none());
    }

    #[test]
    fn the_body_is_the_serde_serialization_of_the_resolved_request() {
        let full = verification(
            r#"{"destination":"+65(876)54321","country":"SG","brand":"ABC","codeLength":5,"codeValidity":300,"language":"en-US","channel":"call","call":{"source":"+19876543210","speed":0.8,"repetition":3,"voiceProfile":"en-US-Kimberly"}}"#,
        );
        let direct = start_verification(
            &Config::direct("https://verify.8x8.com", "acme", "k"),
            &full,
        );
        assert_eq!(
            direct.body.as_deref(),
            Some(serde_json::to_string(&full).unwrap().as_str())
        );
        // Through the edge worker only what a page may choose: the worker
        // refuses the operator's fields (`server_controlled`) and sets them.
        let req = start_verification(&Config::proxy(""), &full);
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"destination":"+6587654321","channel":"call","language":"en-US"}"#)
        );
        assert_eq!(req.url, "/api/verify/sessions");
        assert_eq!(header(&req, "authorization"), None);
    }

    #[test]
    fn path_segments_and_code_are_escaped() {
        let cfg = Config::direct("http://127.0.0.1:8790", "a&b", "k");
        let req = check_code(&cfg, "x/../y", Some("1&x=2"));
        assert_eq!(
            req.url,
            "http://127.0.0.1:8790/api/v2/subaccounts/a%26b/sessions/x%2F..%2Fy?code=1%26x%3D2"
        );
        assert_eq!(req.method, Method::Get);
        assert_eq!(req.body, None);
        assert_eq!(header(&req, "content-type"), None);
        assert_eq!(
            get_status(&cfg, "abc").url,
            "http://127.0.0.1:8790/api/v2/subaccounts/a%26b/sessions/abc"
        );
    }

    #[test]
    fn through_the_worker_codes_go_in_a_post_body_and_resends_have_a_route() {
        let cfg = Config::proxy("https://edge.example");
        let check = check_code(&cfg, "h/1", Some("123456"));
        assert_eq!(check.method, Method::Post);
        assert_eq!(
            check.url,
            "https://edge.example/api/verify/sessions/h%2F1/check"
        );
        assert!(!check.url.contains("123456"), "never in the URL");
        assert_eq!(check.body.as_deref(), Some(r#"{"code":"123456"}"#));
        assert_eq!(header(&check, "content-type"), Some("application/json"));
        assert_eq!(check_code(&cfg, "h", None).body.as_deref(), Some("{}"));
        let status = get_status(&cfg, "h");
        assert_eq!(
            (status.method, status.url.as_str()),
            (Method::Get, "https://edge.example/api/verify/sessions/h")
        );
        let again = resend(&cfg, "h").expect("a route");
        assert_eq!(
            again.url,
            "https://edge.example/api/verify/sessions/h/resend"
        );
        assert_eq!(again.method, Method::Post);
        assert_eq!(
            resend(&Config::direct("https://verify.8x8.com", "acme", "k"), "h"),
            None
        );
    }

    #[test]
    fn coverage_in_both_modes() {
        let input =
            json::parse(r#"{"clientIp":"123.123.123.123","destination":"+6587654321"}"#).unwrap();
        let cov = params::validate_coverage(&input).request.unwrap();
        let direct = check_coverage(&Config::direct("https://verify.8x8.uk", "acme", "k"), &cov);
        assert_eq!(
            direct.url,
            "https://verify.8x8.uk/api/v2/subaccounts/acme/sma/coverage"
        );
        assert_eq!(
            direct.body.unwrap(),
            r#"{"clientIp":"123.123.123.123","destination":"+6587654321"}"#
        );
        let proxy = check_coverage(&Config::proxy("https://edge.example/"), &cov);
        assert_eq!(proxy.url, "https://edge.example/api/verify/coverage");
        assert_eq!(proxy.body.unwrap(), r#"{"destination":"+6587654321"}"#);
    }
}

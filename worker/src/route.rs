//! The worker's routes (`worker/README.md`): which operation a method and
//! path ask for.

use crate::reply::Refusal;

/// The path prefix of the API; everything else is the sample page's assets.
pub const API_PREFIX: &str = "/api/";

/// Where the proofs' public keys are served.
pub const JWKS_PATH: &str = "/.well-known/jwks.json";

/// An operation of the worker's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `POST /api/verify/sessions`: start a verification.
    Start,
    /// `GET /api/verify/sessions/{handle}`: read a session (never a proof).
    Status(String),
    /// `POST /api/verify/sessions/{handle}/check` with `{"code"}`: the only
    /// way to check a code, and the one answer that carries the proof.
    Check(String),
    /// `POST /api/verify/sessions/{handle}/resend`: send the code again.
    Resend(String),
    /// `POST /api/verify/coverage`: the SMA coverage check.
    Coverage,
    /// `GET /api/verify/config`: what the page may offer (channels, the
    /// code's length and type, the Turnstile site key), from
    /// `crate::config::page`.
    Settings,
    /// `GET /.well-known/jwks.json`: the proofs' public keys.
    Jwks,
    /// `OPTIONS` on any API route: a CORS preflight.
    Preflight,
}

/// The route of `method` on `path`, or the refusal (404, 405).
pub fn route(method: &str, path: &str) -> Result<Route, Refusal> {
    if path == JWKS_PATH {
        return match method {
            "GET" | "HEAD" => Ok(Route::Jwks),
            _ => Err(Refusal::Method { allow: "GET" }),
        };
    }
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let handle = |h: &&str| !h.is_empty();
    let (route, allow) = match segments.as_slice() {
        ["api", "verify", "sessions"] => (Route::Start, "POST, OPTIONS"),
        ["api", "verify", "sessions", h] if handle(h) => {
            (Route::Status((*h).to_owned()), "GET, OPTIONS")
        }
        ["api", "verify", "sessions", h, "check"] if handle(h) => {
            (Route::Check((*h).to_owned()), "POST, OPTIONS")
        }
        ["api", "verify", "sessions", h, "resend"] if handle(h) => {
            (Route::Resend((*h).to_owned()), "POST, OPTIONS")
        }
        ["api", "verify", "coverage"] => (Route::Coverage, "POST, OPTIONS"),
        ["api", "verify", "config"] => (Route::Settings, "GET, OPTIONS"),
        _ => return Err(Refusal::NotFound),
    };
    match (method, &route) {
        ("OPTIONS", _) => Ok(Route::Preflight),
        ("GET", Route::Status(_) | Route::Settings)
        | ("POST", Route::Start | Route::Check(_) | Route::Resend(_) | Route::Coverage) => {
            Ok(route)
        }
        _ => Err(Refusal::Method { allow }),
    }
}

/// The path as logs show it: a session handle is a credential, so it is
/// replaced by `:handle`.
pub fn loggable(path: &str) -> String {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["api", "verify", "sessions", _] => "/api/verify/sessions/:handle".to_owned(),
        ["api", "verify", "sessions", _, action] if matches!(*action, "check" | "resend") => {
            format!("/api/verify/sessions/:handle/{action}")
        }
        _ if path.len() > 64 => format!("{}…", path.chars().take(64).collect::<String>()),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_routes_and_preflight() {
        assert_eq!(route("POST", "/api/verify/sessions"), Ok(Route::Start));
        assert_eq!(
            route("GET", "/api/verify/sessions/abc"),
            Ok(Route::Status("abc".into()))
        );
        assert_eq!(
            route("POST", "/api/verify/sessions/abc/check"),
            Ok(Route::Check("abc".into()))
        );
        assert_eq!(
            route("POST", "/api/verify/sessions/abc/resend"),
            Ok(Route::Resend("abc".into()))
        );
        assert_eq!(route("POST", "/api/verify/coverage"), Ok(Route::Coverage));
        assert_eq!(route("GET", "/.well-known/jwks.json"), Ok(Route::Jwks));
        assert_eq!(route("GET", "/api/verify/config"), Ok(Route::Settings));
        assert_eq!(
            route("POST", "/api/verify/config"),
            Err(Refusal::Method {
                allow: "GET, OPTIONS"
            })
        );
        assert_eq!(
            route("OPTIONS", "/api/verify/sessions/abc/check"),
            Ok(Route::Preflight)
        );
    }

    #[test]
    fn wrong_methods_name_the_right_ones() {
        assert_eq!(
            route("GET", "/api/verify/sessions"),
            Err(Refusal::Method {
                allow: "POST, OPTIONS"
            })
        );
        assert_eq!(
            route("DELETE", "/api/verify/sessions/abc"),
            Err(Refusal::Method {
                allow: "GET, OPTIONS"
            })
        );
        // A code is never checked by GET (it would sit in URLs and histories).
        assert_eq!(
            route("GET", "/api/verify/sessions/abc/check"),
            Err(Refusal::Method {
                allow: "POST, OPTIONS"
            })
        );
        assert_eq!(
            route("POST", "/.well-known/jwks.json"),
            Err(Refusal::Method { allow: "GET" })
        );
    }

    #[test]
    fn everything_else_is_not_found() {
        for path in [
            "/api/verify",
            "/api/verify/sessions/",
            "/api/verify/sessions/a/b",
            "/api/verify/sessions//check",
            "/api/verify/sessions/a/check/x",
            "/api/v2/subaccounts/x/sessions",
            "/api/",
        ] {
            assert_eq!(route("GET", path), Err(Refusal::NotFound), "{path}");
        }
    }

    #[test]
    fn handles_never_reach_logs() {
        assert_eq!(
            loggable("/api/verify/sessions/SECRET-HANDLE"),
            "/api/verify/sessions/:handle"
        );
        assert_eq!(
            loggable("/api/verify/sessions/SECRET-HANDLE/check"),
            "/api/verify/sessions/:handle/check"
        );
        assert_eq!(loggable("/api/verify/sessions"), "/api/verify/sessions");
    }
}

//! The worker's routes (DESIGN.md): which operation a method and path ask for.

use crate::reply::Refusal;

/// The path prefix of the API; everything else is the sample page's assets.
pub const API_PREFIX: &str = "/api/";

/// An operation of the worker's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `POST /api/verify/sessions`: start a verification.
    Start,
    /// `GET /api/verify/sessions/{handle}`: read a session, or check a code (`?code=`).
    Session(String),
    /// `POST /api/verify/coverage`: the SMA coverage check.
    Coverage,
    /// `OPTIONS` on any route above: a CORS preflight.
    Preflight,
}

/// The route of `method` on `path`, or the refusal (404, 405).
pub fn route(method: &str, path: &str) -> Result<Route, Refusal> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (route, allow) = match segments.as_slice() {
        ["api", "verify", "sessions"] => (Route::Start, "POST, OPTIONS"),
        ["api", "verify", "sessions", handle] if !handle.is_empty() => {
            (Route::Session((*handle).to_owned()), "GET, OPTIONS")
        }
        ["api", "verify", "coverage"] => (Route::Coverage, "POST, OPTIONS"),
        _ => return Err(Refusal::NotFound),
    };
    match (method, &route) {
        ("OPTIONS", _) => Ok(Route::Preflight),
        ("POST", Route::Start | Route::Coverage) | ("GET", Route::Session(_)) => Ok(route),
        _ => Err(Refusal::Method { allow }),
    }
}

/// The path as logs show it: a session handle is a credential, so it is
/// replaced by `:handle`.
pub fn loggable(path: &str) -> String {
    match route("GET", path) {
        Ok(Route::Session(_)) => "/api/verify/sessions/:handle".to_owned(),
        _ if path.len() > 64 => format!("{}…", path.chars().take(64).collect::<String>()),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_routes_and_preflight() {
        assert_eq!(route("POST", "/api/verify/sessions"), Ok(Route::Start));
        assert_eq!(
            route("GET", "/api/verify/sessions/abc"),
            Ok(Route::Session("abc".into()))
        );
        assert_eq!(route("POST", "/api/verify/coverage"), Ok(Route::Coverage));
        assert_eq!(
            route("OPTIONS", "/api/verify/sessions"),
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
        assert_eq!(
            route("PUT", "/api/verify/coverage"),
            Err(Refusal::Method {
                allow: "POST, OPTIONS"
            })
        );
    }

    #[test]
    fn everything_else_is_not_found() {
        for path in [
            "/api/verify",
            "/api/verify/sessions/",
            "/api/verify/sessions/a/b",
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
        assert_eq!(loggable("/api/verify/sessions"), "/api/verify/sessions");
    }
}

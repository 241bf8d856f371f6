//! CORS with an exact allow-list: the worker's own origin and the configured
//! ones. No reflection of arbitrary origins, no `null`, always `Vary: Origin`.

/// What to do with a request's `Origin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cors {
    /// No `Origin` header: not a cross-origin browser request.
    NoOrigin,
    /// The worker's own origin: no CORS headers needed.
    SameOrigin,
    /// An allowed foreign origin: answer with these CORS headers.
    Allowed(String),
    /// Anything else: refuse before doing anything (a browser would hide the
    /// answer, but an unrefused POST would still send an SMS).
    Refused,
}

/// Decides on `origin` for a worker at `own_origin` with `allowed` origins.
pub fn check(origin: Option<&str>, own_origin: &str, allowed: &[String]) -> Cors {
    match origin {
        None => Cors::NoOrigin,
        Some(origin) if origin == own_origin => Cors::SameOrigin,
        Some(origin) if origin != "null" && allowed.iter().any(|a| a == origin) => {
            Cors::Allowed(origin.to_owned())
        }
        Some(_) => Cors::Refused,
    }
}

impl Cors {
    /// Headers for every answer: `Vary: Origin` always (caches must not mix
    /// origins), `Access-Control-Allow-Origin` for an allowed foreign one.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = vec![("Vary", "Origin".to_owned())];
        if let Cors::Allowed(origin) = self {
            headers.push(("Access-Control-Allow-Origin", origin.clone()));
        }
        headers
    }

    /// Extra headers of a preflight (`OPTIONS`) answer.
    pub fn preflight_headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = self.headers();
        if matches!(self, Cors::Allowed(_) | Cors::SameOrigin) {
            headers.push(("Access-Control-Allow-Methods", "GET, POST".to_owned()));
            headers.push(("Access-Control-Allow-Headers", "Content-Type".to_owned()));
            headers.push(("Access-Control-Max-Age", "600".to_owned()));
        }
        headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "https://verify.example";

    fn allowed() -> Vec<String> {
        vec!["https://app.example".to_owned()]
    }

    #[test]
    fn decides_by_exact_match() {
        assert_eq!(check(None, OWN, &allowed()), Cors::NoOrigin);
        assert_eq!(check(Some(OWN), OWN, &allowed()), Cors::SameOrigin);
        assert_eq!(
            check(Some("https://app.example"), OWN, &allowed()),
            Cors::Allowed("https://app.example".into())
        );
        for refused in [
            "https://evil.example",
            "https://app.example.evil",
            "http://app.example",
            "null",
            "*",
            "",
        ] {
            assert_eq!(
                check(Some(refused), OWN, &allowed()),
                Cors::Refused,
                "{refused}"
            );
        }
    }

    #[test]
    fn null_is_refused_even_if_configured() {
        assert_eq!(
            check(Some("null"), OWN, &["null".to_owned()]),
            Cors::Refused
        );
    }

    #[test]
    fn headers_never_reflect_a_refused_origin() {
        let refused = Cors::Refused.preflight_headers();
        assert_eq!(refused, vec![("Vary", "Origin".to_owned())]);
        let allowed = Cors::Allowed("https://app.example".into()).headers();
        assert!(allowed.contains(&(
            "Access-Control-Allow-Origin",
            "https://app.example".to_owned()
        )));
        assert!(allowed.contains(&("Vary", "Origin".to_owned())));
    }
}

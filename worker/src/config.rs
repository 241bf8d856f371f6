//! The worker's configuration, read from its environment (vars and secrets)
//! and checked at the first request: a missing or invalid setting is refused
//! loudly, naming the variable, never silently replaced.

use verify8x8::params::is_valid_sub_account_id;
use verify8x8::phone;

use crate::rules::{parse_rules, Rule};

/// 8x8's default region (Asia-Pacific). The others: `https://verify.us.8x8.com`,
/// `https://verify.8x8.uk`, `https://verify.8x8.id`.
pub const DEFAULT_BASE_URL: &str = "https://verify.8x8.com";

/// Everything the worker needs, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// 8x8 base URL (`VERIFY_BASE_URL`).
    pub base_url: String,
    /// The sub-account every request goes to (`VERIFY_SUBACCOUNT_ID`).
    pub sub_account_id: String,
    /// The 8x8 API key (secret `VERIFY_API_KEY`). Never logged, never sent to a browser.
    pub api_key: String,
    /// Origins allowed to call the API cross-origin (`ALLOWED_ORIGINS`);
    /// the worker's own origin is always allowed.
    pub allowed_origins: Vec<String>,
    /// Destination countries (`ALLOWED_COUNTRIES`): `None` means every country.
    pub allowed_countries: Option<Vec<String>>,
    /// Refuse numbers that cannot receive SMS for the `sms` and `sma` channels
    /// (`REQUIRE_MOBILE`, default `true`).
    pub require_mobile: bool,
    /// Key of session handles and proofs (secret `PROOF_SECRET`, ≥ 32 bytes).
    pub proof_secret: Vec<u8>,
    /// How long a proof of verification is accepted, seconds (`PROOF_TTL`, default 600).
    pub proof_ttl: u64,
    /// Rate limits.
    pub limits: Limits,
}

/// The rate limits, each a list of rules that must all allow a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Verifications started per destination number (`LIMIT_DESTINATION`, default `3/10m,5/1h`).
    pub destination: Vec<Rule>,
    /// Verifications started per client IP, IPv6 per /64 (`LIMIT_IP`, default `10/1h`).
    pub ip: Vec<Rule>,
    /// Verifications started per number prefix, the number without its last 4
    /// digits (`LIMIT_PREFIX`, default `10/1h`).
    pub prefix: Vec<Rule>,
    /// Verifications started per destination country (`LIMIT_COUNTRY`, default off).
    pub country: Vec<Rule>,
    /// Code checks per session (`LIMIT_SESSION_CHECKS`, default `10/10m`).
    pub session_checks: Vec<Rule>,
    /// Code checks and coverage checks per client IP (`LIMIT_IP_CHECKS`,
    /// default `120/1h`), counted exactly in a Durable Object.
    pub ip_checks: Vec<Rule>,
    /// Status reads (polls without a code) per client IP (`LIMIT_IP_READS`,
    /// default `600/1h`). A read costs 8x8 nothing, so it is counted in each
    /// isolate's memory ([`crate::local`]): no Durable Object round trip,
    /// approximate across isolates.
    pub ip_reads: Vec<Rule>,
}

/// A setting that is missing or invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The variable's name.
    pub variable: &'static str,
    /// What is wrong with it (never its value: it may be a secret).
    pub problem: String,
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "worker configuration: {} {}",
            self.variable, self.problem
        )
    }
}

impl Config {
    /// Reads and checks every setting through `lookup` (the worker's `Env`
    /// natively replaced by a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let error = |variable, problem: &str| ConfigError {
            variable,
            problem: problem.to_owned(),
        };
        let rules = |variable: &'static str, default: &str| {
            parse_rules(&get(variable).unwrap_or_else(|| default.to_owned()))
                .map_err(|problem| ConfigError { variable, problem })
        };

        let base_url = get("VERIFY_BASE_URL").unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        let base_url = base_url.trim_end_matches('/').to_owned();
        if !is_http_origin(&base_url) {
            return Err(error(
                "VERIFY_BASE_URL",
                "must be an http(s) URL without a path, e.g. https://verify.8x8.com",
            ));
        }
        let sub_account_id = get("VERIFY_SUBACCOUNT_ID")
            .ok_or_else(|| error("VERIFY_SUBACCOUNT_ID", "is not set"))?;
        if !is_valid_sub_account_id(&sub_account_id) {
            return Err(error(
                "VERIFY_SUBACCOUNT_ID",
                "must be 3 to 50 of A-Z a-z 0-9 - . _ &",
            ));
        }
        let api_key = get("VERIFY_API_KEY").ok_or_else(|| {
            error(
                "VERIFY_API_KEY",
                "is not set (a secret: `wrangler secret put VERIFY_API_KEY`)",
            )
        })?;
        let proof_secret = get("PROOF_SECRET")
            .ok_or_else(|| error("PROOF_SECRET", "is not set (a secret of at least 32 bytes: `wrangler secret put PROOF_SECRET`)"))?
            .into_bytes();
        if proof_secret.len() < verify8x8::proof::MIN_SECRET_LEN {
            return Err(error("PROOF_SECRET", "must be at least 32 bytes"));
        }

        let allowed_origins = list(get("ALLOWED_ORIGINS"));
        if let Some(bad) = allowed_origins.iter().find(|o| !is_http_origin(o)) {
            let problem = format!("has {bad:?}, which is not an origin like https://example.com (no `*`, no `null`, no path)");
            return Err(ConfigError {
                variable: "ALLOWED_ORIGINS",
                problem,
            });
        }
        let countries = get("ALLOWED_COUNTRIES").ok_or_else(|| {
            error("ALLOWED_COUNTRIES", "is not set: list the countries you verify numbers in (e.g. `US,CA,GB`), or `*` for all")
        })?;
        let allowed_countries = if countries == "*" {
            None
        } else {
            let codes: Vec<String> = list(Some(countries))
                .iter()
                .map(|c| c.to_ascii_uppercase())
                .collect();
            if let Some(bad) = codes.iter().find(|c| !is_region(c)) {
                let problem = format!(
                    "has {bad:?}, which is not an ISO 3166-1 alpha-2 region with phone numbers"
                );
                return Err(ConfigError {
                    variable: "ALLOWED_COUNTRIES",
                    problem,
                });
            }
            Some(codes)
        };
        let require_mobile = match get("REQUIRE_MOBILE").as_deref() {
            None | Some("true") => true,
            Some("false") => false,
            Some(_) => return Err(error("REQUIRE_MOBILE", "must be `true` or `false`")),
        };
        let proof_ttl = match get("PROOF_TTL") {
            None => 600,
            Some(v) => v
                .parse()
                .ok()
                .filter(|s| (1..=86_400).contains(s))
                .ok_or_else(|| error("PROOF_TTL", "must be seconds from 1 to 86400"))?,
        };

        let limits = Limits {
            destination: rules("LIMIT_DESTINATION", "3/10m,5/1h")?,
            ip: rules("LIMIT_IP", "10/1h")?,
            prefix: rules("LIMIT_PREFIX", "10/1h")?,
            country: rules("LIMIT_COUNTRY", "off")?,
            session_checks: rules("LIMIT_SESSION_CHECKS", "10/10m")?,
            ip_checks: rules("LIMIT_IP_CHECKS", "120/1h")?,
            ip_reads: rules("LIMIT_IP_READS", "600/1h")?,
        };
        Ok(Self {
            base_url,
            sub_account_id,
            api_key,
            allowed_origins,
            allowed_countries,
            require_mobile,
            proof_secret,
            proof_ttl,
            limits,
        })
    }
}

fn list(value: Option<String>) -> Vec<String> {
    value
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn is_region(code: &str) -> bool {
    phone::regions().any(|(region, _)| region.as_str() == code)
}

/// `http(s)://host[:port]` with nothing after: the form of an origin.
pub(crate) fn is_http_origin(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut map: HashMap<&str, &str> = HashMap::from([
            ("VERIFY_API_KEY", "key"),
            ("VERIFY_SUBACCOUNT_ID", "acme_hq"),
            ("PROOF_SECRET", SECRET),
            ("ALLOWED_COUNTRIES", "*"),
        ]);
        map.extend(vars.iter().copied());
        Config::from_lookup(|name| map.get(name).map(|v| v.to_string()))
    }

    fn problem(vars: &[(&str, &str)]) -> &'static str {
        config(vars).expect_err("refused").variable
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let c = config(&[]).expect("valid");
        assert_eq!(c.base_url, DEFAULT_BASE_URL);
        assert!(c.allowed_origins.is_empty());
        assert_eq!(c.allowed_countries, None);
        assert!(c.require_mobile);
        assert_eq!(c.proof_ttl, 600);
        assert_eq!(
            c.limits.destination,
            vec![Rule::new(3, 600), Rule::new(5, 3600)]
        );
        assert_eq!(c.limits.ip, vec![Rule::new(10, 3600)]);
        assert_eq!(c.limits.prefix, vec![Rule::new(10, 3600)]);
        assert!(c.limits.country.is_empty());
        assert_eq!(c.limits.session_checks, vec![Rule::new(10, 600)]);
        assert_eq!(c.limits.ip_checks, vec![Rule::new(120, 3600)]);
        assert_eq!(c.limits.ip_reads, vec![Rule::new(600, 3600)]);
    }

    #[test]
    fn missing_secrets_and_ids_are_named() {
        assert_eq!(problem(&[("VERIFY_API_KEY", "")]), "VERIFY_API_KEY");
        assert_eq!(
            problem(&[("VERIFY_SUBACCOUNT_ID", " ")]),
            "VERIFY_SUBACCOUNT_ID"
        );
        assert_eq!(
            problem(&[("VERIFY_SUBACCOUNT_ID", "acme corp")]),
            "VERIFY_SUBACCOUNT_ID"
        );
        assert_eq!(problem(&[("PROOF_SECRET", "short")]), "PROOF_SECRET");
        assert_eq!(problem(&[("ALLOWED_COUNTRIES", "")]), "ALLOWED_COUNTRIES");
    }

    #[test]
    fn the_error_never_contains_the_value() {
        let e = config(&[("PROOF_SECRET", "hunter2")]).expect_err("refused");
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }

    #[test]
    fn origins_must_be_exact_origins() {
        let c = config(&[(
            "ALLOWED_ORIGINS",
            "https://a.example, http://127.0.0.1:5173",
        )])
        .expect("valid");
        assert_eq!(
            c.allowed_origins,
            ["https://a.example", "http://127.0.0.1:5173"]
        );
        for bad in [
            "*",
            "null",
            "https://a.example/path",
            "a.example",
            "https://",
        ] {
            assert_eq!(
                problem(&[("ALLOWED_ORIGINS", bad)]),
                "ALLOWED_ORIGINS",
                "{bad}"
            );
        }
    }

    #[test]
    fn countries_are_checked_regions() {
        let c = config(&[("ALLOWED_COUNTRIES", "us, gb,SG")]).expect("valid");
        assert_eq!(
            c.allowed_countries,
            Some(vec!["US".into(), "GB".into(), "SG".into()])
        );
        assert_eq!(
            problem(&[("ALLOWED_COUNTRIES", "US,XX")]),
            "ALLOWED_COUNTRIES"
        );
    }

    #[test]
    fn base_url_must_be_an_origin() {
        let c = config(&[("VERIFY_BASE_URL", "http://127.0.0.1:8790/")]).expect("valid");
        assert_eq!(c.base_url, "http://127.0.0.1:8790");
        assert_eq!(
            problem(&[("VERIFY_BASE_URL", "ftp://x")]),
            "VERIFY_BASE_URL"
        );
        assert_eq!(
            problem(&[("VERIFY_BASE_URL", "https://verify.8x8.com/api")]),
            "VERIFY_BASE_URL"
        );
    }

    #[test]
    fn limits_and_flags_parse_or_are_named() {
        let c = config(&[
            ("LIMIT_COUNTRY", "100/1d"),
            ("REQUIRE_MOBILE", "false"),
            ("PROOF_TTL", "60"),
        ])
        .expect("valid");
        assert_eq!(c.limits.country, vec![Rule::new(100, 86_400)]);
        assert!(!c.require_mobile);
        assert_eq!(c.proof_ttl, 60);
        assert_eq!(problem(&[("LIMIT_IP", "ten per hour")]), "LIMIT_IP");
        assert_eq!(problem(&[("REQUIRE_MOBILE", "yes")]), "REQUIRE_MOBILE");
        assert_eq!(problem(&[("PROOF_TTL", "0")]), "PROOF_TTL");
    }
}

//! The configuration's checks: defaults, bounds, and every refusal naming its variable.

use super::*;
use crate::breaker::Breaker;
use std::collections::HashMap;

const HANDLE_SECRET: &str = "q3Vt9XbL0cZ2mN7pR4sT6uW8yA1dF5hJ";
const SIGNING_KEY: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"VNmigJ2rD0MOYWNlZtN7ZEwo3p500u-IGxky2ZNJ6Ak","d":"WHS9y9C583jf92RN8zYfmbGo3aS0ZlyqAtXnzXPD8V0"}"#;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let mut map: HashMap<&str, &str> = HashMap::from([
        ("VERIFY_API_KEY", "key"),
        ("VERIFY_SUBACCOUNT_ID", "acme_hq"),
        ("HANDLE_SECRET", HANDLE_SECRET),
        ("PROOF_SIGNING_KEY", SIGNING_KEY),
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
    assert_eq!(c.channels, vec![Channel::Sms]);
    assert!(c.require_mobile);
    assert!(!c.allow_voip);
    assert_eq!(c.proof_ttl, 300);
    assert_eq!(c.proof_audience, None);
    assert_eq!(
        c.send,
        Send {
            code_length: 6,
            code_type: CodeType::Numeric,
            code_validity: 300,
            resending_interval: 30,
            brand: None,
            template: None,
            template_key: None,
            sms_source: None,
            call_source: None,
            callback_url: None,
            otp_host: None,
        }
    );
    assert_eq!(
        c.limits.destination,
        vec![Rule::new(3, 600), Rule::new(5, 3600)]
    );
    assert_eq!(c.limits.ip, vec![Rule::new(10, 3600)]);
    assert_eq!(c.limits.prefix, vec![Rule::new(10, 3600)]);
    assert!(c.limits.country.is_empty());
    assert_eq!(c.limits.session_checks, vec![Rule::new(10, 600)]);
    assert_eq!(c.limits.destination_failures, vec![Rule::new(10, 86_400)]);
    assert_eq!(c.limits.ip_checks, vec![Rule::new(120, 3600)]);
    assert_eq!(c.limits.ip_reads, vec![Rule::new(600, 3600)]);
    assert_eq!(c.limits.ip_24, vec![Rule::new(50, 3600)]);
    assert_eq!(c.limits.ip_56, vec![Rule::new(20, 3600)]);
    assert_eq!(c.limits.ip_48, vec![Rule::new(30, 3600)]);
    assert_eq!(c.limits.range, vec![Rule::new(30, 3600)]);
    assert_eq!(c.limits.asn, vec![Rule::new(200, 3600)]);
    assert_eq!(c.limits.global, vec![Rule::new(1000, 86_400)]);
    assert_eq!(c.limits.cold_countries, vec![Rule::new(20, 3600)]);
    assert_eq!(
        c.defences.breaker,
        Some(Breaker {
            window: 3600,
            min_starts: 3,
            min_conversion: 20,
            cooldown: 1800,
            grace: 120,
        })
    );
    assert_eq!(c.defences.turnstile, None);
}

#[test]
fn defences_are_read_and_checked() {
    let c = config(&[
        ("BREAKER_WINDOW", "1m"),
        ("BREAKER_COOLDOWN", "30s"),
        ("BREAKER_GRACE", "2s"),
        ("BREAKER_MIN_STARTS", "5"),
        ("BREAKER_MIN_CONVERSION", "50"),
        ("TURNSTILE_SECRET", "0x4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ("TURNSTILE_SITE_KEY", "0x4AAAAAAAAAAAAAAAAAAAAA"),
        ("TURNSTILE_VERIFY_URL", "http://127.0.0.1:9/siteverify"),
    ])
    .expect("valid");
    assert_eq!(
        c.defences.breaker,
        Some(Breaker {
            window: 60,
            min_starts: 5,
            min_conversion: 50,
            cooldown: 30,
            grace: 2,
        })
    );
    let t = c.defences.turnstile.expect("on");
    assert_eq!(t.verify_url, "http://127.0.0.1:9/siteverify");
    assert_eq!(t.action, "verify");
    assert_eq!(t.hostname, None);
    assert_eq!(
        config(&[("BREAKER_WINDOW", "off")])
            .unwrap()
            .defences
            .breaker,
        None
    );
    assert_eq!(problem(&[("BREAKER_WINDOW", "1 hour")]), "BREAKER_WINDOW");
    assert_eq!(problem(&[("BREAKER_COOLDOWN", "0m")]), "BREAKER_COOLDOWN");
    assert_eq!(
        problem(&[("BREAKER_MIN_CONVERSION", "101")]),
        "BREAKER_MIN_CONVERSION"
    );
    assert_eq!(problem(&[("TURNSTILE_SECRET", "x")]), "TURNSTILE_SITE_KEY");
    assert_eq!(problem(&[("TURNSTILE_SITE_KEY", "x")]), "TURNSTILE_SECRET");
    assert_eq!(
        problem(&[
            ("TURNSTILE_SECRET", "s"),
            ("TURNSTILE_SITE_KEY", "k"),
            ("TURNSTILE_VERIFY_URL", "http://example.com/siteverify"),
        ]),
        "TURNSTILE_VERIFY_URL"
    );
    assert_eq!(
        problem(&[
            ("TURNSTILE_SECRET", "s"),
            ("TURNSTILE_SITE_KEY", "<script>"),
        ]),
        "TURNSTILE_SITE_KEY"
    );
    assert_eq!(problem(&[("LIMIT_GLOBAL", "many")]), "LIMIT_GLOBAL");
    assert_eq!(problem(&[("LIMIT_IP_48", "1/1y")]), "LIMIT_IP_48");
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
    assert_eq!(problem(&[("HANDLE_SECRET", "short")]), "HANDLE_SECRET");
    assert_eq!(problem(&[("PROOF_SIGNING_KEY", "")]), "PROOF_SIGNING_KEY");
    assert_eq!(problem(&[("ALLOWED_COUNTRIES", "")]), "ALLOWED_COUNTRIES");
}

#[test]
fn placeholders_and_weak_secrets_are_refused() {
    for weak in [
        PLACEHOLDERS[0],
        PLACEHOLDERS[1],
        "replace-with-node-scripts-keys-mjs-fresh-print-0123",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abababababababababababababababab",
    ] {
        assert_eq!(
            problem(&[("HANDLE_SECRET", weak)]),
            "HANDLE_SECRET",
            "{weak}"
        );
    }
    // RFC 8037's example key (appendix A.1) is public.
    let rfc_key = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#;
    assert_eq!(
        problem(&[("PROOF_SIGNING_KEY", rfc_key)]),
        "PROOF_SIGNING_KEY"
    );
}

#[test]
fn the_error_never_contains_the_value() {
    let e = config(&[("HANDLE_SECRET", "hunter2")]).expect_err("refused");
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
fn the_key_crosses_networks_only_over_https() {
    let c = config(&[("VERIFY_BASE_URL", "http://127.0.0.1:8790/")]).expect("valid");
    assert_eq!(c.base_url, "http://127.0.0.1:8790");
    for ok in [
        "http://localhost:8790",
        "http://[::1]:8790",
        "https://verify.8x8.uk",
    ] {
        assert!(config(&[("VERIFY_BASE_URL", ok)]).is_ok(), "{ok}");
    }
    for bad in [
        "ftp://x",
        "https://verify.8x8.com/api",
        "http://verify.8x8.com",
        "http://10.0.0.1:8790",
        "http://localhost.example.com",
    ] {
        assert_eq!(
            problem(&[("VERIFY_BASE_URL", bad)]),
            "VERIFY_BASE_URL",
            "{bad}"
        );
    }
}

#[test]
fn what_is_sent_is_bounded() {
    let c = config(&[
        ("CODE_LENGTH", "8"),
        ("CODE_VALIDITY", "600"),
        ("BRAND", "Acme"),
        ("SMS_TEMPLATE", "{brand}: {code}"),
        ("CHANNELS", "sms, call,sms"),
    ])
    .expect("valid");
    assert_eq!(c.send.code_length, 8);
    assert_eq!(c.send.code_validity, 600);
    assert_eq!(c.send.brand.as_deref(), Some("Acme"));
    assert_eq!(c.channels, vec![Channel::Sms, Channel::Call]);
    for (variable, bad) in [
        ("CODE_LENGTH", "3"),
        ("CODE_LENGTH", "11"),
        ("CODE_VALIDITY", "7200"),
        ("CODE_TYPE", "numeric"),
        ("SMS_TEMPLATE", "no code here"),
        ("BRAND", "a brand name far longer than thirty"),
        ("CHANNELS", "sms,pigeon"),
        ("CALLBACK_URL", "http://10.0.0.1/hook"),
        ("PROOF_TTL", "901"),
        ("PROOF_TTL", "0"),
    ] {
        assert_eq!(problem(&[(variable, bad)]), variable, "{variable}={bad}");
    }
    assert_eq!(
        problem(&[("CHANNELS", "sms,whatsapp")]),
        "WHATSAPP_TEMPLATES"
    );
    let c = config(&[
        ("CHANNELS", "whatsapp"),
        ("WHATSAPP_TEMPLATES", "otp_en, otp_fr"),
    ])
    .expect("valid");
    assert_eq!(c.whatsapp_templates, ["otp_en", "otp_fr"]);
}

#[test]
fn limits_and_flags_parse_or_are_named() {
    let c = config(&[
        ("LIMIT_COUNTRY", "100/1d"),
        ("REQUIRE_MOBILE", "false"),
        ("ALLOW_VOIP", "true"),
        ("PROOF_TTL", "60"),
    ])
    .expect("valid");
    assert_eq!(c.limits.country, vec![Rule::new(100, 86_400)]);
    assert!(!c.require_mobile);
    assert!(c.allow_voip);
    assert_eq!(c.proof_ttl, 60);
    assert_eq!(problem(&[("LIMIT_IP", "ten per hour")]), "LIMIT_IP");
    assert_eq!(problem(&[("REQUIRE_MOBILE", "yes")]), "REQUIRE_MOBILE");
}

#[test]
fn otp_host_is_a_host_alone() {
    let c = config(&[("OTP_HOST", "login.example.com")]).expect("valid");
    assert_eq!(c.send.otp_host.as_deref(), Some("login.example.com"));
    for bad in ["https://login.example.com", "login.example.com/x", "a b"] {
        assert_eq!(problem(&[("OTP_HOST", bad)]), "OTP_HOST", "{bad}");
    }
}

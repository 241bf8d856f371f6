//! The worker's request handling, natively through its pure core, with a
//! fixed configuration. Input: `METHOD\nPATH\nCONTENT-TYPE\nCONTENT-LENGTH\n
//! CLIENT-IP\nORIGIN\nBODY` (missing lines = absent). Drives route →
//! body::check_headers → body::parse → body::start / body::coverage →
//! validate → policy::check, opens handles, runs the ledger, and renders
//! every refusal as a reply.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use verify8x8::params;
use verify8x8_worker::config::Config;
use verify8x8_worker::handle::Handles;
use verify8x8_worker::ledger::{Book, Op};
use verify8x8_worker::reply::Refusal;
use verify8x8_worker::route::{self, Route};
use verify8x8_worker::{body, cors, keys, policy};

const SECRET: &str = "fuzzing-handle-secret-0123456789abcdefXYZ";
const SIGNING_KEY: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"VNmigJ2rD0MOYWNlZtN7ZEwo3p500u-IGxky2ZNJ6Ak","d":"WHS9y9C583jf92RN8zYfmbGo3aS0ZlyqAtXnzXPD8V0"}"#;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let vars = [
            ("VERIFY_BASE_URL", "http://127.0.0.1:8790"),
            ("VERIFY_SUBACCOUNT_ID", "test-account"),
            ("VERIFY_API_KEY", "test-key"),
            ("HANDLE_SECRET", SECRET),
            ("PROOF_SIGNING_KEY", SIGNING_KEY),
            ("CHANNELS", "sms,call,whatsapp,viber,sma"),
            ("WHATSAPP_TEMPLATES", "otp"),
            ("ALLOWED_COUNTRIES", "US,GB,SG,FR,DE,IN"),
            ("ALLOWED_ORIGINS", "https://app.example.com"),
        ];
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
        .expect("the fuzzing configuration is valid")
    })
}

fn handle(
    method: &str,
    path: &str,
    content_type: Option<&str>,
    content_length: Option<&str>,
    client_ip: Option<&str>,
    text: &str,
) -> Result<(), Refusal> {
    match route::route(method, path)? {
        Route::Preflight | Route::Jwks | Route::Settings => Ok(()),
        Route::Status(handle) | Route::Check(handle) | Route::Resend(handle) => {
            let handles = Handles::new(SECRET.as_bytes());
            if let Ok(ticket) = handles.open(&handle, 1_800_000_000) {
                let _ = handles.seal(&ticket, 1_800_000_600);
                let mut book = Book::default();
                let op = Op::Act {
                    number: ticket.destination,
                    grant: ticket.grant,
                    counters: Vec::new(),
                };
                let _ = book.apply(&op, 1_800_000_000_000);
            }
            Ok(())
        }
        route @ (Route::Start | Route::Coverage) => {
            body::check_headers(content_type, content_length)?;
            let parsed = body::parse(text)?;
            let input = if route == Route::Coverage {
                body::coverage(parsed, client_ip)?
            } else {
                body::start(parsed, config(), client_ip, "verify.example.com")?.request
            };
            if route == Route::Coverage {
                let verdict = params::validate_coverage(&input);
                return if verdict.is_ok() {
                    Ok(())
                } else {
                    Err(Refusal::Invalid(verdict.errors))
                };
            }
            let verdict = params::validate_verification(&input);
            if !verdict.is_ok() {
                return Err(Refusal::Invalid(verdict.errors));
            }
            policy::check(&verdict, config()).map_err(Refusal::Policy)?;
            if let Some(request) = &verdict.request {
                let _ = keys::number_prefix(&request.destination);
            }
            Ok(())
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(7, '\n');
    let mut line = || parts.next().filter(|l| !l.is_empty());
    let method = line().unwrap_or("GET");
    let path = line().unwrap_or("/");
    let (content_type, content_length, client_ip, origin) = (line(), line(), line(), line());
    let body = parts.next().unwrap_or("");

    let _ = route::loggable(path);
    if let Some(ip) = client_ip {
        let _ = keys::client_network(ip);
    }
    let cors = cors::check(
        origin,
        "https://worker.example.com",
        &config().allowed_origins,
    );
    let _ = (cors.headers(), cors.preflight_headers());
    if let Err(refusal) = handle(method, path, content_type, content_length, client_ip, body) {
        let reply = refusal.reply(
            "00000000-0000-4000-8000-000000000000",
            "2026-11-23T00:00:00Z",
        );
        assert!(
            (400..600).contains(&reply.status),
            "a refusal is an error status"
        );
    }
});

//! The worker's configuration, read from its environment (vars and secrets)
//! and checked at the first request: a missing or invalid setting is refused
//! loudly, naming the variable, never silently replaced.
//!
//! Everything that sets what a verification costs or how strong it is (the
//! code's length, type and validity, the message text, the sender, the
//! channels) is chosen here, by the operator: a browser chooses only the
//! number, its country, one of the configured channels, the language, a
//! configured WhatsApp template and its backend's nonce (see [`crate::body`]).

use verify8x8::params::{is_valid_sub_account_id, Channel, CodeType};
use verify8x8::phone;
use verify8x8::proof::{DEFAULT_PROOF_TTL, MAX_PROOF_TTL};

use crate::breaker::Breaker;
use crate::rules::{parse_duration, parse_rules, Rule};

/// Cloudflare's Turnstile siteverify endpoint.
pub const TURNSTILE_VERIFY_URL: &str = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

pub mod page;

/// 8x8's default region (Asia-Pacific). The others: `https://verify.us.8x8.com`,
/// `https://verify.8x8.uk`, `https://verify.8x8.id`.
pub const DEFAULT_BASE_URL: &str = "https://verify.8x8.com";

/// Shortest `HANDLE_SECRET`, bytes (the HMAC-SHA256 output size).
pub const MIN_SECRET_LEN: usize = 32;

/// The code's validity by default, and at most, seconds: a pending session
/// blocks a second start of its number that long (see `worker/README.md`).
pub const CODE_VALIDITY_DEFAULT: u32 = 300;
/// The longest code validity the worker accepts.
pub const CODE_VALIDITY_MAX: u32 = 600;
/// The code's length by default; shorter codes are refused below
/// [`CODE_LENGTH_MIN`] (five guesses at a 4-digit code succeed 1 time in 2,000).
pub const CODE_LENGTH_DEFAULT: u8 = 6;
/// The shortest code the worker sends.
pub const CODE_LENGTH_MIN: u8 = 4;

/// Secrets committed to this repository as examples, or used by earlier
/// versions for local runs: refused wherever they turn up.
const PLACEHOLDERS: [&str; 4] = [
    "at-least-32-random-bytes-e.g.-openssl-rand-hex-32",
    "local-development-proof-secret-0123456789",
    "replace-with-node-scripts-keys-mjs-fresh-print",
    // The private half of RFC 8037's example Ed25519 key (appendix A.1).
    "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
];

/// Everything the worker needs, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// 8x8 base URL (`VERIFY_BASE_URL`): `https`, or `http` on loopback only.
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
    /// Channels a browser may ask for (`CHANNELS`, default `sms`).
    pub channels: Vec<Channel>,
    /// WhatsApp templates a browser may name (`WHATSAPP_TEMPLATES`).
    pub whatsapp_templates: Vec<String>,
    /// Refuse numbers that cannot receive SMS for the `sms` and `sma` channels
    /// (`REQUIRE_MOBILE`, default `true`); whatsapp and viber always need a mobile.
    pub require_mobile: bool,
    /// Accept VoIP numbers (`ALLOW_VOIP`, default `false`).
    pub allow_voip: bool,
    /// Key of session handles (secret `HANDLE_SECRET`, ≥ 32 bytes).
    pub handle_secret: Vec<u8>,
    /// The Ed25519 private JWK that signs proofs (secret `PROOF_SIGNING_KEY`).
    pub proof_signing_key: String,
    /// Public JWKs of earlier signing keys, still listed (`PROOF_PREVIOUS_KEYS`).
    pub proof_previous_keys: Option<String>,
    /// The proofs' `aud` (`PROOF_AUDIENCE`); `None`: the worker's own origin.
    pub proof_audience: Option<String>,
    /// How long a proof is accepted, seconds (`PROOF_TTL`, default 300, at most 900).
    pub proof_ttl: u64,
    /// What every verification sends: chosen here, never by a browser.
    pub send: Send,
    /// Rate limits.
    pub limits: Limits,
    /// The defences against SMS pumping beside the limits.
    pub defences: Defences,
}

/// The defences against SMS pumping that are not plain rate limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Defences {
    /// The conversion breaker per country and per number range
    /// (`BREAKER_*`; `BREAKER_WINDOW=off` turns it off).
    pub breaker: Option<Breaker>,
    /// Cloudflare Turnstile before any start (`TURNSTILE_SECRET` and
    /// `TURNSTILE_SITE_KEY` both set; off otherwise).
    pub turnstile: Option<Turnstile>,
}

/// Turnstile's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turnstile {
    /// The secret key (secret `TURNSTILE_SECRET`). Never logged, never sent to a browser.
    pub secret: String,
    /// The site key the page renders the widget with (`TURNSTILE_SITE_KEY`): public.
    pub site_key: String,
    /// The siteverify URL (`TURNSTILE_VERIFY_URL`, default Cloudflare's;
    /// `http` only on loopback, for tests).
    pub verify_url: String,
    /// The hostname the token must have been issued on (`TURNSTILE_HOSTNAME`;
    /// default: the host the request came to).
    pub hostname: Option<String>,
    /// The widget's action the token must carry (`TURNSTILE_ACTION`, default `verify`).
    pub action: String,
}

/// The fields of every start that the operator sets (each from its variable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Send {
    /// `codeLength` (`CODE_LENGTH`, default 6, 4 to 10).
    pub code_length: u8,
    /// `codeType` (`CODE_TYPE`, default `NUMERIC`).
    pub code_type: CodeType,
    /// `codeValidity` seconds (`CODE_VALIDITY`, default 300, 30 to 600).
    pub code_validity: u32,
    /// `resendingInterval` seconds (`RESENDING_INTERVAL`, default 30).
    pub resending_interval: u32,
    /// `brand` (`BRAND`).
    pub brand: Option<String>,
    /// `template` (`SMS_TEMPLATE`), with `{code}`.
    pub template: Option<String>,
    /// `templateKey` (`TEMPLATE_KEY`): a template saved in 8x8 Connect.
    pub template_key: Option<String>,
    /// `sms.source` (`SMS_SOURCE`).
    pub sms_source: Option<String>,
    /// `call.source` (`CALL_SOURCE`).
    pub call_source: Option<String>,
    /// `callbackUrl` (`CALLBACK_URL`).
    pub callback_url: Option<String>,
    /// The host of the SMS's last line `@host #code` (`OTP_HOST`): the
    /// page's host, for WebOTP and one-time-code AutoFill; `None`: the
    /// worker's own host ([`crate::sms_text`]).
    pub otp_host: Option<String>,
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
    /// Failed code checks per destination number, across its sessions
    /// (`LIMIT_DESTINATION_FAILURES`, default `10/1d`).
    pub destination_failures: Vec<Rule>,
    /// Code checks, resends and coverage checks per client IP (`LIMIT_IP_CHECKS`,
    /// default `120/1h`), counted exactly in a Durable Object.
    pub ip_checks: Vec<Rule>,
    /// Starts per IPv4 /24 (`LIMIT_IP_24`, default `50/1h`).
    pub ip_24: Vec<Rule>,
    /// Starts per IPv6 /56 (`LIMIT_IP_56`, default `20/1h`).
    pub ip_56: Vec<Rule>,
    /// Starts per IPv6 /48 (`LIMIT_IP_48`, default `30/1h`).
    pub ip_48: Vec<Rule>,
    /// Starts per number range, the number without its last 6 digits
    /// (`LIMIT_RANGE`, default `30/1h`).
    pub range: Vec<Rule>,
    /// Starts per client network (autonomous system, `request.cf.asn`;
    /// skipped where the platform gives none) (`LIMIT_ASN`, default `200/1h`).
    pub asn: Vec<Rule>,
    /// Starts to countries that nobody has verified a number in during the
    /// conversion breaker's window, all such countries together
    /// (`LIMIT_COLD_COUNTRIES`, default `20/1h`; only with the breaker on).
    pub cold_countries: Vec<Rule>,
    /// Starts and resends across everything: the spend cap (`LIMIT_GLOBAL`, default `1000/1d`).
    pub global: Vec<Rule>,
    /// Status reads (polls) per client IP (`LIMIT_IP_READS`, default
    /// `600/1h`). A read costs 8x8 nothing, so it is counted in each
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

/// Reads settings by name, each checked, each error naming its variable.
struct Reader<F: Fn(&str) -> Option<String>> {
    lookup: F,
}

impl<F: Fn(&str) -> Option<String>> Reader<F> {
    fn get(&self, name: &str) -> Option<String> {
        (self.lookup)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn required(&self, variable: &'static str, why: &str) -> Result<String, ConfigError> {
        self.get(variable).ok_or_else(|| problem(variable, why))
    }

    fn rules(&self, variable: &'static str, default: &str) -> Result<Vec<Rule>, ConfigError> {
        parse_rules(&self.get(variable).unwrap_or_else(|| default.to_owned()))
            .map_err(|problem| ConfigError { variable, problem })
    }

    fn flag(&self, variable: &'static str, default: bool) -> Result<bool, ConfigError> {
        match self.get(variable).as_deref() {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(_) => Err(problem(variable, "must be `true` or `false`")),
        }
    }

    /// A whole number in `range`, or `default` when unset.
    fn number<T: TryFrom<u64> + Copy>(
        &self,
        variable: &'static str,
        default: T,
        range: core::ops::RangeInclusive<u64>,
    ) -> Result<T, ConfigError> {
        let Some(text) = self.get(variable) else {
            return Ok(default);
        };
        text.parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| {
                let why = format!(
                    "must be a whole number from {} to {}",
                    range.start(),
                    range.end()
                );
                problem(variable, &why)
            })
    }

    /// An optional text of at most `max` characters without control characters.
    fn text(&self, variable: &'static str, max: usize) -> Result<Option<String>, ConfigError> {
        match self.get(variable) {
            Some(v) if v.chars().count() > max || v.chars().any(char::is_control) => Err(problem(
                variable,
                &format!("must be at most {max} characters, without control characters"),
            )),
            other => Ok(other),
        }
    }
}

fn problem(variable: &'static str, why: &str) -> ConfigError {
    ConfigError {
        variable,
        problem: why.to_owned(),
    }
}

impl Config {
    /// Reads and checks every setting through `lookup` (the worker's `Env`
    /// natively replaced by a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Reader { lookup };

        let base_url = env
            .get("VERIFY_BASE_URL")
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        let base_url = base_url.trim_end_matches('/').to_owned();
        if !is_upstream_origin(&base_url) {
            return Err(problem(
                "VERIFY_BASE_URL",
                "must be an https URL without a path, e.g. https://verify.8x8.com (http only on loopback, for the emulator)",
            ));
        }
        let sub_account_id = env.required("VERIFY_SUBACCOUNT_ID", "is not set")?;
        if !is_valid_sub_account_id(&sub_account_id) {
            return Err(problem(
                "VERIFY_SUBACCOUNT_ID",
                "must be 3 to 50 of A-Z a-z 0-9 - . _ &",
            ));
        }
        let api_key = env.required(
            "VERIFY_API_KEY",
            "is not set (a secret: `wrangler secret put VERIFY_API_KEY`)",
        )?;
        let handle_secret = env
            .required("HANDLE_SECRET", "is not set (a secret of at least 32 random bytes: `node scripts/keys.mjs --fresh --print`, then `wrangler secret put HANDLE_SECRET`)")?
            .into_bytes();
        check_secret("HANDLE_SECRET", &handle_secret)?;
        let proof_signing_key = env.required("PROOF_SIGNING_KEY", "is not set (an Ed25519 private JWK: `node scripts/keys.mjs --fresh --print`, then `wrangler secret put PROOF_SIGNING_KEY`)")?;
        check_secret("PROOF_SIGNING_KEY", proof_signing_key.as_bytes())?;
        let proof_previous_keys = env.get("PROOF_PREVIOUS_KEYS");
        let proof_audience = env.get("PROOF_AUDIENCE");
        if proof_audience
            .as_ref()
            .is_some_and(|a| a.len() > 256 || a.chars().any(char::is_control))
        {
            return Err(problem(
                "PROOF_AUDIENCE",
                "must be at most 256 characters, e.g. https://app.example.com",
            ));
        }
        let proof_ttl = env.number("PROOF_TTL", DEFAULT_PROOF_TTL, 1..=MAX_PROOF_TTL)?;

        let allowed_origins = list(env.get("ALLOWED_ORIGINS"));
        if let Some(bad) = allowed_origins.iter().find(|o| !is_http_origin(o)) {
            let why = format!("has {bad:?}, which is not an origin like https://example.com (no `*`, no `null`, no path)");
            return Err(problem("ALLOWED_ORIGINS", &why));
        }
        let countries = env.required("ALLOWED_COUNTRIES", "is not set: list the countries you verify numbers in (e.g. `US,CA,GB`), or `*` for all")?;
        let allowed_countries = if countries == "*" {
            None
        } else {
            let codes: Vec<String> = list(Some(countries))
                .iter()
                .map(|c| c.to_ascii_uppercase())
                .collect();
            if let Some(bad) = codes.iter().find(|c| !is_region(c) && !is_calling_code(c)) {
                let why = format!(
                    "has {bad:?}, which is neither an ISO 3166-1 alpha-2 region with phone numbers nor a calling code of no region such as +882"
                );
                return Err(problem("ALLOWED_COUNTRIES", &why));
            }
            Some(codes)
        };
        let channels = channels(env.get("CHANNELS"))?;
        let whatsapp_templates = list(env.get("WHATSAPP_TEMPLATES"));
        if channels.contains(&Channel::Whatsapp) && whatsapp_templates.is_empty() {
            return Err(problem(
                "WHATSAPP_TEMPLATES",
                "must list the WhatsApp authentication templates a page may use when CHANNELS has whatsapp",
            ));
        }

        let send = Send {
            code_length: env.number(
                "CODE_LENGTH",
                CODE_LENGTH_DEFAULT,
                u64::from(CODE_LENGTH_MIN)..=10,
            )?,
            code_type: match env.get("CODE_TYPE") {
                None => CodeType::Numeric,
                Some(name) => CodeType::from_name(&name).ok_or_else(|| {
                    problem("CODE_TYPE", "must be one of NUMERIC, NUMERIC_WITH_DASH, ALPHANUMERIC, ALPHANUMERIC_CAPITALS, ALPHANUMERIC_EASY")
                })?,
            },
            code_validity: env.number(
                "CODE_VALIDITY",
                CODE_VALIDITY_DEFAULT,
                30..=u64::from(CODE_VALIDITY_MAX),
            )?,
            resending_interval: env.number("RESENDING_INTERVAL", 30, 10..=600)?,
            brand: env.text("BRAND", 30)?,
            template: env.text("SMS_TEMPLATE", 480)?,
            template_key: env.text("TEMPLATE_KEY", 100)?,
            sms_source: env.text("SMS_SOURCE", 16)?,
            call_source: env.text("CALL_SOURCE", 16)?,
            callback_url: env.text("CALLBACK_URL", 2048)?,
            otp_host: env.text("OTP_HOST", 253)?,
        };
        if send.otp_host.as_ref().is_some_and(|h| {
            !h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
        }) {
            return Err(problem(
                "OTP_HOST",
                "must be the page's host alone, e.g. login.example.com (no scheme, no path)",
            ));
        }
        if send
            .template
            .as_ref()
            .is_some_and(|t| !t.contains("{code}"))
        {
            return Err(problem(
                "SMS_TEMPLATE",
                "must contain {code}, or 8x8 sends no code",
            ));
        }
        if send
            .callback_url
            .as_ref()
            .is_some_and(|u| !u.starts_with("https://"))
        {
            return Err(problem("CALLBACK_URL", "must be an https URL"));
        }

        let limits = Limits {
            destination: env.rules("LIMIT_DESTINATION", "3/10m,5/1h")?,
            ip: env.rules("LIMIT_IP", "10/1h")?,
            prefix: env.rules("LIMIT_PREFIX", "10/1h")?,
            country: env.rules("LIMIT_COUNTRY", "off")?,
            session_checks: env.rules("LIMIT_SESSION_CHECKS", "10/10m")?,
            destination_failures: env.rules("LIMIT_DESTINATION_FAILURES", "10/1d")?,
            ip_checks: env.rules("LIMIT_IP_CHECKS", "120/1h")?,
            ip_reads: env.rules("LIMIT_IP_READS", "600/1h")?,
            ip_24: env.rules("LIMIT_IP_24", "50/1h")?,
            ip_56: env.rules("LIMIT_IP_56", "20/1h")?,
            ip_48: env.rules("LIMIT_IP_48", "30/1h")?,
            range: env.rules("LIMIT_RANGE", "30/1h")?,
            asn: env.rules("LIMIT_ASN", "200/1h")?,
            cold_countries: env.rules("LIMIT_COLD_COUNTRIES", "20/1h")?,
            global: env.rules("LIMIT_GLOBAL", "1000/1d")?,
        };
        let defences = Defences {
            breaker: breaker(&env)?,
            turnstile: turnstile(&env)?,
        };
        Ok(Self {
            base_url,
            sub_account_id,
            api_key,
            allowed_origins,
            allowed_countries,
            channels,
            whatsapp_templates,
            require_mobile: env.flag("REQUIRE_MOBILE", true)?,
            allow_voip: env.flag("ALLOW_VOIP", false)?,
            handle_secret,
            proof_signing_key,
            proof_previous_keys,
            proof_audience,
            proof_ttl,
            send,
            limits,
            defences,
        })
    }
}

/// The conversion breaker's settings (`BREAKER_WINDOW=off`: none).
fn breaker<F: Fn(&str) -> Option<String>>(env: &Reader<F>) -> Result<Option<Breaker>, ConfigError> {
    let duration = |variable: &'static str, default: &str| {
        parse_duration(&env.get(variable).unwrap_or_else(|| default.to_owned())).ok_or_else(|| {
            problem(
                variable,
                "must be a duration like `30m` (a whole number and a unit s m h d, at most 30d)",
            )
        })
    };
    if env.get("BREAKER_WINDOW").as_deref() == Some("off") {
        return Ok(None);
    }
    Ok(Some(Breaker {
        window: duration("BREAKER_WINDOW", "1h")?,
        min_starts: env.number("BREAKER_MIN_STARTS", 3, 1..=100_000)?,
        min_conversion: env.number("BREAKER_MIN_CONVERSION", 20, 1..=100)?,
        cooldown: duration("BREAKER_COOLDOWN", "30m")?,
        grace: duration("BREAKER_GRACE", "2m")?,
    }))
}

/// Turnstile's settings: both keys or neither.
fn turnstile<F: Fn(&str) -> Option<String>>(
    env: &Reader<F>,
) -> Result<Option<Turnstile>, ConfigError> {
    let (secret, site_key) = match (env.get("TURNSTILE_SECRET"), env.get("TURNSTILE_SITE_KEY")) {
        (None, None) => return Ok(None),
        (Some(secret), Some(site_key)) => (secret, site_key),
        (None, Some(_)) => {
            return Err(problem(
                "TURNSTILE_SECRET",
                "is not set while TURNSTILE_SITE_KEY is (a secret: `wrangler secret put TURNSTILE_SECRET`)",
            ))
        }
        (Some(_), None) => {
            return Err(problem(
                "TURNSTILE_SITE_KEY",
                "is not set while TURNSTILE_SECRET is: the page needs it to show the widget",
            ))
        }
    };
    if site_key.len() > 100
        || !site_key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(problem(
            "TURNSTILE_SITE_KEY",
            "must be a Turnstile site key (letters, digits, - and _)",
        ));
    }
    let verify_url = env
        .get("TURNSTILE_VERIFY_URL")
        .unwrap_or_else(|| TURNSTILE_VERIFY_URL.to_owned());
    let origin_end = verify_url
        .char_indices()
        .filter(|(_, c)| *c == '/')
        .nth(2)
        .map_or(verify_url.len(), |(i, _)| i);
    if !is_upstream_origin(&verify_url[..origin_end]) {
        return Err(problem(
            "TURNSTILE_VERIFY_URL",
            "must be an https URL (http only on loopback, for tests)",
        ));
    }
    let hostname = env.text("TURNSTILE_HOSTNAME", 253)?;
    let action = env
        .text("TURNSTILE_ACTION", 32)?
        .unwrap_or_else(|| "verify".to_owned());
    Ok(Some(Turnstile {
        secret,
        site_key,
        verify_url,
        hostname,
        action,
    }))
}

/// A secret must be long, not one of the repository's placeholders, and not
/// made of a few repeated characters.
fn check_secret(variable: &'static str, secret: &[u8]) -> Result<(), ConfigError> {
    if secret.len() < MIN_SECRET_LEN {
        return Err(problem(variable, "must be at least 32 bytes"));
    }
    let text = String::from_utf8_lossy(secret);
    if PLACEHOLDERS.iter().any(|p| text.contains(p)) {
        return Err(problem(
            variable,
            "is a placeholder from the repository: make a real one with `node scripts/keys.mjs --fresh --print`",
        ));
    }
    let mut seen = [false; 256];
    secret.iter().for_each(|&b| seen[usize::from(b)] = true);
    if seen.iter().filter(|&&s| s).count() < 12 {
        return Err(problem(
            variable,
            "is not random enough: make one with `node scripts/keys.mjs --fresh --print`",
        ));
    }
    Ok(())
}

fn channels(value: Option<String>) -> Result<Vec<Channel>, ConfigError> {
    let Some(value) = value else {
        return Ok(vec![Channel::Sms]);
    };
    let mut channels = Vec::new();
    for name in list(Some(value)) {
        let channel = Channel::from_name(&name).ok_or_else(|| {
            problem(
                "CHANNELS",
                &format!("has {name:?}; channels are sms, call, whatsapp, viber, sma"),
            )
        })?;
        if !channels.contains(&channel) {
            channels.push(channel);
        }
    }
    if channels.is_empty() {
        return Err(problem("CHANNELS", "must name at least one channel"));
    }
    Ok(channels)
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

/// `+` and one to three digits: how a number of no region is listed.
fn is_calling_code(code: &str) -> bool {
    code.strip_prefix('+').is_some_and(|digits| {
        (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
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

/// 8x8's origin: `https`, or plain `http` to a loopback host only (the
/// emulator): the API key must never cross a network in clear text.
pub(crate) fn is_upstream_origin(text: &str) -> bool {
    if !is_http_origin(text) {
        return false;
    }
    let Some(rest) = text.strip_prefix("http://") else {
        return true;
    };
    let host = match rest.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => rest.split(':').next().unwrap_or(""),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests;

//! The settings of `VerifyClient`: their TypeScript type, and the reading of
//! the JS object, which reports unknown names, wrong types and bad values
//! all at once as a `ValidationError`.

use tsify::Tsify;
use wasm_bindgen::JsValue;

use crate::api::{self, Config, Error, Policy};
use crate::params::{Violation, ViolationCode};

use super::error::to_js;
use super::fetch;
use super::plain_object;

/// Default request timeout, in milliseconds.
const DEFAULT_TIMEOUT_MS: u32 = crate::api::DEFAULT_TIMEOUT_MS;
/// Longest timeout `setTimeout` takes (2^31 - 1 ms).
const MAX_TIMEOUT_MS: u32 = 2_147_483_647;
/// Most retries one call may be configured to make.
const MAX_RETRIES: u32 = 10;

/// The settings of a `VerifyClient`.
///
/// ```ts
/// // In a browser: through the edge worker, which holds the key.
/// new VerifyClient({ baseUrl: "https://verify.example.com" });
/// // In Node or a Worker: straight to 8x8.
/// new VerifyClient({ baseUrl: "https://verify.8x8.com", subAccountId: "acme_hq", apiKey: process.env.VERIFY_API_KEY });
/// ```
// Only the TypeScript type is derived; `read` reads the object.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// Where to send requests: 8x8's regional URL (`https://verify.8x8.com`,
    /// the default with an `apiKey`), the emulator, or the edge worker's
    /// origin (default without a key: this page's origin).
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// The 8x8 API key. Server side only: with it the client calls 8x8
    /// directly; without it, the edge worker.
    #[tsify(optional)]
    pub api_key: Option<String>,
    /// The 8x8 sub-account; required with `apiKey`.
    #[tsify(optional)]
    pub sub_account_id: Option<String>,
    /// Milliseconds before an attempt is abandoned. Default 10000.
    #[tsify(optional)]
    pub timeout_ms: Option<f64>,
    /// Retries of a failed call where retrying is safe (0 to 10). Default 4.
    #[tsify(optional)]
    pub max_retries: Option<f64>,
    /// The `fetch` to use. Default: the global `fetch`.
    #[tsify(optional, type = "FetchLike")]
    pub fetch: Option<()>,
    /// Allows an `apiKey` in a web page or a browser's Web Worker, where
    /// anyone can read it (default `false`: the constructor throws). Only
    /// for a page nobody else can open, such as a local tool.
    #[tsify(optional)]
    pub dangerously_allow_browser: Option<bool>,
}

/// The option names.
const NAMES: [&str; 7] = [
    "baseUrl",
    "apiKey",
    "subAccountId",
    "timeoutMs",
    "maxRetries",
    "fetch",
    "dangerouslyAllowBrowser",
];

/// The settings, read and checked.
pub(crate) struct Settings {
    pub(crate) config: Config,
    pub(crate) policy: Policy,
    pub(crate) timeout_ms: f64,
    /// The caller's `fetch`, or `undefined` for the global one.
    pub(crate) fetch: JsValue,
}

/// Reads the options object; a `ValidationError` lists every problem.
pub(crate) fn read(options: &JsValue) -> Result<Settings, JsValue> {
    let mut errors = Vec::new();
    if !options.is_object() {
        errors.push(Violation::new(
            "",
            ViolationCode::WrongType,
            "the options must be an object",
        ));
        return Err(to_js(&Error::Validation(errors)));
    }
    errors.extend(plain_object::unknown_names(options, &NAMES));
    let field = |name: &str| plain_object::field(options, name);
    let mut text = |name: &str| {
        let value = field(name)?;
        if value.as_string().is_none() {
            errors.push(Violation::new(
                name,
                ViolationCode::WrongType,
                format!("{name} must be a string"),
            ));
        }
        value.as_string()
    };
    let (base_url, api_key, sub_account_id) =
        (text("baseUrl"), text("apiKey"), text("subAccountId"));
    let mut integer = |name: &str, default: u32, min: u32, max: u32| match field(name) {
        None => default,
        Some(v) => match v.as_f64() {
            Some(n) if n.fract() == 0.0 && n >= f64::from(min) && n <= f64::from(max) => n as u32,
            _ => {
                errors.push(Violation::new(
                    name,
                    ViolationCode::OutOfRange,
                    format!("{name} must be an integer from {min} to {max}"),
                ));
                default
            }
        },
    };
    let timeout_ms = integer("timeoutMs", DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
    let max_retries = integer("maxRetries", Policy::default().max_retries, 0, MAX_RETRIES);
    let fetch = match field("fetch") {
        None => JsValue::UNDEFINED,
        Some(f) if f.is_function() => f,
        Some(_) => {
            errors.push(Violation::new(
                "fetch",
                ViolationCode::WrongType,
                "fetch must be a function",
            ));
            JsValue::UNDEFINED
        }
    };
    let allow_browser = match field("dangerouslyAllowBrowser") {
        None => false,
        Some(allow) => allow.as_bool().unwrap_or_else(|| {
            errors.push(Violation::new(
                "dangerouslyAllowBrowser",
                ViolationCode::WrongType,
                "dangerouslyAllowBrowser must be a boolean",
            ));
            false
        }),
    };
    let base_url = base_url.unwrap_or_else(|| match api_key {
        Some(_) => api::DEFAULT_BASE_URL.to_owned(),
        None => String::new(),
    });
    let config = Config {
        base_url,
        sub_account_id,
        api_key,
    };
    errors.extend(config.check());
    if config.api_key.is_some() && !allow_browser && fetch::is_browser() {
        errors.push(Violation::new(
            "apiKey",
            ViolationCode::NotAllowed,
            "apiKey in a browser, where anyone can read it: keep the key on a server (deploy the \
             verify8x8 edge worker and create the client with { baseUrl: <worker URL> } and no apiKey), \
             or pass dangerouslyAllowBrowser: true if nobody else can open this page",
        ));
    }
    if !errors.is_empty() {
        return Err(to_js(&Error::Validation(errors)));
    }
    let policy = Policy {
        max_retries,
        ..Policy::for_mode(config.mode())
    };
    Ok(Settings {
        config,
        policy,
        timeout_ms: f64::from(timeout_ms),
        fetch,
    })
}

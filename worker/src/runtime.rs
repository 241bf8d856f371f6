//! The fetch handler: routing, configuration, CORS, and the one place a
//! reply is written and a request logged.

use std::cell::RefCell;
use std::rc::Rc;

use verify8x8::api::Error;
use worker::{
    console_error, console_log, event, js_sys, web_sys, Context, Env, Headers, Response, Result,
    Url,
};

use crate::config::{Config, ConfigError};
use crate::cors::{self, Cors};
use crate::edge::{self, Failure};
use crate::handle::Handles;
use crate::proof_keys::ProofKeys;
use crate::reply::{self, Refusal, Reply};
use crate::route::{self, Route, API_PREFIX, JWKS_PATH};

/// Every request: the API under `/api/`, the sample page's assets otherwise.
///
/// The request stays the platform's own (`web_sys::Request`): workers-rs's
/// wrapper would read its `cf` object on every call, which the API never uses.
#[event(fetch)]
pub(crate) async fn fetch(req: web_sys::Request, env: Env, _ctx: Context) -> Result<Response> {
    let Ok(url) = Url::parse(&req.url()) else {
        return respond(refused(&Refusal::NotFound, &[]));
    };
    if !url.path().starts_with(API_PREFIX) && url.path() != JWKS_PATH {
        return env.assets("ASSETS")?.fetch_request(req).await;
    }
    let started = js_sys::Date::now();
    let method = req.method();
    let path = route::loggable(url.path());
    let (reply, masked) = api(&req, &url, &env).await;
    let ms = js_sys::Date::now() - started;
    console_log!(
        "{method} {path} {} {ms:.0}ms{}",
        reply.status,
        masked.map(|m| format!(" {m}")).unwrap_or_default()
    );
    respond(reply)
}

async fn api(req: &web_sys::Request, url: &Url, env: &Env) -> (Reply, Option<String>) {
    let route = match route::route(&req.method(), url.path()) {
        Ok(route) => route,
        Err(refusal) => return (refused(&refusal, &[]), None),
    };
    let settings = match settings(env) {
        Ok(settings) => settings,
        Err(error) => {
            console_error!("{error}");
            return (
                refused(
                    &Refusal::Misconfigured(error.variable.to_owned() + " is missing or invalid"),
                    &[],
                ),
                None,
            );
        }
    };
    if route == Route::Jwks {
        // Public keys: cacheable, readable from any origin.
        let reply = Reply {
            status: 200,
            headers: vec![
                ("Cache-Control", "public, max-age=300".to_owned()),
                ("Access-Control-Allow-Origin", "*".to_owned()),
            ],
            body: settings.proof_keys.jwks_json().to_owned(),
        };
        return (reply, None);
    }

    let origin = req.headers().get("Origin").ok().flatten();
    let own_origin = url.origin().ascii_serialization();
    let cors = cors::check(
        origin.as_deref(),
        &own_origin,
        &settings.config.allowed_origins,
    );
    if cors == Cors::Refused {
        return (refused(&Refusal::Origin, &cors.headers()), None);
    }
    if route == Route::Preflight {
        return (
            Reply {
                status: 204,
                headers: cors.preflight_headers(),
                body: String::new(),
            },
            None,
        );
    }

    if route == Route::PageConfig {
        // Public: the site key is what the page renders the widget with.
        let site_key = settings
            .config
            .defences
            .turnstile
            .as_ref()
            .map(|t| t.site_key.as_str());
        let body = verify8x8::json::Value::Object(vec![(
            "turnstileSiteKey".to_owned(),
            site_key.map_or(verify8x8::json::Value::Null, |k| {
                verify8x8::json::Value::String(k.to_owned())
            }),
        )]);
        let mut headers = vec![("Cache-Control", "public, max-age=300".to_owned())];
        headers.extend(cors.headers());
        let reply = Reply {
            status: 200,
            headers,
            body: verify8x8::json::to_string(&body),
        };
        return (reply, None);
    }
    let client_ip = req.headers().get("CF-Connecting-IP").ok().flatten();
    let mut ctx = edge::Context {
        config: &settings.config,
        handles: &settings.handles,
        proof_keys: &settings.proof_keys,
        env,
        origin: own_origin,
        client_ip,
        masked: None,
    };
    let outcome = match route {
        Route::Start => edge::start(&mut ctx, req).await,
        Route::Status(handle) => {
            let code_in_query = url.query_pairs().any(|(k, _)| k == "code");
            edge::status(&mut ctx, &handle, code_in_query).await
        }
        Route::Check(handle) => edge::check(&mut ctx, &handle, req).await,
        Route::Resend(handle) => edge::resend(&mut ctx, &handle).await,
        Route::Coverage => edge::coverage(&mut ctx, req).await,
        Route::Preflight | Route::Jwks | Route::PageConfig => unreachable_preflight(),
    };
    let mut reply = match outcome {
        Ok((status, body)) => Reply {
            status,
            headers: Vec::new(),
            body,
        },
        Err(Failure::Refused(refusal)) => refused(&refusal, &[]),
        Err(Failure::Upstream(error)) => upstream_error(&error),
    };
    reply.headers.extend(cors.headers());
    (reply, ctx.masked)
}

thread_local! {
    /// The configuration, read once per isolate: vars and secrets cannot
    /// change under a running isolate (a deploy starts new ones).
    static SETTINGS: RefCell<Option<Rc<Settings>>> = const { RefCell::new(None) };
}

/// The configuration and what is derived from it once.
struct Settings {
    config: Config,
    handles: Handles,
    proof_keys: ProofKeys,
}

/// The checked configuration, read and checked at the isolate's first
/// request. An invalid one is not kept: every request names the problem.
fn settings(env: &Env) -> std::result::Result<Rc<Settings>, ConfigError> {
    if let Some(settings) = SETTINGS.with_borrow(Clone::clone) {
        return Ok(settings);
    }
    let config = Config::from_lookup(|name| lookup(env, name))?;
    let handles = Handles::new(&config.handle_secret);
    let proof_keys = ProofKeys::from_settings(
        &config.proof_signing_key,
        config.proof_previous_keys.as_deref(),
    )
    .map_err(|problem| ConfigError {
        variable: if problem.contains("PROOF_PREVIOUS_KEYS") {
            "PROOF_PREVIOUS_KEYS"
        } else {
            "PROOF_SIGNING_KEY"
        },
        problem,
    })?;
    let settings = Rc::new(Settings {
        config,
        handles,
        proof_keys,
    });
    SETTINGS.set(Some(Rc::clone(&settings)));
    Ok(settings)
}

fn unreachable_preflight() -> std::result::Result<edge::Success, Failure> {
    Err(Failure::Refused(Refusal::NotFound))
}

fn refused(refusal: &Refusal, extra: &[(&'static str, String)]) -> Reply {
    let mut reply = refusal.reply(&edge::random_id(), &timestamp());
    reply.headers.extend_from_slice(extra);
    reply
}

/// 8x8's own errors pass through with their status and code, except those
/// that mean the worker's credentials are wrong (the browser did nothing
/// wrong): those are the service's failure.
fn upstream_error(error: &Error) -> Reply {
    match error {
        Error::Api(e) if e.status == 401 || e.code == Some(1001) => {
            console_error!("8x8 refused the worker's credentials ({}): check VERIFY_API_KEY and VERIFY_SUBACCOUNT_ID", e.status);
            refused(
                &Refusal::Misconfigured("8x8 refused the service's credentials".into()),
                &[],
            )
        }
        Error::Api(e) => reply::passthrough(e, &edge::random_id(), &timestamp()),
        other => {
            let timeout = matches!(other.code(), "timeout" | "outcome_unknown");
            // The detail (possibly part of 8x8's unexpected body) is logged,
            // never forwarded.
            console_error!("8x8 call failed: {other}");
            let message = if timeout {
                "8x8 did not answer in time; try again"
            } else {
                "8x8 gave no usable answer; try again"
            };
            refused(
                &Refusal::Upstream {
                    timeout,
                    message: message.to_owned(),
                },
                &[],
            )
        }
    }
}

fn respond(reply: Reply) -> Result<Response> {
    let headers = Headers::new();
    if !reply.body.is_empty() {
        headers.set("Content-Type", "application/json")?;
    }
    if !reply
        .headers
        .iter()
        .any(|(name, _)| *name == "Cache-Control")
    {
        headers.set("Cache-Control", "no-store")?;
    }
    headers.set("X-Content-Type-Options", "nosniff")?;
    for (name, value) in &reply.headers {
        headers.append(name, value)?;
    }
    let response = if reply.body.is_empty() {
        Response::empty()?
    } else {
        Response::ok(reply.body)?
    };
    Ok(response.with_status(reply.status).with_headers(headers))
}

/// A var or a secret (secrets take precedence).
fn lookup(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .ok()
        .map(|s| s.to_string())
        .or_else(|| env.var(name).ok().map(|v| v.to_string()))
}

fn timestamp() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

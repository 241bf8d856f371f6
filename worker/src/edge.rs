//! The three operations at the edge: each refuses what it must, counts what
//! it must, then calls 8x8 through the client core. No rule of 8x8's lives
//! here: validation is `verify8x8::params`, requests and answers
//! `verify8x8::api`.

use std::cell::RefCell;

use verify8x8::api::{self, Error, Operation};
use verify8x8::json::{self, Value};
use verify8x8::params::{self, Session, SessionStatus};
use verify8x8::phone;
use verify8x8::proof::{self, Claims};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{js_sys, web_sys, Env};

use crate::body;
use crate::config::Config;
use crate::handle::{HandleError, Handles};
use crate::keys;
use crate::limiter;
use crate::local::LocalLimiter;
use crate::policy;
use crate::reply::Refusal;
use crate::rules::Rule;
use crate::upstream;

thread_local! {
    /// Status reads per network, counted in this isolate's memory.
    static READS: RefCell<LocalLimiter> = RefCell::new(LocalLimiter::new());
}

/// A successful answer: status and JSON body.
pub(crate) type Success = (u16, String);

/// How an operation ended: a success, the edge's refusal, or 8x8's error.
pub(crate) enum Failure {
    /// Refused at the edge.
    Refused(Refusal),
    /// 8x8 (or the way to it) failed.
    Upstream(Error),
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        Failure::Refused(refusal)
    }
}

/// What a request carries that the handlers need.
pub(crate) struct Context<'a> {
    /// The checked configuration.
    pub(crate) config: &'a Config,
    /// Session handles under the configured secret.
    pub(crate) handles: &'a Handles,
    /// The bindings (Durable Objects).
    pub(crate) env: &'a Env,
    /// `CF-Connecting-IP`, set by Cloudflare (never `X-Forwarded-For`).
    pub(crate) client_ip: Option<String>,
    /// The masked destination, for the log line.
    pub(crate) masked: Option<String>,
}

impl Context<'_> {
    fn api(&self) -> api::Config {
        api::Config::direct(
            &self.config.base_url,
            &self.config.sub_account_id,
            &self.config.api_key,
        )
    }

    /// The network key of the client, or one shared key when Cloudflare gave
    /// no address (never the case in production).
    fn network(&self) -> String {
        self.client_ip
            .as_deref()
            .and_then(keys::client_network)
            .unwrap_or_else(|| "unknown".to_owned())
    }

    async fn limit(&self, limit: &'static str, key: String, rules: &[Rule]) -> Result<(), Failure> {
        self.limit_together(
            &format!("{limit}:{key}"),
            &[(limit, limit.to_owned(), rules)],
        )
        .await
    }

    /// Counters held by one object (`key`), each `(limit, name, rules)`,
    /// admitted atomically; a refusal names the limit (`destination`,
    /// `prefix`, ...) whose counter refused.
    async fn limit_together(
        &self,
        key: &str,
        counters: &[(&'static str, String, &[Rule])],
    ) -> Result<(), Failure> {
        let named: Vec<crate::protocol::Counter<'_>> = counters
            .iter()
            .map(|(_, name, rules)| (name.as_str(), *rules))
            .collect();
        match limiter::admit(self.env, key, &named).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err((index, retry_after))) => {
                let limit = counters.get(index).map_or("limit", |(limit, _, _)| *limit);
                Err(Refusal::RateLimited { limit, retry_after }.into())
            }
            // Fail closed: an unmetered send costs money.
            Err(_) => Err(Refusal::Upstream {
                timeout: false,
                message: "the rate limiter is unavailable; try again".into(),
            }
            .into()),
        }
    }
}

/// `POST /api/verify/sessions`.
pub(crate) async fn start(
    ctx: &mut Context<'_>,
    req: &web_sys::Request,
) -> Result<Success, Failure> {
    let input = read_json(req).await?;
    let input = body::with_edge_fields(input, ctx.client_ip.as_deref(), false)?;
    let verdict = params::validate_verification(&input);
    if !verdict.is_ok() {
        return Err(Refusal::Invalid(verdict.errors).into());
    }
    let region = policy::check(&verdict, ctx.config).map_err(Refusal::Policy)?;
    let Some(request) = verdict.request else {
        return Err(Refusal::Invalid(Vec::new()).into());
    };
    ctx.masked = Some(phone::mask(&request.destination));

    let limits = &ctx.config.limits;
    ctx.limit("ip", ctx.network(), &limits.ip).await?;
    // A number lies inside its prefix: one object counts both, atomically
    // (the counter of a number is named after it inside its prefix's object).
    let prefix = keys::number_prefix(&request.destination);
    let number = &request.destination[prefix.len()..];
    let counters = [
        (
            "destination",
            format!("destination:{number}"),
            limits.destination.as_slice(),
        ),
        ("prefix", "prefix".to_owned(), limits.prefix.as_slice()),
    ];
    ctx.limit_together(&format!("prefix:{prefix}"), &counters)
        .await?;
    if let Some(region) = region {
        ctx.limit("country", region, &limits.country).await?;
    }

    let http = api::start_verification(&ctx.api(), &request);
    let session = upstream::call(Operation::StartVerification, &http, api::parse_session)
        .await
        .map_err(Failure::Upstream)?;
    let handle_ttl = u64::from(request.code_validity) + 3600;
    Ok((200, session_json(ctx, session, now() + handle_ttl, None)))
}

/// `GET /api/verify/sessions/{handle}` (optional `?code=`).
pub(crate) async fn session(
    ctx: &mut Context<'_>,
    handle: &str,
    code: Option<String>,
) -> Result<Success, Failure> {
    let session_id = ctx.handles.open(handle, now()).map_err(|e| match e {
        HandleError::Invalid => Refusal::BadHandle,
        HandleError::Expired => Refusal::ExpiredHandle,
    })?;
    let mut check = vec![("sessionId".to_owned(), Value::String(session_id.clone()))];
    if let Some(code) = &code {
        check.push(("code".to_owned(), Value::String(code.clone())));
    }
    let verdict = params::validate_code_check(&Value::Object(check));
    if !verdict.is_ok() {
        return Err(Refusal::Invalid(verdict.errors).into());
    }

    let limits = &ctx.config.limits;
    if code.is_some() {
        ctx.limit("ip_checks", ctx.network(), &limits.ip_checks)
            .await?;
        // Sessions are counted in buckets: no object left behind per session.
        let bucket = format!("session_checks:{}", keys::session_bucket(&session_id));
        let counter = [(
            "session_checks",
            format!("session:{session_id}"),
            limits.session_checks.as_slice(),
        )];
        ctx.limit_together(&bucket, &counter).await?;
    } else {
        // A poll costs 8x8 nothing: counted in this isolate, no round trip.
        let now_ms = js_sys::Date::now() as u64;
        READS
            .with_borrow_mut(|reads| reads.admit(&ctx.network(), &limits.ip_reads, now_ms))
            .map_err(|retry_after| Refusal::RateLimited {
                limit: "ip_reads",
                retry_after,
            })?;
    }

    let (op, http) = match &code {
        Some(code) => (
            Operation::CheckCode,
            api::check_code(&ctx.api(), &session_id, Some(code)),
        ),
        None => (
            Operation::GetStatus,
            api::get_status(&ctx.api(), &session_id),
        ),
    };
    let session = upstream::call(op, &http, api::parse_session)
        .await
        .map_err(Failure::Upstream)?;
    ctx.masked = Some(phone::mask(&session.destination));
    let proof = (session.status == SessionStatus::Verified).then(|| {
        let claims = Claims::new(&session.destination, now(), ctx.config.proof_ttl);
        proof::sign(&claims, &ctx.config.proof_secret).ok()
    });
    // The browser keeps the handle it has (same session, same expiry).
    Ok((
        200,
        session_json_with_handle(session, handle, proof.flatten()),
    ))
}

/// `POST /api/verify/coverage`.
pub(crate) async fn coverage(
    ctx: &mut Context<'_>,
    req: &web_sys::Request,
) -> Result<Success, Failure> {
    let input = read_json(req).await?;
    let input = body::with_edge_fields(input, ctx.client_ip.as_deref(), false)?;
    let verdict = params::validate_coverage(&input);
    let Some(request) = verdict.request.filter(|_| verdict.errors.is_empty()) else {
        return Err(Refusal::Invalid(verdict.errors).into());
    };
    ctx.masked = request.destination.as_deref().map(phone::mask);
    ctx.limit("ip_checks", ctx.network(), &ctx.config.limits.ip_checks)
        .await?;
    let http = api::check_coverage(&ctx.api(), &request);
    let coverage = upstream::call(Operation::CheckCoverage, &http, api::parse_coverage)
        .await
        .map_err(Failure::Upstream)?;
    let body = Value::Object(vec![(
        "isAvailable".to_owned(),
        Value::Bool(coverage.is_available),
    )]);
    Ok((200, json::to_string(&body)))
}

async fn read_json(req: &web_sys::Request) -> Result<Value, Refusal> {
    let header = |name| req.headers().get(name).ok().flatten();
    body::check_headers(
        header("Content-Type").as_deref(),
        header("Content-Length").as_deref(),
    )?;
    let unreadable = || Refusal::NotJson {
        content_type: false,
        message: "the request body could not be read as text".into(),
    };
    let text = JsFuture::from(req.text().map_err(|_| unreadable())?)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(unreadable)?;
    body::parse(&text)
}

fn session_json(
    ctx: &Context<'_>,
    session: Session,
    handle_expires: u64,
    proof: Option<String>,
) -> String {
    let handle = ctx.handles.seal(&session.session_id, handle_expires);
    session_json_with_handle(session, &handle, proof)
}

/// The session as the browser sees it: 8x8's shape, the handle in place of
/// 8x8's session id, and the proof when verified.
fn session_json_with_handle(mut session: Session, handle: &str, proof: Option<String>) -> String {
    session.session_id = handle.to_owned();
    session.verify_uri = format!("/api/verify/sessions/{handle}");
    let mut value = api::to_value(&session).unwrap_or(Value::Null);
    if let (Value::Object(members), Some(proof)) = (&mut value, proof) {
        members.push(("proof".to_owned(), Value::String(proof)));
    }
    json::to_string(&value)
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

//! The operations at the edge: each refuses what it must, counts what it
//! must, then calls 8x8 through the client core. No rule of 8x8's lives
//! here: validation is `verify8x8::params`, requests and answers
//! `verify8x8::api`.
//!
//! Ownership (see `crate::ledger`): a start claims the number in its prefix's
//! object and seals the claim's grant into the handle; a code check or a
//! resend acts only with the grant of the live claim; the check that moves
//! the session to `VERIFIED` releases the claim and alone carries the proof.

use std::cell::RefCell;

use verify8x8::api::{self, Error, Operation};
use verify8x8::json::{self, Value};
use verify8x8::params::{self, Session, SessionStatus, Violation, ViolationCode};
use verify8x8::phone;
use verify8x8::proof::Claims;
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{console_log, js_sys, web_sys, Env};

use crate::body;
use crate::config::Config;
use crate::handle::{HandleError, Handles, Ticket};
use crate::keys;
use crate::ledger::{Counter, Op, Outcome};
use crate::limiter;
use crate::local::LocalLimiter;
use crate::policy;
use crate::proof_keys::ProofKeys;
use crate::reply::Refusal;
use crate::rules::Rule;
use crate::signer;
use crate::sms_text;
use crate::turnstile;
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
    /// Session handles under `HANDLE_SECRET`.
    pub(crate) handles: &'a Handles,
    /// The proofs' signing key and published keys.
    pub(crate) proof_keys: &'a ProofKeys,
    /// The bindings (Durable Objects).
    pub(crate) env: &'a Env,
    /// The worker's own origin: the proofs' `iss`, and `aud` by default.
    pub(crate) origin: String,
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

    /// Counts one request under `rules` in the object of `limit:key`.
    async fn count(&self, limit: &'static str, key: String, rules: &[Rule]) -> Result<(), Failure> {
        if rules.is_empty() {
            return Ok(());
        }
        let op = Op::Count {
            counters: vec![(limit.to_owned(), rules.to_vec())],
        };
        self.run(&format!("{limit}:{key}"), &op, &[limit]).await
    }

    /// Runs `op` in the object of `key`; a refusal names the limit of the
    /// counter that refused (`limits[index]`).
    async fn run(&self, key: &str, op: &Op, limits: &[&'static str]) -> Result<(), Failure> {
        settle(key, limiter::run(self.env, key, op).await, limits)
    }

    /// Runs a guarded start in the object of `key`; `Ok(true)` when the
    /// key's breaker has seen no verification in its window.
    async fn guard(&self, key: &str, op: &Op, limit: &'static str) -> Result<bool, Failure> {
        match limiter::run(self.env, key, op).await {
            Ok(Outcome::Cold) => Ok(true),
            other => settle(key, other, &[limit]).map(|()| false),
        }
    }

    /// Ends the ticket's claim; `refund` takes back the failure counted in
    /// advance. `false` when this party no longer held it (another check
    /// released it first).
    async fn release(&self, ticket: &Ticket, refund: bool) -> bool {
        let op = Op::Release {
            number: ticket.destination.clone(),
            grant: ticket.grant.clone(),
            refund: refund.then(|| failures_counter(&ticket.destination)),
        };
        let key = prefix_key(&ticket.destination);
        matches!(limiter::run(self.env, &key, &op).await, Ok(Outcome::Done))
    }

    /// Counts a start under the client's address tiers (`crate::keys::client_tiers`),
    /// together in their network's object.
    async fn count_address(&self) -> Result<(), Failure> {
        let limits = &self.config.limits;
        let tiers = self.client_ip.as_deref().and_then(keys::client_tiers);
        let (object, tiers) = tiers.unwrap_or_else(|| {
            (
                "net:unknown".to_owned(),
                vec![("ip", "ip:unknown".to_owned())],
            )
        });
        let rules = |limit: &str| match limit {
            "ip_24" => &limits.ip_24,
            "ip_56" => &limits.ip_56,
            "ip_48" => &limits.ip_48,
            _ => &limits.ip,
        };
        let names: Vec<&'static str> = tiers.iter().map(|(limit, _)| *limit).collect();
        let counters = tiers
            .into_iter()
            .map(|(limit, counter)| (counter, rules(limit).clone()))
            .collect();
        self.run(&object, &Op::Count { counters }, &names).await
    }

    /// A start that 8x8 refused without sending anything (`403`/`1400`):
    /// the claim ends and the start is taken back from the number's prefix,
    /// its range, its country and the spend cap (not from the client's
    /// address: it did ask). Best effort.
    async fn refund(&self, ticket: &Ticket, area: &str) {
        let op = Op::Release {
            number: ticket.destination.clone(),
            grant: ticket.grant.clone(),
            refund: Some("prefix".to_owned()),
        };
        let _ = limiter::run(self.env, &prefix_key(&ticket.destination), &op).await;
        let breaker = self.config.defences.breaker.map(|_| BREAKER.to_owned());
        let refunds = [
            (range_key(&ticket.destination), "range", breaker.clone()),
            (format!("country:{area}"), "country", breaker),
            ("global:all".to_owned(), "global", None),
        ];
        for (key, counter, breaker) in refunds {
            let op = Op::Refund {
                counters: vec![counter.to_owned()],
                breaker,
            };
            let _ = limiter::run(self.env, &key, &op).await;
        }
    }

    /// Takes back guarded starts that were then refused elsewhere.
    async fn unguard(&self, guarded: &[(String, &'static str)]) {
        let breaker = self.config.defences.breaker.map(|_| BREAKER.to_owned());
        for (key, limit) in guarded {
            let op = Op::Refund {
                counters: vec![(*limit).to_owned()],
                breaker: breaker.clone(),
            };
            let _ = limiter::run(self.env, key, &op).await;
        }
    }

    /// Tells the number's range and country breakers that a code was entered.
    async fn verified(&self, number: &str) {
        let Some(breaker) = self.config.defences.breaker else {
            return;
        };
        let op = Op::Verified {
            name: BREAKER.to_owned(),
            horizon: breaker.window,
        };
        let _ = limiter::run(self.env, &range_key(number), &op).await;
        if let Ok(parsed) = phone::parse(number, None) {
            let key = format!("country:{}", policy::area(&parsed));
            let _ = limiter::run(self.env, &key, &op).await;
        }
    }

    fn open(&self, handle: &str) -> Result<Ticket, Refusal> {
        self.handles.open(handle, now()).map_err(|e| match e {
            HandleError::Invalid => Refusal::BadHandle,
            HandleError::Expired => Refusal::ExpiredHandle,
        })
    }
}

/// `POST /api/verify/sessions`.
pub(crate) async fn start(
    ctx: &mut Context<'_>,
    req: &web_sys::Request,
) -> Result<Success, Failure> {
    let mut input = read_json(req).await?;
    let token = turnstile::take_token(&mut input);
    let host = sms_text::host_of(&ctx.origin);
    let start = body::start(input, ctx.config, ctx.client_ip.as_deref(), host)?;
    let verdict = params::validate_verification(&start.request);
    if !verdict.is_ok() {
        return Err(Refusal::Invalid(verdict.errors).into());
    }
    let area = policy::check(&verdict, ctx.config).map_err(Refusal::Policy)?;
    let Some(request) = verdict.request else {
        return Err(Refusal::Invalid(Vec::new()).into());
    };
    ctx.masked = Some(phone::mask(&request.destination));
    // The challenge before anything is counted or sent.
    if let Some(settings) = &ctx.config.defences.turnstile {
        let token = token.and_then(|t| t.ok_or(turnstile::Rejection::Missing));
        let passed = match token {
            Ok(token) => check_turnstile(ctx, settings, &token).await,
            Err(rejection) => Err(rejection),
        };
        passed.map_err(|rejection| Refusal::Challenge(rejection.message()))?;
    }

    let limits = &ctx.config.limits;
    ctx.count_address().await?;
    if let Some(asn) = asn(req) {
        ctx.count("asn", asn.to_string(), &limits.asn).await?;
    }
    // The number's claim and its counts, atomically, in its prefix's object.
    let ticket = Ticket {
        session_id: String::new(),
        destination: request.destination.clone(),
        channel: request.channel.as_str().to_owned(),
        grant: random_id(),
        nonce: start.nonce.unwrap_or_default(),
        language: request.language.clone().unwrap_or_default(),
        template: request
            .whatsapp
            .as_ref()
            .map(|w| w.template_name.clone())
            .unwrap_or_default(),
    };
    let until_ms = now_ms() + u64::from(request.code_validity) * 1000;
    let claim = Op::Claim {
        number: ticket.destination.clone(),
        grant: ticket.grant.clone(),
        until_ms,
        counters: start_counters(ctx.config, &ticket.destination),
    };
    let key = prefix_key(&ticket.destination);
    ctx.run(&key, &claim, &["destination", "prefix"]).await?;
    // The range, the country (each with its conversion breaker), then the
    // spend cap last, so that a start refused elsewhere spends none of it.
    let guards = [
        (range_key(&ticket.destination), "range", &limits.range),
        (format!("country:{area}"), "country", &limits.country),
    ];
    let mut cold = false;
    let mut guarded = Vec::new();
    let mut refusal = None;
    for (key, limit, rules) in guards {
        if rules.is_empty() && ctx.config.defences.breaker.is_none() {
            continue;
        }
        let guard = Op::Guard {
            breaker: ctx.config.defences.breaker.map(|b| (BREAKER.to_owned(), b)),
            counters: vec![(limit.to_owned(), rules.clone())],
        };
        match ctx.guard(&key, &guard, limit).await {
            Ok(is_cold) => {
                cold = limit == "country" && is_cold;
                guarded.push((key, limit));
            }
            Err(refused) => {
                refusal = Some(refused);
                break;
            }
        }
    }
    // A country nobody has verified in lately shares one budget with all such
    // countries: a spreader over many countries gets that budget, not each
    // country's breaker allowance.
    if refusal.is_none() && cold {
        refusal = ctx
            .count("cold_countries", "all".to_owned(), &limits.cold_countries)
            .await
            .err();
    }
    if refusal.is_none() {
        refusal = ctx
            .count("global", "all".to_owned(), &limits.global)
            .await
            .err();
    }
    if let Some(refused) = refusal {
        // Nothing is sent: the number is free again, and the starts recorded
        // in the range and the country are taken back (an unsent start is
        // no unconverted code).
        ctx.release(&ticket, false).await;
        ctx.unguard(&guarded).await;
        return Err(refused);
    }

    let http = api::start_verification(&ctx.api(), &request);
    let session =
        match upstream::call(Operation::StartVerification, &http, api::parse_session).await {
            Ok(session) => session,
            Err(error) => {
                // 8x8 opened no session (or none is known): the number is free again.
                if sent_nothing(&error) {
                    ctx.refund(&ticket, &area).await;
                } else {
                    ctx.release(&ticket, false).await;
                }
                return Err(Failure::Upstream(error));
            }
        };
    let ticket = Ticket {
        session_id: session.session_id.clone(),
        ..ticket
    };
    let handle = ctx.handles.seal(&ticket, until_ms / 1000);
    Ok((200, session_json(session, &handle, None)))
}

/// `GET /api/verify/sessions/{handle}`: the session's state, never a proof.
/// A code in the query is refused before anything is read or checked.
pub(crate) async fn status(
    ctx: &mut Context<'_>,
    handle: &str,
    code_in_query: bool,
) -> Result<Success, Failure> {
    if code_in_query {
        return Err(Refusal::Invalid(vec![Violation::new(
            "code",
            ViolationCode::NotAllowed,
            "a code is never sent in a URL: POST {\"code\"} to /api/verify/sessions/{handle}/check",
        )])
        .into());
    }
    let ticket = ctx.open(handle)?;
    // A poll costs 8x8 nothing: counted in this isolate, no round trip.
    let now_ms = js_sys::Date::now() as u64;
    let rules = &ctx.config.limits.ip_reads;
    READS
        .with_borrow_mut(|reads| reads.admit(&ctx.network(), rules, now_ms))
        .map_err(|retry_after| Refusal::RateLimited {
            limit: "ip_reads",
            retry_after,
        })?;
    let http = api::get_status(&ctx.api(), &ticket.session_id);
    let session = upstream::call(Operation::GetStatus, &http, api::parse_session)
        .await
        .map_err(Failure::Upstream)?;
    ctx.masked = Some(phone::mask(&session.destination));
    Ok((200, session_json(session, handle, None)))
}

/// `POST /api/verify/sessions/{handle}/check` with `{"code"}`: the only
/// answer that carries a proof, once, when this check verified the session.
/// An `sma` session is checked without a code once the phone has opened its
/// verification URL.
pub(crate) async fn check(
    ctx: &mut Context<'_>,
    handle: &str,
    req: &web_sys::Request,
) -> Result<Success, Failure> {
    let ticket = ctx.open(handle)?;
    let input = read_json(req).await?;
    let Value::Object(members) = &input else {
        let message = "the body is a JSON object: {\"code\": \"123456\"}";
        return Err(
            Refusal::Invalid(vec![Violation::new("", ViolationCode::WrongType, message)]).into(),
        );
    };
    let unknown: Vec<Violation> = members
        .iter()
        .filter(|(name, _)| name != "code")
        .map(|(name, _)| {
            let message = format!("{name} is not a field of a code check: send only {{\"code\"}}");
            Violation::new(name.as_str(), ViolationCode::UnknownField, message)
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Refusal::Invalid(unknown).into());
    }
    let code = members.iter().find(|(k, _)| k == "code").map(|(_, v)| v);
    let silent = ticket.channel == "sma";
    let session_id = Value::String(ticket.session_id.clone());
    let verdict = params::validate_code_check_fields(Some(&session_id), code);
    let Some(request) = verdict.request.filter(|_| verdict.errors.is_empty()) else {
        return Err(Refusal::Invalid(verdict.errors).into());
    };
    if request.code.is_none() && !silent {
        return Err(Refusal::Invalid(vec![Violation::new(
            "code",
            ViolationCode::Required,
            "code is required: the code the phone received",
        )])
        .into());
    }
    ctx.masked = Some(phone::mask(&ticket.destination));

    let limits = &ctx.config.limits;
    ctx.count("ip_checks", ctx.network(), &limits.ip_checks)
        .await?;
    // The owner only; counted as a failure in advance, refunded if right.
    let act = Op::Act {
        number: ticket.destination.clone(),
        grant: ticket.grant.clone(),
        counters: vec![
            (
                format!("checks:{}", ticket.grant),
                limits.session_checks.clone(),
            ),
            (
                failures_counter(&ticket.destination),
                limits.destination_failures.clone(),
            ),
        ],
    };
    let key = prefix_key(&ticket.destination);
    ctx.run(&key, &act, &["session_checks", "destination_failures"])
        .await?;

    let (op, http) = match &request.code {
        Some(code) => (
            Operation::CheckCode,
            api::check_code(&ctx.api(), &ticket.session_id, Some(code)),
        ),
        None => (
            Operation::GetStatus,
            api::get_status(&ctx.api(), &ticket.session_id),
        ),
    };
    let session = upstream::call(op, &http, api::parse_session)
        .await
        .map_err(Failure::Upstream)?;
    let proof = match session.status {
        // Exactly one check releases the claim: that answer alone has the proof.
        SessionStatus::Verified if ctx.release(&ticket, true).await => {
            ctx.verified(&ticket.destination).await;
            Some(sign_proof(ctx, &ticket).await?)
        }
        SessionStatus::Failed | SessionStatus::Expired => {
            ctx.release(&ticket, false).await;
            None
        }
        _ => None,
    };
    Ok((200, session_json(session, handle, proof)))
}

/// `POST /api/verify/sessions/{handle}/resend`: 8x8 sends the same code
/// again and extends its validity; the answer carries the handle with the
/// new expiry (same owner). A silent (`sma`) session may fall back to a
/// code: `{"channel": "sms"}` (any configured channel but `sma`).
pub(crate) async fn resend(
    ctx: &mut Context<'_>,
    handle: &str,
    req: &web_sys::Request,
) -> Result<Success, Failure> {
    let ticket = ctx.open(handle)?;
    let has_body = req.headers().get("Content-Type").ok().flatten().is_some();
    let input = if has_body {
        read_json(req).await?
    } else {
        Value::Object(Vec::new())
    };
    let channel = body::fallback_channel(&input, &ticket.channel)?;
    let switched = channel != ticket.channel;
    let ticket = Ticket { channel, ..ticket };
    ctx.masked = Some(phone::mask(&ticket.destination));
    let limits = &ctx.config.limits;
    ctx.count("ip_checks", ctx.network(), &limits.ip_checks)
        .await?;
    // A resend is a message: the owner only, counted like a start.
    let act = Op::Act {
        number: ticket.destination.clone(),
        grant: ticket.grant.clone(),
        counters: start_counters(ctx.config, &ticket.destination),
    };
    let key = prefix_key(&ticket.destination);
    ctx.run(&key, &act, &["destination", "prefix"]).await?;
    // And it spends like one.
    ctx.count("global", "all".to_owned(), &limits.global)
        .await?;

    let mut fields = vec![
        (
            "destination".to_owned(),
            Value::String(ticket.destination.clone()),
        ),
        ("channel".to_owned(), Value::String(ticket.channel.clone())),
    ];
    if !ticket.language.is_empty() {
        fields.push((
            "language".to_owned(),
            Value::String(ticket.language.clone()),
        ));
    }
    if !ticket.template.is_empty() {
        let whatsapp = vec![(
            "templateName".to_owned(),
            Value::String(ticket.template.clone()),
        )];
        fields.push(("whatsapp".to_owned(), Value::Object(whatsapp)));
    }
    let host = sms_text::host_of(&ctx.origin);
    let start = body::start(
        Value::Object(fields),
        ctx.config,
        ctx.client_ip.as_deref(),
        host,
    )?;
    let verdict = params::validate_verification(&start.request);
    if !verdict.is_ok() {
        return Err(Refusal::Invalid(verdict.errors).into());
    }
    if switched {
        // The new channel must reach the number (a mobile for sms).
        policy::check(&verdict, ctx.config).map_err(Refusal::Policy)?;
    }
    let Some(request) = verdict.request else {
        return Err(Refusal::Invalid(Vec::new()).into());
    };
    let http = api::start_verification(&ctx.api(), &request);
    let session = upstream::call(Operation::StartVerification, &http, api::parse_session)
        .await
        .map_err(Failure::Upstream)?;
    let until_ms = now_ms() + u64::from(request.code_validity) * 1000;
    let extend = Op::Extend {
        number: ticket.destination.clone(),
        grant: ticket.grant.clone(),
        until_ms,
    };
    ctx.run(&key, &extend, &[]).await?;
    let ticket = Ticket {
        session_id: session.session_id.clone(),
        ..ticket
    };
    let handle = ctx.handles.seal(&ticket, until_ms / 1000);
    Ok((200, session_json(session, &handle, None)))
}

/// `POST /api/verify/coverage`.
pub(crate) async fn coverage(
    ctx: &mut Context<'_>,
    req: &web_sys::Request,
) -> Result<Success, Failure> {
    let input = read_json(req).await?;
    let input = body::coverage(input, ctx.client_ip.as_deref())?;
    let verdict = params::validate_coverage(&input);
    let Some(request) = verdict.request.filter(|_| verdict.errors.is_empty()) else {
        return Err(Refusal::Invalid(verdict.errors).into());
    };
    ctx.masked = request.destination.as_deref().map(phone::mask);
    ctx.count("ip_checks", ctx.network(), &ctx.config.limits.ip_checks)
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

/// The outcome of an operation in the object of `key` as the request's
/// result; a refusal names the limit of the counter that refused (`limits[index]`).
fn settle(
    key: &str,
    outcome: worker::Result<Outcome>,
    limits: &[&'static str],
) -> Result<(), Failure> {
    match outcome {
        Ok(Outcome::Done | Outcome::Cold) => Ok(()),
        Ok(Outcome::Limited { index, retry_after }) => {
            let limit = limits.get(index).copied().unwrap_or("limit");
            Err(Refusal::RateLimited { limit, retry_after }.into())
        }
        Ok(Outcome::Busy { until_ms }) => {
            let retry_after = until_ms.saturating_sub(now_ms()).div_ceil(1000).max(1);
            Err(Refusal::SessionPending {
                retry_after,
                expires_at: iso(until_ms),
            }
            .into())
        }
        Ok(Outcome::NotOwner) => Err(Refusal::NotOwner.into()),
        Ok(Outcome::Paused {
            retry_after,
            tripped,
        }) => {
            if tripped {
                // Once: only the start that trips it is told `tripped`.
                console_log!("conversion breaker tripped for {key}: too few codes entered; new starts paused {retry_after}s");
            }
            Err(Refusal::RateLimited {
                limit: "conversion",
                retry_after,
            }
            .into())
        }
        // Fail closed: an unmetered send costs money.
        Err(_) => Err(Refusal::Upstream {
            timeout: false,
            message: "the rate limiter is unavailable; try again".into(),
        }
        .into()),
    }
}

/// The counters of a message to `number`: the number's and its prefix's.
fn start_counters(config: &Config, number: &str) -> Vec<Counter> {
    let prefix = keys::number_prefix(number);
    vec![
        (
            format!("destination:{}", &number[prefix.len()..]),
            config.limits.destination.clone(),
        ),
        ("prefix".to_owned(), config.limits.prefix.clone()),
    ]
}

/// The breaker's name in a range's or a country's object.
const BREAKER: &str = "conversion";

fn range_key(number: &str) -> String {
    format!("range:{}", keys::number_range(number))
}

/// 8x8 refused the start and sent nothing: `403` with code `1400`.
fn sent_nothing(error: &Error) -> bool {
    matches!(error, Error::Api(e) if e.status == 403 && e.code == Some(1400))
}

/// The client's autonomous system (`request.cf.asn`), where the platform
/// gives one (not under `wrangler dev`).
fn asn(req: &web_sys::Request) -> Option<u32> {
    let cf = js_sys::Reflect::get(req, &JsValue::from_str("cf")).ok()?;
    if !cf.is_object() {
        return None;
    }
    let asn = js_sys::Reflect::get(&cf, &JsValue::from_str("asn"))
        .ok()?
        .as_f64()?;
    (asn >= 1.0 && asn <= f64::from(u32::MAX) && asn.fract() == 0.0).then_some(asn as u32)
}

/// Checks the page's Turnstile token with siteverify: the client's address,
/// an idempotency key, then the expected hostname and action.
async fn check_turnstile(
    ctx: &Context<'_>,
    settings: &crate::config::Turnstile,
    token: &str,
) -> Result<(), turnstile::Rejection> {
    let hostname = match &settings.hostname {
        Some(hostname) => hostname.clone(),
        None => worker::Url::parse(&ctx.origin)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default(),
    };
    let request = api::HttpRequest {
        method: api::Method::Post,
        url: settings.verify_url.clone(),
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body: Some(turnstile::request_body(
            &settings.secret,
            token,
            ctx.client_ip.as_deref(),
            &random_id(),
        )),
    };
    let answer = upstream::send(&request)
        .await
        .map_err(|_| turnstile::Rejection::Unavailable)?;
    turnstile::judge(answer.status, &answer.body, &hostname, &settings.action)
}

fn failures_counter(number: &str) -> String {
    format!("failures:{number}")
}

fn prefix_key(number: &str) -> String {
    format!("prefix:{}", keys::number_prefix(number))
}

async fn sign_proof(ctx: &Context<'_>, ticket: &Ticket) -> Result<String, Failure> {
    let issued = now();
    let claims = Claims {
        iss: ctx.origin.clone(),
        sub: ticket.destination.clone(),
        aud: vec![ctx
            .config
            .proof_audience
            .clone()
            .unwrap_or_else(|| ctx.origin.clone())],
        jti: random_id(),
        iat: issued,
        exp: issued + ctx.config.proof_ttl,
        nonce: (!ticket.nonce.is_empty()).then(|| ticket.nonce.clone()),
    };
    signer::sign(ctx.proof_keys, &claims).await.map_err(|_| {
        Failure::Refused(Refusal::Misconfigured(
            "PROOF_SIGNING_KEY could not sign".into(),
        ))
    })
}

/// Reads a JSON body of at most `body::MAX_BODY` bytes, counted while it
/// arrives: a body without `Content-Length` (chunked) is cut off at the
/// limit, never read whole first.
async fn read_json(req: &web_sys::Request) -> Result<Value, Refusal> {
    let header = |name| req.headers().get(name).ok().flatten();
    body::check_headers(
        header("Content-Type").as_deref(),
        header("Content-Length").as_deref(),
    )?;
    let unreadable = || Refusal::NotJson {
        content_type: false,
        message: "the request body could not be read".into(),
    };
    let mut bytes = Vec::new();
    // Past the limit nothing more is kept; a little more is read and dropped
    // so that the connection stays usable, then the stream is abandoned.
    let mut seen = 0usize;
    if let Some(stream) = req.body() {
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let chunk = JsFuture::from(reader.read())
                .await
                .map_err(|_| unreadable())?;
            let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
                .map_err(|_| unreadable())?;
            if done.is_truthy() {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))
                .map_err(|_| unreadable())?;
            let part = js_sys::Uint8Array::new(&value);
            seen += part.length() as usize;
            if seen > body::DRAIN_MAX {
                let _ = reader.cancel();
                break;
            }
            if seen <= body::MAX_BODY {
                bytes.extend(part.to_vec());
            }
        }
    }
    if seen > body::MAX_BODY {
        return Err(Refusal::TooLarge {
            max: body::MAX_BODY,
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| Refusal::NotJson {
        content_type: false,
        message: "the request body is not UTF-8".into(),
    })?;
    body::parse(&text)
}

/// The session as the browser sees it: 8x8's shape, the handle in place of
/// 8x8's session id, and the proof when this answer verified it.
fn session_json(mut session: Session, handle: &str, proof: Option<String>) -> String {
    session.session_id = handle.to_owned();
    session.verify_uri = format!("/api/verify/sessions/{handle}");
    let mut value = api::to_value(&session).unwrap_or(Value::Null);
    if let (Value::Object(members), Some(proof)) = (&mut value, proof) {
        members.push(("proof".to_owned(), Value::String(proof)));
    }
    json::to_string(&value)
}

/// A random identifier (a UUID v4 from the platform's CSPRNG).
pub(crate) fn random_id() -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let uuid = crypto.and_then(|c| {
        let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
        js_sys::Function::from(f).call0(&c).ok()?.as_string()
    });
    // workerd always has crypto.randomUUID; the time is no secret but unique.
    uuid.unwrap_or_else(|| format!("t{}", js_sys::Date::now()))
}

fn iso(ms: u64) -> String {
    String::from(js_sys::Date::new(&JsValue::from_f64(ms as f64)).to_iso_string())
}

/// Milliseconds since the Unix epoch.
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> u64 {
    now_ms() / 1000
}

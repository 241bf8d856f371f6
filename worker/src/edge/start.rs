//! `POST /api/verify/sessions`: every guard a start passes, in order, then
//! the claim of the number and 8x8's call; what a refused start counted is
//! taken back.

use verify8x8::api::{self, Error, Operation};
use verify8x8::{params, phone};
use worker::wasm_bindgen::JsValue;
use worker::{js_sys, web_sys};

use super::read::read_json;
use super::{
    now_ms, prefix_key, random_id, range_key, session_json, start_counters, Context, Failure,
    Success, BREAKER,
};
use crate::body;
use crate::handle::Ticket;
use crate::ledger::Op;
use crate::policy;
use crate::reply::Refusal;
use crate::sms_text;
use crate::turnstile;
use crate::upstream;

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

/// 8x8 refused the start and sent nothing: too soon after the last send.
fn sent_nothing(error: &Error) -> bool {
    let too_soon = verify8x8::contract::Reason::ResendTooSoon;
    matches!(error, Error::Api(e) if e.status == too_soon.status() && e.code == Some(too_soon.code()))
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

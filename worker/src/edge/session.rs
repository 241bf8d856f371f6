//! What a handle does with its session: read it, check a code (the one
//! answer that carries the proof), resend the code.

use verify8x8::api::{self, Operation};
use verify8x8::json::Value;
use verify8x8::params::{self, SessionStatus, Violation, ViolationCode};
use verify8x8::phone;
use verify8x8::proof::Claims;
use worker::{js_sys, web_sys};

use super::read::read_json;
use super::{
    failures_counter, now, now_ms, prefix_key, random_id, session_json, start_counters, Context,
    Failure, Success, READS,
};
use crate::body;
use crate::handle::Ticket;
use crate::ledger::Op;
use crate::policy;
use crate::reply::Refusal;
use crate::signer;
use crate::sms_text;
use crate::upstream;

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
    // Only the handle's owner can read it, so only its own claim is freed.
    ctx.release_if_ended(&ticket, session.status).await;
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
        status => {
            ctx.release_if_ended(&ticket, status).await;
            None
        }
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

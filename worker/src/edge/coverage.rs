//! `POST /api/verify/coverage`: the SMA coverage check, from the
//! connection's address.

use verify8x8::api::{self, Operation};
use verify8x8::json::{self, Value};
use verify8x8::{params, phone};
use worker::web_sys;

use super::read::read_json;
use super::{Context, Failure, Success};
use crate::body;
use crate::reply::Refusal;
use crate::upstream;

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

//! The verify8x8 edge worker (grows in its own issue).

use worker::{event, Context, Env, Request, Response, Result};

/// Every request: the routes of DESIGN.md, JSON errors for the rest.
#[event(fetch)]
pub async fn fetch(_req: Request, _env: Env, _ctx: Context) -> Result<Response> {
    Response::error("{\"error\":\"not_found\"}", 404)
}

//! The verify8x8 edge worker (grows in its own issue).

use worker::{
    durable_object, event, Context, DurableObject, Env, Request, Response, Result, State,
};

/// Every request: the routes of DESIGN.md, JSON errors for the rest.
#[event(fetch)]
pub async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    if req.path() == "/api/verify/ping" {
        let ns = env.durable_object("RATE_LIMITER")?;
        let stub = ns.id_from_name("test")?.get_stub()?;
        let n = stub
            .fetch_with_str("https://limiter/hit")
            .await?
            .text()
            .await?;
        return Response::ok(format!("pong {n}"));
    }
    Response::error("{\"error\":\"not_found\"}", 404)
}

/// Rate limiter prototype.
#[durable_object]
pub struct RateLimiter {
    count: std::cell::Cell<u32>,
}

impl DurableObject for RateLimiter {
    fn new(_state: State, _env: Env) -> Self {
        Self {
            count: std::cell::Cell::new(0),
        }
    }

    async fn fetch(&self, _req: Request) -> Result<Response> {
        self.count.set(self.count.get() + 1);
        Response::ok(self.count.get().to_string())
    }
}

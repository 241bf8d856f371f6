//! One log line per request on stderr: time, method, path (no query: it may
//! hold a code), status, duration and the masked number. Never codes or keys.

use std::convert::Infallible;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponseParts, Response, ResponseParts};

use crate::clock;
use crate::mask;
use crate::state::Shared;

/// A remark a handler adds to its log line (a masked number, a fault).
#[derive(Debug, Clone)]
pub(crate) struct Note(pub(crate) String);

impl IntoResponseParts for Note {
    type Error = Infallible;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Infallible> {
        res.extensions_mut().insert(self);
        Ok(res)
    }
}

/// Logs the request once it is answered.
pub(crate) async fn log(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = masked_path(req.uri().path());
    let mut response = next.run(req).await;
    let note = response.extensions_mut().remove::<Note>();
    if !state.config.quiet {
        crate::say(&format!(
            "{} {method} {path} {} {}ms{}",
            clock::rfc3339(clock::now()),
            response.status().as_u16(),
            started.elapsed().as_millis(),
            note.map(|n| format!(" {}", n.0)).unwrap_or_default(),
        ));
    }
    response
}

/// The path with any segment that looks like a phone number masked.
fn masked_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let digits = segment.bytes().filter(u8::is_ascii_digit).count();
            let phone_like = segment
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+%2Bb()- ".contains(&b));
            if digits >= 7 && phone_like {
                mask::phone(&segment.replace("%2B", "+").replace("%2b", "+"))
            } else {
                segment.chars().take(64).collect()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

//! The fault middleware on 8x8's endpoints: latency first, then a draw of
//! drop, 426, 429 or 500 (see `faults`).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Note;
use crate::error::ApiError;
use crate::faults::Outcome;
use crate::server::Kill;
use crate::state::Shared;

/// Applies the current fault settings to one request.
pub(crate) async fn faults(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let faults = *state.faults();
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    match faults.draw() {
        Outcome::Proceed => next.run(req).await,
        Outcome::Drop => {
            if let Some(kill) = req.extensions().get::<Kill>() {
                kill.fire();
            }
            let note = Note("fault: connection dropped".into());
            (note, ApiError::internal()).into_response()
        }
        Outcome::Fail(error) => (Note("fault injected".into()), error).into_response(),
    }
}

//! The retry loop of `api::call`, driven natively by a scripted transport.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use crate::api::{
    self, call, Answer, Config, Error, HttpRequest, Operation, Policy, Transport,
    TransportErrorKind,
};

/// Answers from a script, records the sleeps.
struct Scripted {
    answers: RefCell<Vec<Result<Answer, Error>>>,
    sleeps: RefCell<Vec<u64>>,
    sent: RefCell<u32>,
    abort_sleep: bool,
}

impl Scripted {
    fn new(mut answers: Vec<Result<Answer, Error>>) -> Scripted {
        answers.reverse();
        Scripted {
            answers: RefCell::new(answers),
            sleeps: RefCell::new(Vec::new()),
            sent: RefCell::new(0),
            abort_sleep: false,
        }
    }
}

impl Transport for Scripted {
    async fn send(&self, _: &HttpRequest) -> Result<Answer, Error> {
        *self.sent.borrow_mut() += 1;
        self.answers.borrow_mut().pop().unwrap_or_else(|| {
            Err(Error::transport(
                TransportErrorKind::Network,
                "script ended",
            ))
        })
    }

    async fn sleep(&self, ms: u64) -> Result<(), Error> {
        self.sleeps.borrow_mut().push(ms);
        if self.abort_sleep {
            return Err(Error::transport(TransportErrorKind::Aborted, "aborted"));
        }
        Ok(())
    }

    fn random(&self) -> f64 {
        0.5
    }
}

/// Runs a future that never waits on anything outside itself.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

fn answer(status: u16, body: &str) -> Result<Answer, Error> {
    Ok(Answer {
        status,
        headers: Vec::new(),
        body: body.to_owned(),
    })
}

const SESSION: &str = r#"{"sessionId":"s1","verifyUri":"/x","destination":"+6587654321","status":"WAITING","attempt":0,"expiresAt":"t","retryAfter":"t"}"#;

fn request() -> HttpRequest {
    let cfg = Config::direct("http://127.0.0.1:8790", "test-account", "test-key");
    api::get_status(&cfg, "a44a91be5ea5ea118169020897df5459")
}

#[test]
fn a_safe_read_is_retried_until_it_succeeds() {
    let t = Scripted::new(vec![answer(503, ""), answer(502, ""), answer(200, SESSION)]);
    let policy = Policy::default();
    let session = block_on(call(
        &t,
        &policy,
        Operation::GetStatus,
        &request(),
        api::parse_session,
    ))
    .expect("session");
    assert_eq!(session.session_id, "s1");
    assert_eq!(*t.sent.borrow(), 3);
    assert_eq!(*t.sleeps.borrow(), vec![50, 100]);
}

#[test]
fn the_loop_gives_up_after_the_policys_retries() {
    let t = Scripted::new((0..10).map(|_| answer(503, "")).collect());
    let policy = Policy::default();
    let error = block_on(call(
        &t,
        &policy,
        Operation::GetStatus,
        &request(),
        api::parse_session,
    ))
    .unwrap_err();
    assert_eq!(error.code(), "server_error");
    assert_eq!(*t.sent.borrow(), 1 + policy.max_retries);
}

#[test]
fn a_lost_start_is_settled_and_never_repeated() {
    let lost = Err(Error::transport(TransportErrorKind::Network, "reset"));
    let t = Scripted::new(vec![lost, answer(200, SESSION)]);
    let error = block_on(call(
        &t,
        &Policy::default(),
        Operation::StartVerification,
        &request(),
        api::parse_session,
    ))
    .unwrap_err();
    assert_eq!(error.code(), "outcome_unknown");
    assert_eq!(*t.sent.borrow(), 1);
}

#[test]
fn an_aborted_wait_ends_the_loop_with_its_error() {
    let mut t = Scripted::new(vec![answer(503, ""), answer(200, SESSION)]);
    t.abort_sleep = true;
    let error = block_on(call(
        &t,
        &Policy::default(),
        Operation::GetStatus,
        &request(),
        api::parse_session,
    ))
    .unwrap_err();
    assert_eq!(error.code(), "aborted");
    assert_eq!(*t.sent.borrow(), 1);
}

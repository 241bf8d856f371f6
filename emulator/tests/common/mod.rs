//! The contract suite's harness: the real `verify8x8-emulator` binary on a
//! free loopback port, and a raw HTTP/1.1 client over `std::net::TcpStream`
//! (it must be able to send malformed requests and see dropped connections).

#![allow(dead_code, unreachable_pub, clippy::unwrap_used, missing_docs)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::Duration;

pub use serde_json::{json, Value};

pub const KEY: &str = "test-key";
pub const SUB: &str = "test-account";

/// A running emulator; killed when dropped.
pub struct Emulator {
    child: Child,
    pub base: String,
    pub addr: String,
    pub stderr: Option<ChildStderr>,
}

impl Emulator {
    /// Starts the emulator with default settings and `--quiet`.
    pub fn start() -> Self {
        Self::with_args(&["--quiet"])
    }

    /// Starts the emulator with `args` (plus `--port 0`).
    pub fn with_args(args: &[&str]) -> Self {
        let keep_stderr = args.contains(&"--keep-stderr");
        let mut child = Command::new(env!("CARGO_BIN_EXE_verify8x8-emulator"))
            .args(["--port", "0"])
            .args(args.iter().filter(|a| **a != "--keep-stderr"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the emulator binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = lines
            .next()
            .expect("a first line on stdout")
            .expect("readable stdout");
        let base = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_string();
        // Keep draining stdout so the emulator never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        let addr = base.trim_start_matches("http://").to_string();
        let stderr = child.stderr.take();
        let mut emulator = Self {
            child,
            base,
            addr,
            stderr,
        };
        if !keep_stderr {
            if let Some(err) = emulator.stderr.take() {
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut BufReader::new(err), &mut std::io::sink());
                });
            }
        }
        emulator
    }

    /// One request; `None` when the connection closed without an answer.
    pub fn raw(&self, request: &[u8]) -> Option<Response> {
        let mut stream = TcpStream::connect(&self.addr).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .ok()?;
        stream.write_all(request).ok()?;
        let mut bytes = Vec::new();
        if stream.read_to_end(&mut bytes).is_err() && bytes.is_empty() {
            return None;
        }
        Response::parse(&bytes)
    }

    /// A request with these headers and body (Content-Length added).
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        self.try_send(method, path, headers, body)
            .unwrap_or_else(|| panic!("{method} {path}: connection closed without an answer"))
    }

    pub fn try_send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Option<Response> {
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            request.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        let mut bytes = request.into_bytes();
        bytes.extend_from_slice(body);
        self.raw(&bytes)
    }

    /// An authorized JSON POST to an 8x8 path under the default sub-account.
    pub fn post(&self, path: &str, body: &Value) -> Response {
        let auth = format!("Bearer {KEY}");
        self.send(
            "POST",
            path,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            body.to_string().as_bytes(),
        )
    }

    /// `POST /api/v2/subaccounts/test-account/sessions`.
    pub fn start_session(&self, body: &Value) -> Response {
        self.post(&format!("/api/v2/subaccounts/{SUB}/sessions"), body)
    }

    /// `GET .../sessions/{id}` with an optional `?code=`.
    pub fn check(&self, id: &str, code: Option<&str>) -> Response {
        let auth = format!("Bearer {KEY}");
        let query = code.map(|c| format!("?code={c}")).unwrap_or_default();
        self.send(
            "GET",
            &format!("/api/v2/subaccounts/{SUB}/sessions/{id}{query}"),
            &[("Authorization", &auth)],
            b"",
        )
    }

    /// `POST .../sma/coverage`.
    pub fn coverage(&self, body: &Value) -> Response {
        self.post(&format!("/api/v2/subaccounts/{SUB}/sma/coverage"), body)
    }

    /// A control route (no key), JSON body.
    pub fn control(&self, method: &str, path: &str, body: Option<&Value>) -> Response {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        self.send(
            method,
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
    }

    /// The outbox, newest first, with a query string like `?sessionId=...`.
    pub fn outbox(&self, query: &str) -> Vec<Value> {
        let r = self.control("GET", &format!("/_emulator/outbox{query}"), None);
        assert_eq!(r.status, 200);
        r.json().as_array().cloned().expect("an array")
    }

    /// The code last sent for `session_id`.
    pub fn code_of(&self, session_id: &str) -> String {
        let list = self.outbox(&format!("?sessionId={session_id}"));
        list[0]["code"].as_str().expect("a code").to_string()
    }

    pub fn advance(&self, seconds: f64) {
        let r = self.control(
            "POST",
            "/_emulator/clock",
            Some(&json!({ "advanceSeconds": seconds })),
        );
        assert_eq!(r.status, 200, "{}", r.body_text());
    }

    pub fn faults(&self, body: &Value) {
        let r = self.control("POST", "/_emulator/faults", Some(body));
        assert_eq!(r.status, 200, "{}", r.body_text());
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn parse(bytes: &[u8]) -> Option<Self> {
        let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = std::str::from_utf8(&bytes[..split]).ok()?;
        let mut lines = head.split("\r\n");
        let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Some(Self {
            status,
            headers,
            body: bytes[split + 4..].to_vec(),
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body_text()))
    }

    /// Asserts an 8x8 error body with this status and code; returns it.
    pub fn assert_error(&self, status: u16, code: u64) -> Value {
        assert_eq!(self.status, status, "{}", self.body_text());
        let body = self.json();
        assert_error_shape(&body);
        assert_eq!(body["code"], code, "{body}");
        body
    }
}

/// `{code, message, errorId (uuid v4), timestamp}` and nothing else.
pub fn assert_error_shape(body: &Value) {
    let object = body.as_object().expect("an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "errorId", "message", "timestamp"], "{body}");
    assert!(body["code"].is_u64(), "{body}");
    assert!(body["message"].is_string(), "{body}");
    assert!(is_uuid_v4(body["errorId"].as_str().unwrap()), "{body}");
    assert!(is_timestamp(body["timestamp"].as_str().unwrap()), "{body}");
}

pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && s.chars()
            .enumerate()
            .all(|(i, c)| [8, 13, 18, 23].contains(&i) || c.is_ascii_hexdigit())
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 24
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'.'
        && b[23] == b'Z'
}

/// Epoch milliseconds of a `YYYY-MM-DDTHH:MM:SS.mmmZ` timestamp.
pub fn millis(s: &str) -> i64 {
    let n = |a: usize, b: usize| s[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    // days_from_civil (Howard Hinnant)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 86_400 + n(11, 13) * 3600 + n(14, 16) * 60 + n(17, 19)) * 1000) + n(20, 23)
}

/// The session fields of `VerifyResponseV2`, checked for shape.
pub fn assert_session_shape(body: &Value) {
    for key in [
        "sessionId",
        "verifyUri",
        "destination",
        "status",
        "expiresAt",
        "retryAfter",
    ] {
        assert!(body[key].is_string(), "{key} in {body}");
    }
    assert!(body["attempt"].is_u64(), "{body}");
    assert!(is_timestamp(body["expiresAt"].as_str().unwrap()));
    assert!(is_timestamp(body["retryAfter"].as_str().unwrap()));
    let status = body["status"].as_str().unwrap();
    assert!(
        ["WAITING", "VERIFIED", "FAILED", "EXPIRED"].contains(&status),
        "{body}"
    );
}

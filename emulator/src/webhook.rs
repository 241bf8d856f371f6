//! `callbackUrl` webhooks: the session object POSTed as JSON on every status
//! change, in order per session, with a bounded retry, to loopback targets
//! only (the emulator never calls out of the machine).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::clock;
use crate::store::Change;

/// Tries per webhook before it is given up.
pub(crate) const ATTEMPTS: u32 = 3;
const TIMEOUT: Duration = Duration::from_secs(2);
const LOG_CAPACITY: usize = 1_000;

/// One webhook's fate, listed at `GET /_emulator/webhooks` (newest first).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Delivery {
    pub(crate) time: String,
    pub(crate) session_id: String,
    pub(crate) url: String,
    /// `delivered`, `failed` or `skipped` (not a loopback http URL).
    pub(crate) outcome: &'static str,
    pub(crate) attempts: u32,
    /// The receiver's last HTTP status, if it answered.
    pub(crate) http_status: Option<u16>,
}

/// Pending webhooks, one ordered queue per session, and the delivery log.
#[derive(Debug, Default)]
pub(crate) struct Webhooks {
    queues: Mutex<HashMap<String, VecDeque<Change>>>,
    log: Mutex<VecDeque<Delivery>>,
}

impl Webhooks {
    /// Queues `change`; a worker per session delivers its queue in order.
    pub(crate) fn send(self: &Arc<Self>, change: Change) {
        let Ok(mut queues) = self.queues.lock() else {
            return;
        };
        let session_id = change.session_id.clone();
        match queues.get_mut(&session_id) {
            Some(queue) => queue.push_back(change),
            None => {
                queues.insert(session_id.clone(), VecDeque::from([change]));
                let this = Arc::clone(self);
                tokio::spawn(async move { this.work(session_id).await });
            }
        }
    }

    async fn work(self: Arc<Self>, session_id: String) {
        loop {
            let next = {
                let Ok(mut queues) = self.queues.lock() else {
                    return;
                };
                let next = queues.get_mut(&session_id).and_then(VecDeque::pop_front);
                if next.is_none() {
                    queues.remove(&session_id);
                }
                next
            };
            let Some(change) = next else {
                return;
            };
            let delivery = deliver(&change).await;
            if let Ok(mut log) = self.log.lock() {
                if log.len() >= LOG_CAPACITY {
                    log.pop_back();
                }
                log.push_front(delivery);
            }
        }
    }

    /// The delivery log, newest first.
    pub(crate) fn log(&self) -> Vec<Delivery> {
        self.log
            .lock()
            .map(|l| l.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Forgets the log.
    pub(crate) fn clear(&self) {
        if let Ok(mut log) = self.log.lock() {
            log.clear();
        }
    }
}

async fn deliver(change: &Change) -> Delivery {
    let mut delivery = Delivery {
        time: clock::rfc3339(clock::now()),
        session_id: change.session_id.clone(),
        url: change.callback_url.clone(),
        outcome: "skipped",
        attempts: 0,
        http_status: None,
    };
    let Some(target) = Target::parse(&change.callback_url) else {
        return delivery;
    };
    delivery.outcome = "failed";
    for attempt in 1..=ATTEMPTS {
        delivery.attempts = attempt;
        let result = tokio::time::timeout(TIMEOUT, post(&target, &change.body)).await;
        if let Ok(Some(status)) = result {
            delivery.http_status = Some(status);
            if (200..300).contains(&status) {
                delivery.outcome = "delivered";
                break;
            }
        }
        if attempt < ATTEMPTS {
            tokio::time::sleep(Duration::from_millis(100 << attempt)).await;
        }
    }
    delivery
}

/// A loopback `http://` URL, split.
#[derive(Debug, PartialEq)]
pub(crate) struct Target {
    host: String,
    ip: IpAddr,
    port: u16,
    path: String,
}

impl Target {
    /// `None` unless `url` is `http://` to 127.0.0.0/8, `[::1]` or `localhost`.
    pub(crate) fn parse(url: &str) -> Option<Self> {
        let rest = url.strip_prefix("http://")?;
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let path = path.split('#').next().unwrap_or("/");
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        if authority.contains('@') || path.contains([' ', '\r', '\n']) {
            return None;
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.is_empty() && !p.contains(']') => (h, p.parse().ok()?),
            _ => (authority, 80),
        };
        let ip = if host.eq_ignore_ascii_case("localhost") {
            IpAddr::from([127, 0, 0, 1])
        } else {
            host.trim_start_matches('[')
                .trim_end_matches(']')
                .parse()
                .ok()?
        };
        ip.is_loopback().then(|| Self {
            host: authority.to_string(),
            ip,
            port,
            path,
        })
    }
}

/// POSTs `body`; the response's status, or `None` on a network failure.
async fn post(target: &Target, body: &str) -> Option<u16> {
    let mut stream = TcpStream::connect((target.ip, target.port)).await.ok()?;
    let request = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: verify8x8-emulator\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        target.path,
        target.host,
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut head = Vec::with_capacity(64);
    let mut buf = [0u8; 256];
    while !head.windows(2).any(|w| w == b"\r\n") && head.len() < 4096 {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&head);
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_targets() {
        let t = Target::parse("http://127.0.0.1:9000/hook?x=1");
        assert_eq!(
            t.map(|t| (t.port, t.path)),
            Some((9000, "/hook?x=1".into()))
        );
        assert!(Target::parse("http://localhost:1/").is_some());
        assert!(Target::parse("http://[::1]:8080").is_some());
        assert!(Target::parse("http://example.com/hook").is_none());
        assert!(Target::parse("https://127.0.0.1/hook").is_none());
        assert!(Target::parse("http://10.0.0.1/hook").is_none());
        assert!(Target::parse("http://user@127.0.0.1/").is_none());
    }
}

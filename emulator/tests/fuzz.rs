//! Fuzz-style: 10,000 random bodies (random bytes, broken JSON, valid JSON
//! with random fields and values) posted to the three endpoints. Every one
//! gets an HTTP answer in 8x8's shape, and the emulator keeps answering.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

mod common;
use common::*;

/// xorshift64*: deterministic, so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIELDS: &[&str] = &[
    "destination",
    "country",
    "channel",
    "brand",
    "codeLength",
    "codeValidity",
    "codeType",
    "template",
    "language",
    "resetSession",
    "resendingInterval",
    "callbackUrl",
    "clientIp",
    "sms",
    "call",
    "whatsapp",
    "templateKey",
    "source",
    "encoding",
    "speed",
    "repetition",
    "voiceProfile",
    "templateName",
    "x",
    "",
];

fn value(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth > 2 { 7 } else { 9 }) {
        0 => Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.next() as i64 % 10_000),
        3 => json!((rng.next() % 1000) as f64 / 7.0),
        4 => json!(*rng.pick(&[
            "+6587654321",
            "87654321",
            "SG",
            "sms",
            "call",
            "whatsapp",
            "sma",
            "viber",
            "NUMERIC_WITH_DASH",
            "en-US",
            "http://127.0.0.1:1/x",
            "1.2.3.4",
            "{code}",
            "{brand}",
            "AUTO",
            ""
        ])),
        5 => {
            let len = rng.below(40);
            json!((0..len)
                .map(|_| char::from_u32(rng.below(0x3000) as u32).unwrap_or('?'))
                .collect::<String>())
        }
        6 => json!("+65812".to_string() + &format!("{:05}", rng.below(100_000))),
        7 => Value::Array((0..rng.below(4)).map(|_| value(rng, depth + 1)).collect()),
        _ => object(rng, depth + 1),
    }
}

fn object(rng: &mut Rng, depth: u32) -> Value {
    let mut map = serde_json::Map::new();
    for _ in 0..rng.below(8) {
        map.insert(rng.pick(FIELDS).to_string(), value(rng, depth));
    }
    Value::Object(map)
}

fn body(rng: &mut Rng) -> Vec<u8> {
    match rng.below(4) {
        0 => (0..rng.below(300)).map(|_| rng.next() as u8).collect(),
        1 => {
            let mut text = object(rng, 0).to_string().into_bytes();
            if !text.is_empty() {
                let cut = rng.below(text.len());
                text.truncate(cut);
            }
            text
        }
        _ => object(rng, 0).to_string().into_bytes(),
    }
}

#[test]
fn ten_thousand_random_bodies() {
    let emu = Emulator::start();
    let auth = format!("Bearer {KEY}");
    let paths = [
        "/api/v2/subaccounts/test-account/sessions",
        "/api/v2/subaccounts/test-account/sma/coverage",
        "/api/v2/subaccounts/test-account/sessions/a44a91be5ea5ea118169020897df5459",
    ];
    std::thread::scope(|s| {
        for worker in 0..4u64 {
            let (emu, auth, paths) = (&emu, &auth, &paths);
            s.spawn(move || {
                let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (worker + 1));
                for i in 0..2_500 {
                    let path = *rng.pick(paths);
                    let method = if path.ends_with("5459") {
                        "GET"
                    } else {
                        "POST"
                    };
                    let content_type = *rng.pick(&[
                        "application/json",
                        "application/json",
                        "text/plain",
                        "application/json; charset=utf-8",
                    ]);
                    let body = body(&mut rng);
                    let r = emu
                        .try_send(
                            method,
                            path,
                            &[("Authorization", auth), ("Content-Type", content_type)],
                            &body,
                        )
                        .unwrap_or_else(|| panic!("worker {worker} request {i}: no answer"));
                    let answer = r.json();
                    match r.status {
                        200 if path.ends_with("/sessions") => assert_session_shape(&answer),
                        200 => assert!(answer["isAvailable"].is_boolean(), "{answer}"),
                        400 | 403 | 404 | 413 | 415 => assert_error_shape(&answer),
                        s => panic!("worker {worker} request {i}: status {s}: {answer}"),
                    }
                }
            });
        }
    });
    assert_eq!(emu.control("GET", "/_emulator/clock", None).status, 200);
    let r = emu.start_session(&json!({ "destination": "+6599999999" }));
    assert_eq!(r.status, 200, "{}", r.body_text());
}

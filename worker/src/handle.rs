//! Session handles: what the browser holds instead of 8x8's session id.
//!
//! A handle is opaque (its contents are encrypted) and authenticated (a
//! forged or altered handle is refused). It carries a [`Ticket`]: 8x8's
//! session id, the destination, the channel, the app's nonce and the
//! *grant*, a random value the starter's Durable Object recorded as the one
//! owner of the number's pending session (see `crate::ledger`): only the
//! handle of the current grant may check a code or resend. The construction
//! is a synthetic-IV scheme built on HMAC-SHA256 alone, with keys derived
//! from `HANDLE_SECRET` under their own labels:
//!
//! - `iv = HMAC(k_iv, plaintext)[..16]` (deterministic: no randomness needed,
//!   and the same session always gets the same handle);
//! - `ciphertext = plaintext XOR HMAC(k_enc, iv || counter)` blocks;
//! - `tag = HMAC(k_mac, iv || ciphertext)[..16]`;
//! - `handle = base64url(iv || ciphertext || tag)`.
//!
//! The plaintext is the handle's expiry (8 bytes, Unix seconds, big-endian)
//! followed by the ticket's fields, each one length byte and its bytes.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const IV_LEN: usize = 16;
const TAG_LEN: usize = 16;
/// Longest field of a ticket, bytes.
const MAX_FIELD: usize = 128;
/// Most bytes of a ticket's fields, with their length bytes.
const MAX_TICKET: usize = FIELDS * (1 + MAX_FIELD);
/// Fields of a ticket.
const FIELDS: usize = 7;

/// What a handle carries, encrypted: everything the worker needs to act on
/// the session without asking the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// 8x8's session id.
    pub session_id: String,
    /// The destination, E.164.
    pub destination: String,
    /// The channel, as 8x8 writes it (`sms`, `sma`, ...).
    pub channel: String,
    /// The ownership grant recorded for the number (base64url, random).
    pub grant: String,
    /// The app backend's nonce, echoed in the proof; empty when none.
    pub nonce: String,
    /// The page's `language`; empty when none (a resend sends it again).
    pub language: String,
    /// The page's `whatsapp.templateName`; empty when none.
    pub template: String,
}

impl Ticket {
    fn fields(&self) -> [&str; FIELDS] {
        [
            &self.session_id,
            &self.destination,
            &self.channel,
            &self.grant,
            &self.nonce,
            &self.language,
            &self.template,
        ]
    }
}

/// Why a handle was refused (all look alike to the caller: "invalid handle").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandleError {
    /// Not a handle: wrong form, forged or altered.
    Invalid,
    /// A genuine handle past its expiry.
    Expired,
}

/// Seals and opens handles with keys derived from one secret. Each key is
/// kept as an HMAC already keyed: a handle costs the hashing of its own
/// bytes, not of the keys again. Build one per secret and keep it.
#[derive(Clone)]
pub struct Handles {
    iv_key: Hmac<Sha256>,
    enc_key: Hmac<Sha256>,
    mac_key: Hmac<Sha256>,
}

impl Handles {
    /// Keys derived from `secret` (the worker's `HANDLE_SECRET`).
    pub fn new(secret: &[u8]) -> Self {
        let key = |label: &[u8]| keyed(&hmac(&keyed(secret), &[label]));
        Self {
            iv_key: key(b"verify8x8 handle iv"),
            enc_key: key(b"verify8x8 handle enc"),
            mac_key: key(b"verify8x8 handle mac"),
        }
    }

    /// The handle of `ticket`, good until `expires_at` (Unix seconds). A
    /// field longer than 128 bytes is cut (no field of a genuine ticket is:
    /// `open` would refuse it).
    pub fn seal(&self, ticket: &Ticket, expires_at: u64) -> String {
        let mut plaintext = expires_at.to_be_bytes().to_vec();
        for field in ticket.fields() {
            let bytes = &field.as_bytes()[..field.len().min(MAX_FIELD + 1)];
            plaintext.push(bytes.len() as u8);
            plaintext.extend_from_slice(bytes);
        }
        let iv: [u8; IV_LEN] = first(hmac(&self.iv_key, &[&plaintext]));
        let mut sealed = iv.to_vec();
        sealed.extend(self.keystream_xor(&iv, &plaintext));
        let tag: [u8; TAG_LEN] = first(hmac(&self.mac_key, &[&sealed]));
        sealed.extend_from_slice(&tag);
        verify8x8::proof::base64url_encode(&sealed)
    }

    /// The ticket inside `handle`, if the handle is genuine and not expired
    /// at `now` (Unix seconds).
    pub fn open(&self, handle: &str, now: u64) -> Result<Ticket, HandleError> {
        if handle.len() > (IV_LEN + 8 + MAX_TICKET + TAG_LEN) * 4 / 3 + 4 {
            return Err(HandleError::Invalid);
        }
        let sealed = verify8x8::proof::base64url_decode(handle).ok_or(HandleError::Invalid)?;
        if sealed.len() < IV_LEN + 8 + FIELDS + TAG_LEN {
            return Err(HandleError::Invalid);
        }
        let (body, tag) = sealed.split_at(sealed.len() - TAG_LEN);
        let mut mac = self.mac_key.clone();
        mac.update(body);
        mac.verify_truncated_left(tag)
            .map_err(|_| HandleError::Invalid)?;
        let (iv, ciphertext) = body.split_at(IV_LEN);
        let plaintext = self.keystream_xor(iv, ciphertext);
        let (expiry, mut rest) = plaintext.split_at(8);
        let expires_at = u64::from_be_bytes(expiry.try_into().map_err(|_| HandleError::Invalid)?);
        let mut field = || -> Result<String, HandleError> {
            let (&len, tail) = rest.split_first().ok_or(HandleError::Invalid)?;
            let len = usize::from(len);
            if len > MAX_FIELD || tail.len() < len {
                return Err(HandleError::Invalid);
            }
            let (bytes, tail) = tail.split_at(len);
            rest = tail;
            String::from_utf8(bytes.to_vec()).map_err(|_| HandleError::Invalid)
        };
        let ticket = Ticket {
            session_id: field()?,
            destination: field()?,
            channel: field()?,
            grant: field()?,
            nonce: field()?,
            language: field()?,
            template: field()?,
        };
        if !rest.is_empty() || ticket.session_id.is_empty() {
            return Err(HandleError::Invalid);
        }
        if now >= expires_at {
            return Err(HandleError::Expired);
        }
        Ok(ticket)
    }

    fn keystream_xor(&self, iv: &[u8], data: &[u8]) -> Vec<u8> {
        data.chunks(32)
            .zip(0u32..)
            .flat_map(|(chunk, counter)| {
                let block = hmac(&self.enc_key, &[iv, &counter.to_be_bytes()]);
                chunk
                    .iter()
                    .zip(block)
                    .map(|(d, k)| d ^ k)
                    .collect::<Vec<u8>>()
            })
            .collect()
    }
}

/// An HMAC-SHA256 keyed with `key`, ready to be cloned per message.
fn keyed(key: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length: new_from_slice cannot fail.
    <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| <Hmac<Sha256> as KeyInit>::new(&Default::default()))
}

fn hmac(key: &Hmac<Sha256>, parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = key.clone();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn first<const N: usize>(block: [u8; 32]) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&block[..N]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SID: &str = "a44a91be5ea5ea118169020897df5459";

    fn ticket(session_id: &str) -> Ticket {
        Ticket {
            session_id: session_id.to_owned(),
            destination: "+6587654321".to_owned(),
            channel: "sms".to_owned(),
            grant: "Zm9yIHRlc3RzIG9ubHkh".to_owned(),
            nonce: "n-0S6_WzA2Mj".to_owned(),
            language: "en-GB".to_owned(),
            template: String::new(),
        }
    }

    fn handles() -> Handles {
        Handles::new(b"0123456789abcdef0123456789abcdef")
    }

    #[test]
    fn round_trip_and_opacity() {
        let handle = handles().seal(&ticket(SID), 2_000);
        assert_eq!(handles().open(&handle, 1_999), Ok(ticket(SID)));
        assert!(
            !handle.contains("a44a91be"),
            "the session id must not show: {handle}"
        );
        assert_eq!(handles().seal(&ticket(SID), 2_000), handle, "deterministic");
        assert_ne!(handles().seal(&ticket(SID), 2_001), handle);
        let other_grant = Ticket {
            grant: "another".into(),
            ..ticket(SID)
        };
        assert_ne!(handles().seal(&other_grant, 2_000), handle);
    }

    #[test]
    fn expiry() {
        let handle = handles().seal(&ticket(SID), 2_000);
        assert_eq!(handles().open(&handle, 2_000), Err(HandleError::Expired));
    }

    #[test]
    fn another_secret_cannot_open() {
        let handle = handles().seal(&ticket(SID), 2_000);
        let other = Handles::new(b"fedcba9876543210fedcba9876543210");
        assert_eq!(other.open(&handle, 0), Err(HandleError::Invalid));
    }

    #[test]
    fn every_altered_character_is_refused() {
        let handle = handles().seal(&ticket(SID), 2_000);
        for i in 0..handle.len() {
            let mut bytes = handle.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let altered = String::from_utf8(bytes).expect("ascii");
            if altered != handle {
                assert_eq!(
                    handles().open(&altered, 0),
                    Err(HandleError::Invalid),
                    "byte {i}"
                );
            }
        }
    }

    #[test]
    fn truncated_extended_and_garbage_are_refused() {
        let handle = handles().seal(&ticket(SID), 2_000);
        for bad in [
            &handle[..handle.len() - 4],
            &format!("{handle}AAAA"),
            "",
            "....",
            "a44a91be5ea5ea118169020897df5459",
        ] {
            assert_eq!(handles().open(bad, 0), Err(HandleError::Invalid), "{bad:?}");
        }
        let long = "x".repeat(200);
        let sealed_long = handles().seal(&ticket(&long), 2_000);
        assert_eq!(
            handles().open(&sealed_long, 0),
            Err(HandleError::Invalid),
            "over the length bound"
        );
    }

    #[test]
    fn long_session_ids_use_several_keystream_blocks() {
        let sid = "0123456789".repeat(10);
        let handle = handles().seal(&ticket(&sid), 2_000);
        assert_eq!(handles().open(&handle, 0), Ok(ticket(&sid)));
    }
}

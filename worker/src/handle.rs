//! Session handles: what the browser holds instead of 8x8's session id.
//!
//! A handle is opaque (the session id is encrypted) and authenticated (a
//! forged or altered handle is refused), so a session can be checked only
//! through the handle its starter received. The construction is a
//! synthetic-IV scheme built on HMAC-SHA256 alone, with keys derived from
//! `PROOF_SECRET` under their own labels:
//!
//! - `iv = HMAC(k_iv, plaintext)[..16]` (deterministic: no randomness needed,
//!   and the same session always gets the same handle);
//! - `ciphertext = plaintext XOR HMAC(k_enc, iv || counter)` blocks;
//! - `tag = HMAC(k_mac, iv || ciphertext)[..16]`;
//! - `handle = base64url(iv || ciphertext || tag)`.
//!
//! The plaintext is the handle's expiry (8 bytes, Unix seconds, big-endian)
//! followed by 8x8's session id.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const IV_LEN: usize = 16;
const TAG_LEN: usize = 16;
/// Longest 8x8 session id accepted in a handle.
const MAX_SESSION_ID: usize = 128;

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
    /// Keys derived from `secret` (the worker's `PROOF_SECRET`).
    pub fn new(secret: &[u8]) -> Self {
        let key = |label: &[u8]| keyed(&hmac(&keyed(secret), &[label]));
        Self {
            iv_key: key(b"verify8x8 handle iv"),
            enc_key: key(b"verify8x8 handle enc"),
            mac_key: key(b"verify8x8 handle mac"),
        }
    }

    /// The handle of 8x8 session `session_id`, good until `expires_at` (Unix seconds).
    pub fn seal(&self, session_id: &str, expires_at: u64) -> String {
        let mut plaintext = expires_at.to_be_bytes().to_vec();
        plaintext.extend_from_slice(session_id.as_bytes());
        let iv: [u8; IV_LEN] = first(hmac(&self.iv_key, &[&plaintext]));
        let mut sealed = iv.to_vec();
        sealed.extend(self.keystream_xor(&iv, &plaintext));
        let tag: [u8; TAG_LEN] = first(hmac(&self.mac_key, &[&sealed]));
        sealed.extend_from_slice(&tag);
        verify8x8::proof::base64url_encode(&sealed)
    }

    /// The 8x8 session id inside `handle`, if the handle is genuine and not
    /// expired at `now` (Unix seconds).
    pub fn open(&self, handle: &str, now: u64) -> Result<String, HandleError> {
        let sealed = verify8x8::proof::base64url_decode(handle).ok_or(HandleError::Invalid)?;
        if sealed.len() < IV_LEN + 8 + 1 + TAG_LEN
            || sealed.len() > IV_LEN + 8 + MAX_SESSION_ID + TAG_LEN
        {
            return Err(HandleError::Invalid);
        }
        let (body, tag) = sealed.split_at(sealed.len() - TAG_LEN);
        let mut mac = self.mac_key.clone();
        mac.update(body);
        mac.verify_truncated_left(tag)
            .map_err(|_| HandleError::Invalid)?;
        let (iv, ciphertext) = body.split_at(IV_LEN);
        let plaintext = self.keystream_xor(iv, ciphertext);
        let (expiry, session_id) = plaintext.split_at(8);
        let expires_at = u64::from_be_bytes(expiry.try_into().map_err(|_| HandleError::Invalid)?);
        let session_id =
            String::from_utf8(session_id.to_vec()).map_err(|_| HandleError::Invalid)?;
        if now >= expires_at {
            return Err(HandleError::Expired);
        }
        Ok(session_id)
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

    fn handles() -> Handles {
        Handles::new(b"0123456789abcdef0123456789abcdef")
    }

    #[test]
    fn round_trip_and_opacity() {
        let handle = handles().seal(SID, 2_000);
        assert_eq!(handles().open(&handle, 1_999), Ok(SID.to_owned()));
        assert!(
            !handle.contains("a44a91be"),
            "the session id must not show: {handle}"
        );
        assert_eq!(handles().seal(SID, 2_000), handle, "deterministic");
        assert_ne!(handles().seal(SID, 2_001), handle);
    }

    #[test]
    fn expiry() {
        let handle = handles().seal(SID, 2_000);
        assert_eq!(handles().open(&handle, 2_000), Err(HandleError::Expired));
    }

    #[test]
    fn another_secret_cannot_open() {
        let handle = handles().seal(SID, 2_000);
        let other = Handles::new(b"fedcba9876543210fedcba9876543210");
        assert_eq!(other.open(&handle, 0), Err(HandleError::Invalid));
    }

    #[test]
    fn every_altered_character_is_refused() {
        let handle = handles().seal(SID, 2_000);
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
        let handle = handles().seal(SID, 2_000);
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
        let sealed_long = handles().seal(&long, 2_000);
        assert_eq!(
            handles().open(&sealed_long, 0),
            Err(HandleError::Invalid),
            "over the length bound"
        );
    }

    #[test]
    fn long_session_ids_use_several_keystream_blocks() {
        let sid = "0123456789".repeat(10);
        let handle = handles().seal(&sid, 2_000);
        assert_eq!(handles().open(&handle, 0), Ok(sid));
    }
}

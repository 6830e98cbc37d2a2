//! Secret addresses are stored encrypted (XChaCha20-Poly1305, a key from configuration).
//!
//! A sealed value reads `sealed:v1:<key id>:<hex nonce+ciphertext>`. The keyring has one
//! current key (for sealing) and any number of older ones (for opening), so a key can be
//! rotated without losing what was sealed before. The value is opened only when a view with
//! the right scope is made (see `views::case_view`).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

use crate::{AppError, Result};

const PREFIX: &str = "sealed:v1:";
const AAD: &[u8] = b"omgang secret address";

/// Named 256-bit keys; the first is current.
#[derive(Clone)]
pub struct Keyring {
    keys: Vec<(String, [u8; 32])>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        write!(f, "Keyring({ids:?})")
    }
}

impl Keyring {
    /// Parses `id:hexkey,id:hexkey` (64 hex characters per key); the first is current.
    pub fn parse(spec: &str) -> Result<Keyring> {
        let mut keys = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (id, hex_key) = part.split_once(':').ok_or_else(|| {
                AppError::Internal("a data key is written as id:64-hex-characters".into())
            })?;
            let bytes = hex::decode(hex_key)
                .map_err(|_| AppError::Internal(format!("data key '{id}' is not hex")))?;
            let key: [u8; 32] = bytes.try_into().map_err(|_| {
                AppError::Internal(format!(
                    "data key '{id}' must be 32 bytes (64 hex characters)"
                ))
            })?;
            if id.is_empty() || id.contains(':') {
                return Err(AppError::Internal(
                    "a data key id must be non-empty, without ':'".into(),
                ));
            }
            keys.push((id.to_owned(), key));
        }
        if keys.is_empty() {
            return Err(AppError::Internal("no data key given".into()));
        }
        Ok(Keyring { keys })
    }

    /// A new random key with this id, written as `id:hex`.
    pub fn generate_spec(id: &str) -> String {
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        format!("{id}:{}", hex::encode(key))
    }

    /// A keyring with one random key, for tests and throw-away databases.
    pub fn ephemeral() -> Keyring {
        // A freshly generated spec always parses.
        Keyring::parse(&Keyring::generate_spec("ephemeral")).unwrap_or(Keyring { keys: Vec::new() })
    }

    pub fn current_id(&self) -> &str {
        self.keys.first().map_or("", |(id, _)| id.as_str())
    }

    pub fn is_sealed(value: &str) -> bool {
        value.starts_with(PREFIX)
    }

    pub fn seal(&self, plain: &str) -> Result<String> {
        let (id, key) = self
            .keys
            .first()
            .ok_or_else(|| AppError::Internal("no data key".into()))?;
        let cipher = XChaCha20Poly1305::new_from_slice(key)
            .map_err(|_| AppError::Internal("bad data key".into()))?;
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: AAD,
                },
            )
            .map_err(|_| AppError::Internal("encryption failed".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{id}:{}", hex::encode(out)))
    }

    /// Opens a sealed value; a value that was never sealed comes back as it is.
    pub fn open(&self, value: &str) -> Result<String> {
        let Some(rest) = value.strip_prefix(PREFIX) else {
            return Ok(value.to_owned());
        };
        let (id, data) = rest
            .split_once(':')
            .ok_or_else(|| AppError::Internal("damaged sealed value".into()))?;
        let (_, key) = self
            .keys
            .iter()
            .find(|(k, _)| k == id)
            .ok_or_else(|| AppError::Internal(format!("data key '{id}' is not configured")))?;
        let bytes =
            hex::decode(data).map_err(|_| AppError::Internal("damaged sealed value".into()))?;
        if bytes.len() < 24 {
            return Err(AppError::Internal("damaged sealed value".into()));
        }
        let (nonce, sealed) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce
            .try_into()
            .map_err(|_| AppError::Internal("damaged sealed value".into()))?;
        let cipher = XChaCha20Poly1305::new_from_slice(key)
            .map_err(|_| AppError::Internal("bad data key".into()))?;
        let plain = cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: AAD,
                },
            )
            .map_err(|_| {
                AppError::Internal(
                    "a sealed value could not be opened (wrong key or changed data)".into(),
                )
            })?;
        String::from_utf8(plain).map_err(|_| AppError::Internal("damaged sealed value".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_with_the_current_and_with_older_keys() {
        let old = Keyring::parse(&Keyring::generate_spec("k1")).expect("key");
        let sealed = old.seal("Dorpsstraat 1, Mijdrecht").expect("seal");
        assert!(Keyring::is_sealed(&sealed));
        assert!(!sealed.contains("Dorpsstraat"));
        // Rotation: a new current key, the old one kept for opening.
        let old_spec = format!("k1:{}", hex::encode(old.keys[0].1));
        let rotated =
            Keyring::parse(&format!("{},{old_spec}", Keyring::generate_spec("k2"))).expect("keys");
        assert_eq!(rotated.current_id(), "k2");
        assert_eq!(
            rotated.open(&sealed).expect("open"),
            "Dorpsstraat 1, Mijdrecht"
        );
        assert!(
            rotated
                .seal("x")
                .expect("seal")
                .starts_with("sealed:v1:k2:")
        );
        // Without the old key it cannot be opened; a changed value is refused.
        let other = Keyring::parse(&Keyring::generate_spec("k2")).expect("key");
        assert!(other.open(&sealed).is_err());
        let mut tampered = sealed.clone();
        let last = tampered.pop();
        tampered.push(if last == Some('0') { '1' } else { '0' });
        assert!(old.open(&tampered).is_err());
        assert_eq!(old.open("plain text").expect("plain"), "plain text");
    }

    #[test]
    fn bad_key_specs_are_refused() {
        assert!(Keyring::parse("").is_err());
        assert!(Keyring::parse("k1").is_err());
        assert!(Keyring::parse("k1:abcd").is_err());
        assert!(Keyring::parse("k1:zz").is_err());
    }
}

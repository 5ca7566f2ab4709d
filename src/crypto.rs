//! Signature verification behind a small trait, with the ring backend.
//!
//! Why ring: measured on this machine class (issue 2), RustCrypto (rsa 0.9, p256/p384 0.14,
//! ed25519-dalek 2) builds for wasm without a C compiler but verifies RSA ~10x slower than
//! ring natively, and its wasm module is larger; ring needs Debian's clang to build for wasm,
//! which `build.sh` installs. RSA-2048 verification dominates real chains, so ring wins.
//! P-384 is the exception where neither wins: measured here (200 verifications of one
//! signature, release build), ring 509 us vs RustCrypto p384 0.14 483 us per verification.
//! `benches/inspect.rs` measures the chains end to end; swap the backend here if that changes.

use crate::cert::{Curve, Key, KeyKind, SigAlg};
use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};

/// Why a signature could not be verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigError {
    /// The signature is wrong for this key and message.
    Invalid,
    /// The algorithm or key is one certscope cannot verify (named).
    Unsupported(String),
    /// The signature algorithm does not fit the key type (e.g. ECDSA signature, RSA key).
    KeyMismatch,
}

/// Verifies signatures: the seam for a different crypto backend.
pub trait Verifier {
    /// Checks that `sig` is `alg`'s signature of `msg` by `key`.
    fn verify(&self, alg: &SigAlg, key: &Key, msg: &[u8], sig: &[u8]) -> Result<(), SigError>;
}

/// The ring backend.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ring;

impl Verifier for Ring {
    fn verify(&self, alg: &SigAlg, key: &Key, msg: &[u8], sig: &[u8]) -> Result<(), SigError> {
        let algorithm = ring_algorithm(alg, &key.kind)?;
        UnparsedPublicKey::new(algorithm, &key.bits).verify(msg, sig).map_err(|_| SigError::Invalid)
    }
}

fn ring_algorithm(alg: &SigAlg, kind: &KeyKind) -> Result<&'static dyn VerificationAlgorithm, SigError> {
    // NOTE: the *_FOR_LEGACY_USE_ONLY RSA variants accept 1024-bit keys so that a chain with a
    // weak key still has its signatures checked; the policy rejects the key size separately
    // (weak_key_rsa1024) so the report can say exactly what is wrong.
    Ok(match (alg, kind) {
        (SigAlg::RsaPkcs1Sha1, KeyKind::Rsa { .. }) => &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        (SigAlg::RsaPkcs1Sha256, KeyKind::Rsa { .. }) => &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        (SigAlg::RsaPkcs1Sha384, KeyKind::Rsa { .. }) => &signature::RSA_PKCS1_2048_8192_SHA384,
        (SigAlg::RsaPkcs1Sha512, KeyKind::Rsa { .. }) => &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        (SigAlg::RsaPssSha256, KeyKind::Rsa { .. }) => &signature::RSA_PSS_2048_8192_SHA256,
        (SigAlg::RsaPssSha384, KeyKind::Rsa { .. }) => &signature::RSA_PSS_2048_8192_SHA384,
        (SigAlg::RsaPssSha512, KeyKind::Rsa { .. }) => &signature::RSA_PSS_2048_8192_SHA512,
        (SigAlg::EcdsaSha256, KeyKind::Ec { curve: Curve::P256 }) => &signature::ECDSA_P256_SHA256_ASN1,
        (SigAlg::EcdsaSha384, KeyKind::Ec { curve: Curve::P256 }) => &signature::ECDSA_P256_SHA384_ASN1,
        (SigAlg::EcdsaSha256, KeyKind::Ec { curve: Curve::P384 }) => &signature::ECDSA_P384_SHA256_ASN1,
        (SigAlg::EcdsaSha384, KeyKind::Ec { curve: Curve::P384 }) => &signature::ECDSA_P384_SHA384_ASN1,
        (SigAlg::Ed25519, KeyKind::Ed25519) => &signature::ED25519,
        (
            SigAlg::RsaPkcs1Sha1
            | SigAlg::RsaPkcs1Sha256
            | SigAlg::RsaPkcs1Sha384
            | SigAlg::RsaPkcs1Sha512
            | SigAlg::RsaPssSha256
            | SigAlg::RsaPssSha384
            | SigAlg::RsaPssSha512,
            KeyKind::Ec { .. } | KeyKind::Ed25519,
        )
        | (
            SigAlg::EcdsaSha1 | SigAlg::EcdsaSha256 | SigAlg::EcdsaSha384 | SigAlg::EcdsaSha512 | SigAlg::Ed25519,
            KeyKind::Rsa { .. },
        )
        | (SigAlg::Ed25519, KeyKind::Ec { .. })
        | (SigAlg::EcdsaSha1 | SigAlg::EcdsaSha256 | SigAlg::EcdsaSha384 | SigAlg::EcdsaSha512, KeyKind::Ed25519) => {
            return Err(SigError::KeyMismatch);
        }
        (alg, kind) => return Err(SigError::Unsupported(format!("{} with {}", alg.display(), kind.display()))),
    })
}

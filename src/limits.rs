//! Every bound on the work certscope does, each with the reason for its number.
//!
//! Everything certscope reads is attacker-controlled, so every loop over input has a bound
//! here. Going over a bound never fails silently: the inspection reports a `limit_reached`
//! finding that names the limit and what was still analysed.

/// The longest path, counted in certificates below the trust anchor (leaf included).
/// rustls-webpki allows 6 intermediates plus the leaf; real mail-server chains have 1-3.
pub const MAX_PATH_CERTS: usize = 8;

/// Signature verifications per inspection. rustls-webpki's budget is 100; a chain needs one
/// per link, so this leaves room for cross-signed alternatives while keeping a hostile mesh
/// of CAs that all cross-sign each other to well under a millisecond per check.
pub const MAX_SIGNATURE_CHECKS: usize = 100;

/// Calls of the path builder per inspection: the budget that stops a combinatorial search
/// through many same-named CAs (x509-limbo `pathological::*`). rustls-webpki uses 200,000
/// for a whole handshake; an inspector can afford less because it builds one leaf's paths.
pub const MAX_BUILD_CALLS: usize = 20_000;

/// Complete paths the policy judges before the builder gives up looking for a better one.
/// Each judged path is reported only if it is the best, so this bounds work, not output.
pub const MAX_PATHS_JUDGED: usize = 64;

/// Name-constraint comparisons along one path: defined beside the matching code.
pub use crate::name_constraints::MAX_NAME_CONSTRAINT_COMPARISONS;

/// Names read from one certificate's subjectAltName, and commonName and emailAddress values
/// read from its subject, for matching and display. Real certificates carry at most a few
/// hundred (CA/B allows many, but mail hosts use few).
pub const MAX_NAMES_PER_CERT: usize = 1_000;

/// Most findings of one id about one certificate (20,000 unknown critical extensions are
/// 20,000 errors): the first ones are listed, then one `limit_reached` says how many more.
/// Ten examples explain a problem; thousands only make the report slow to build and to read.
pub const MAX_SAME_FINDINGS_PER_CERT: usize = 10;

/// Certificates analysed from one input (sent chain plus trust anchors the user supplied).
/// A full CA bundle has ~150; more than this is not a chain anyone would send.
pub const MAX_CERTS: usize = 256;

/// Days before notAfter at which `expiring_soon` is reported: Let's Encrypt renews at 30
/// days left, so a certificate under that has missed its renewal.
pub const EXPIRING_SOON_DAYS: i64 = 30;

/// CA/B Forum Baseline Requirements 6.3.2: subscriber certificates issued on or after
/// 2020-09-01 must not be valid for more than 398 days.
pub const MAX_VALIDITY_DAYS_CABF: i64 = 398;

/// Apple's requirement (support.apple.com/HT210176): TLS server certificates issued after
/// 2019-07-01 must have a validity period of 825 days or fewer, or iOS/macOS rejects them.
pub const MAX_VALIDITY_DAYS_APPLE: i64 = 825;

/// 2019-07-01T00:00:00Z, from when Apple's 825-day rule applies.
pub const APPLE_825_DAY_RULE_FROM: i64 = 1_561_939_200;

/// 2020-09-01T00:00:00Z, from when the CA/B 398-day rule applies, and Apple rejects
/// certificates from its built-in roots valid for more than 398 days (support.apple.com/HT211025).
pub const CABF_398_DAY_RULE_FROM: i64 = 1_598_918_400;

/// CA/B Forum ballot SC-081: subscriber certificates issued on or after 2026-03-15 may be
/// valid for at most 200 days (100 from 2027-03-15, 47 from 2029-03-15).
pub const MAX_VALIDITY_DAYS_SC081: [(i64, i64); 3] = [(1_773_532_800, 200), (1_805_068_800, 100), (1_867_190_400, 47)];

/// RSA keys below this many bits are weak: CA/B BR 6.1.5 and every current client.
pub const MIN_RSA_BITS: usize = 2048;

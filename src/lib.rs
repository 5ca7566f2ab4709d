//! certscope: tells a person why their mail app cannot verify a server's certificate.
//!
//! Give [`inspect`] whatever was pasted (PEM, DER, PKCS#7, `openssl s_client` output) and the
//! host name the mail app uses; it returns a [`Report`] with a verdict and findings. The core
//! is pure: no I/O, no clock (the time is an input), no panics.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod capture;
pub mod catalog;
pub mod cert;
pub mod crypto;
pub mod findings;
pub mod input;
mod inspect;
pub mod limits;
pub mod name_constraints;
pub mod names;
pub mod path;
pub mod policy;
pub mod report;
pub mod text;
pub mod time;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use findings::{Finding, FindingId, Severity};
pub use inspect::{inspect, Options};
pub use policy::Profile;
pub use report::{Report, Verdict};

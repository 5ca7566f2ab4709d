//! Finds certificates and other recognisable items in whatever a person pasted or uploaded.
//!
//! [`read_input`] takes raw bytes (text, binary, or several files concatenated) and returns
//! each certificate's DER in input order, plus a note for everything else it recognised:
//! private keys (label only, never the key), CSRs, CRLs, public keys, SSH keys, PKCS#12
//! files, broken PEM blocks, and the facts of pasted connection transcripts (`openssl s_client`,
//! LibreSSL, `gnutls-cli`, `keytool -sslserver`; several one after another are several captures).
//!
//! It does not parse X.509. A certificate here is a DER SEQUENCE found where a certificate is
//! expected; judging it is the job of the certificate module. The only DER this module reads
//! is the outline needed to tell containers apart (PKCS#7, PKCS#12, keys, CSRs, CRLs), with a
//! small bounded reader that accepts definite lengths only. It does no I/O and reads no clock.
//!
//! Private keys: PEM bodies of private keys are never decoded or copied (only the first few
//! characters of an `OPENSSH PRIVATE KEY`, to read its cipher name). Binary, bare-base64 or
//! mislabelled keys (a key under a `CERTIFICATE` label) are recognised by shape in a
//! temporary buffer that is dropped; only the label and whether the key is encrypted reach
//! the output.

use std::borrow::Cow;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::Serialize;

mod transcript;

pub use transcript::{Capture, CaptureEnd, ChainSummary, Client, Failure, FailureKind, Missing, VerifyError};
use transcript::Transcripts;

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/// Largest input read, in bytes; the rest is ignored and `limit_hit` says so.
// The largest realistic paste is a CA bundle: Mozilla's roots as PEM are about 230 KiB.
// 4 MiB is more than ten times that and still scans in a browser tab without a stall.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Most certificates taken from one input.
// Mozilla's root store holds about 150 certificates and a server chain rarely more than 5;
// 256 takes a whole root bundle while bounding the costlier work later stages do per cert.
pub const MAX_CERTS: usize = 256;

/// Most PEM `BEGIN` markers read from one input.
// A full bundle of MAX_CERTS certificates plus half as many other blocks (keys, CSRs,
// parameters) beside them. Set below MAX_CERTS + MAX_OTHERS so that a paste mixing many
// certificates with many other blocks stops here, before either list is full.
pub const MAX_PEM_BLOCKS: usize = MAX_CERTS + MAX_CERTS / 2;

/// Most non-certificate items (keys, CSRs, notes) recorded from one input.
// An authorized_keys file or a key bundle has tens of entries; hundreds of notes would
// drown the report, so the same bound as certificates applies.
pub const MAX_OTHERS: usize = 256;

/// Deepest DER nesting this module descends into.
// The deepest item read is a certificate inside PKCS#7 signedData, five levels down
// (ContentInfo, [0], SignedData, [0] certificates, Certificate). 16 leaves room for
// re-wrapped containers and stops anything built to nest without end.
pub const MAX_DER_DEPTH: usize = 16;

/// Longest line inspected for `s_client` facts, SSH keys and bare base64, in bytes.
// The longest such line in real input is an unwrapped base64 chain (48 KiB of DER is about
// 30 certificates) or an RSA-16384 SSH key (under 3 KiB). Longer lines are still scanned for
// PEM markers and PEM bodies, which have no line limit because some tools never wrap.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Longest PEM label kept, in characters; longer labels are cut.
// The longest standard label, "NEW CERTIFICATE REQUEST", has 23 characters; 64 keeps every
// real label whole and stops a junk label from filling the report.
pub const MAX_LABEL_CHARS: usize = 64;

/// Longest `s_client` value kept (command line, subject, cipher), in characters of the input
/// (hidden characters are then written as `[U+XXXX]`, which can make the kept text longer).
// OpenSSL prints a distinguished name on one line; real ones stay under a few hundred
// characters, so 1024 keeps them whole and cuts only junk.
pub const MAX_FIELD_CHARS: usize = 1024;

/// Most chain lines, verify errors and error lines kept from one capture.
// Servers send 2 to 5 certificates and misconfigured ones a dozen; 64 keeps every real
// capture whole while a hostile text cannot grow the report without bound.
pub const MAX_CAPTURE_ENTRIES: usize = 64;

/// Most captures (connection transcripts) read from one input.
// The companion script (www/certscope-capture.sh) captures the 7 mail ports of one host; 16
// leaves room for comparing two hosts, and each capture is a full inspection later on.
pub const MAX_CAPTURES: usize = 16;

/// Most NUL bytes per thousand that text may hold; they are dropped from it.
// OpenSSL 3's `s_client -starttls pop3` prints three NULs into an output of 8 KiB or more (0.4
// per thousand). DER holds tens of zeros per thousand and random bytes four, so 1 still tells
// text from binary.
pub const MAX_NUL_PER_MILLE: usize = 1;

/// Shortest run of bare base64 tried as DER, in characters.
// The smallest item worth finding, an Ed25519 SubjectPublicKeyInfo, is 44 bytes (60
// characters). 40 keeps it and skips words and short tokens that happen to be base64.
pub const MIN_BARE_BASE64_CHARS: usize = 40;

/// Characters of an `OPENSSH PRIVATE KEY` body read to learn its cipher name.
// 64 characters decode to 48 bytes: the 15-byte magic, a 4-byte length and a cipher name
// (the longest OpenSSH offers, "aes256-gcm@openssh.com", is 22 bytes). No key bytes.
pub const OPENSSH_HEADER_CHARS: usize = 64;

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/// Everything recognised in one input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct ParsedInput {
    /// Certificates in input order.
    pub certs: Vec<InputCert>,
    /// Things that are not certificates, in input order.
    pub others: Vec<NonCertificate>,
    /// The connection transcripts in the text, in input order: one per run of `openssl
    /// s_client` (or `gnutls-cli`, `keytool -sslserver`), each with its certificates' indices.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub captures: Vec<Capture>,
    /// Distinct formats recognised, in first-seen order.
    pub formats: Vec<InputFormat>,
    /// Set when a named limit stopped reading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_hit: Option<LimitHit>,
    /// A capture listed more than MAX_CAPTURE_ENTRIES entries of one kind: that list was cut,
    /// but reading went on (so this is not `limit_hit`, which a later stop may still need).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub capture_entries_cut: bool,
}

/// One certificate's DER and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct InputCert {
    /// The DER of one SEQUENCE; not yet checked to be a valid certificate.
    #[serde(serialize_with = "serialize_base64")]
    pub der: Vec<u8>,
    /// Where in the input it came from.
    pub origin: Origin,
}

/// Where in the input a certificate was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Origin {
    /// The encoding it was found in.
    pub format: InputFormat,
    /// The 1-based line of its `BEGIN` marker (or base64 run) for text input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Its depth in an `s_client` capture, when the capture says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<u32>,
}

/// An encoding this module recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// PEM armour (`-----BEGIN ...-----`).
    Pem,
    /// Binary DER.
    Der,
    /// Base64 of DER without PEM armour.
    Base64,
    /// A PKCS#7 (CMS) certs-only bundle, PEM or DER.
    Pkcs7,
    /// The text printed by `openssl s_client` (OpenSSL or LibreSSL).
    SClient,
    /// The text printed by `gnutls-cli --print-cert`.
    GnutlsCli,
    /// The text printed by Java's `keytool -printcert -rfc -sslserver`.
    Keytool,
    /// PEM after the text of `openssl x509 -text`.
    X509Text,
    /// PEM after the text of GnuTLS's `certtool -i`.
    CerttoolText,
}

/// Something recognised that is not a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NonCertificate {
    /// A private key; only its label and whether it is encrypted are kept.
    ///
    /// The label is the PEM label; for a DER or bare base64 key it is the label of the PEM
    /// form of that structure ("PRIVATE KEY", "RSA PRIVATE KEY", ...), and a PuTTY `.ppk`
    /// key is "PUTTY PRIVATE KEY".
    PrivateKey {
        label: String,
        encrypted: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// A PKCS#10 certificate signing request.
    CertificateRequest {
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// A certificate revocation list.
    Crl {
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// A bare public key (`SubjectPublicKeyInfo` or PKCS#1).
    PublicKey {
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// An SSH public key (OpenSSH line or RFC 4716 block).
    SshKey {
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// A PKCS#12 (PFX) file, which needs a password to open.
    Pkcs12,
    /// A PEM block with a label this module does not know.
    UnknownPem {
        label: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
    },
    /// A PEM block that could not be read.
    BadPem {
        label: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        reason: String,
    },
    /// Input, or part of it, that is none of the above.
    Unrecognised { what: String },
}

/// Which limit stopped reading, and how far reading got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct LimitHit {
    /// The name of the constant, e.g. `"MAX_CERTS"`.
    pub limit: &'static str,
    /// The constant's value.
    pub value: usize,
    /// Bytes of input read before stopping.
    pub read: usize,
}

fn serialize_base64<T: AsRef<[u8]>, S: serde::Serializer>(der: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(der.as_ref()))
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/// Reads certificates and everything else recognisable out of pasted or uploaded bytes.
///
/// Never fails: what cannot be read is described in [`ParsedInput::others`].
#[must_use]
pub fn read_input(bytes: &[u8]) -> ParsedInput {
    let mut col = Collector::default();
    let input = match bytes.get(..MAX_INPUT_BYTES) {
        Some(prefix) if bytes.len() > MAX_INPUT_BYTES => {
            col.out.limit_hit = Some(LimitHit {
                limit: "MAX_INPUT_BYTES",
                value: MAX_INPUT_BYTES,
                read: MAX_INPUT_BYTES,
            });
            prefix
        }
        _ => bytes,
    };
    let what = read_any(input, &mut col);
    let mut out = col.finish(what);
    if let Some(hit) = &mut out.limit_hit {
        // NOTE: offsets of text input count the decoded text (UTF-16 and Latin-1 are decoded
        // first, a line's end may be counted as one), which can run past the bytes given.
        hit.read = hit.read.min(input.len());
    }
    out
}

fn read_any(input: &[u8], col: &mut Collector) -> String {
    if input.iter().all(u8::is_ascii_whitespace) {
        return "empty input".into();
    }
    if let Some(what) = file_magic(input) {
        return what.into();
    }
    if looks_like_der(input) {
        return read_binary(input, col);
    }
    match decode_text(input) {
        Some(text) if text.trim().is_empty() => "empty input".into(),
        Some(text) => read_text(&text, col),
        None => read_binary(input, col),
    }
}

/// The item with the text it quotes from the input (PEM labels, reasons) escaped as every name
/// in a report is (src/text.rs): a label can hold a right-to-left override too.
fn shown(item: NonCertificate) -> NonCertificate {
    let esc = |s: String| match crate::text::escape(&s) {
        Cow::Owned(e) => e,
        Cow::Borrowed(_) => s,
    };
    match item {
        NonCertificate::PrivateKey { label, encrypted, line } => NonCertificate::PrivateKey { label: esc(label), encrypted, line },
        NonCertificate::UnknownPem { label, line } => NonCertificate::UnknownPem { label: esc(label), line },
        NonCertificate::BadPem { label, line, reason } => NonCertificate::BadPem { label: esc(label), line, reason: esc(reason) },
        NonCertificate::Unrecognised { what } => NonCertificate::Unrecognised { what: esc(what) },
        other => other,
    }
}

/// Collects results and enforces the item limits.
#[derive(Default)]
struct Collector {
    out: ParsedInput,
    /// Bytes of input read so far (start of the current line or DER item).
    pos: usize,
    stopped: bool,
    pem_blocks: usize,
}

impl Collector {
    fn hit(&mut self, limit: &'static str, value: usize) {
        if self.out.limit_hit.is_none() {
            self.out.limit_hit = Some(LimitHit { limit, value, read: self.pos });
        }
        self.stopped = true;
    }

    fn format(&mut self, format: InputFormat) {
        if !self.out.formats.contains(&format) {
            self.out.formats.push(format);
        }
    }

    fn cert(&mut self, der: &[u8], origin: Origin) {
        if self.stopped {
            return;
        }
        if self.out.certs.len() >= MAX_CERTS {
            self.hit("MAX_CERTS", MAX_CERTS);
            return;
        }
        self.format(origin.format);
        self.out.certs.push(InputCert { der: der.to_vec(), origin });
    }

    fn other(&mut self, item: NonCertificate, format: Option<InputFormat>) {
        if self.stopped {
            return;
        }
        if self.out.others.len() >= MAX_OTHERS {
            self.hit("MAX_OTHERS", MAX_OTHERS);
            return;
        }
        if let Some(format) = format {
            self.format(format);
        }
        self.out.others.push(shown(item));
    }

    fn note(&mut self, what: impl Into<String>) {
        self.other(NonCertificate::Unrecognised { what: what.into() }, None);
    }

    /// Records one classified DER item; `format` is the encoding it arrived in.
    fn push_kind(&mut self, kind: DerKind<'_>, format: InputFormat, line: Option<usize>, depth: Option<u32>) {
        match kind {
            DerKind::Certificate(der) => self.cert(der, Origin { format, line, depth }),
            DerKind::Pkcs7 { certs, crls } => {
                if certs.is_empty() && crls == 0 {
                    self.format(InputFormat::Pkcs7);
                    self.note("PKCS#7 bundle with no certificates");
                }
                for der in certs {
                    self.cert(der, Origin { format: InputFormat::Pkcs7, line, depth: None });
                }
                for _ in 0..crls {
                    self.other(NonCertificate::Crl { line }, Some(InputFormat::Pkcs7));
                }
            }
            DerKind::Pkcs7Other(name) => {
                self.note(format!("PKCS#7 {name} content, not a certificate bundle"));
            }
            DerKind::Pkcs12 => self.other(NonCertificate::Pkcs12, Some(format)),
            DerKind::PrivateKey { label, encrypted } => self.other(
                NonCertificate::PrivateKey { label: label.to_owned(), encrypted, line },
                Some(format),
            ),
            DerKind::PublicKey => self.other(NonCertificate::PublicKey { line }, Some(format)),
            DerKind::CertificateRequest => {
                self.other(NonCertificate::CertificateRequest { line }, Some(format));
            }
            DerKind::Crl => self.other(NonCertificate::Crl { line }, Some(format)),
            DerKind::Unknown => self.note("DER structure that is not a certificate"),
        }
    }

    fn finish(mut self, what: String) -> ParsedInput {
        let out = &mut self.out;
        if out.certs.is_empty() && out.others.is_empty() && out.captures.is_empty() {
            // Pushed directly: this one note must appear even after a limit stopped reading.
            out.others.push(NonCertificate::Unrecognised { what });
        }
        self.out
    }
}

// ---------------------------------------------------------------------------------------------
// Telling binary from text
// ---------------------------------------------------------------------------------------------

/// Names well-known non-certificate files by their first bytes.
fn file_magic(input: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\xFE\xED\xFE\xED", "Java KeyStore (JKS)"),
        (b"\xCE\xCE\xCE\xCE", "Java KeyStore (JCEKS)"),
        (b"\x7FELF", "executable"),
    ];
    MAGIC.iter().find(|(magic, _)| input.starts_with(magic)).map(|(_, what)| *what)
}

/// Whether input starts like a DER or BER SEQUENCE longer than 127 bytes.
///
/// Every certificate starts `30 81`..`30 84`; after the ASCII '0' (0x30) those bytes cannot
/// occur in UTF-8 text, so this never mistakes a text for DER. Indefinite length (`30 80`) is
/// included so BER input gets a clear reason instead of "binary data".
fn looks_like_der(input: &[u8]) -> bool {
    matches!(input, [TAG_SEQUENCE, 0x80..=0x84, ..])
}

/// Decodes input as text, or returns `None` when it looks binary.
fn decode_text(input: &[u8]) -> Option<Cow<'_, str>> {
    // NOTE: Windows PowerShell 5 writes redirected output as UTF-16 with a byte order mark.
    match input {
        [0xFF, 0xFE, rest @ ..] => return Some(Cow::Owned(decode_utf16(rest, u16::from_le_bytes))),
        [0xFE, 0xFF, rest @ ..] => return Some(Cow::Owned(decode_utf16(rest, u16::from_be_bytes))),
        _ => {}
    }
    if let Some(text) = decode_utf16_without_bom(input) {
        return Some(Cow::Owned(text));
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    // NOTE: NUL padding at the end (fixed-size buffers, some Windows tools) is not content.
    let end = input.iter().rposition(|&b| b != 0).map_or(0, |i| i.saturating_add(1));
    let input = input.get(..end).unwrap_or(input);
    // Random bytes are about 10% control characters; text has almost none.
    let controls = input
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    let nuls = input.iter().filter(|&&b| b == 0).count();
    if nuls.saturating_mul(1000) > input.len().saturating_mul(MAX_NUL_PER_MILLE) || controls.saturating_mul(100) > input.len() {
        return None;
    }
    if nuls > 0 {
        // NOTE: `openssl s_client -starttls pop3 > file` writes a few NUL bytes into the text.
        let text: Vec<u8> = input.iter().copied().filter(|&b| b != 0).collect();
        return Some(Cow::Owned(String::from_utf8_lossy(&text).into_owned()));
    }
    match std::str::from_utf8(input) {
        Ok(text) => Some(Cow::Borrowed(text)),
        // Cut inside a character (by MAX_INPUT_BYTES): keep the whole characters.
        Err(e) if e.error_len().is_none() => {
            input.get(..e.valid_up_to()).and_then(|p| std::str::from_utf8(p).ok()).map(Cow::Borrowed)
        }
        // NOTE: a Latin-1 or Windows-1252 file (accented comments around PEM blocks) is not
        // UTF-8 but is still text. Random bytes are half high bytes; such text has few.
        Err(_) => {
            let high = input.iter().filter(|&&b| b >= 0x80).count();
            (high.saturating_mul(10) <= input.len().saturating_mul(3)).then(|| String::from_utf8_lossy(input))
        }
    }
}

/// Decodes UTF-16 text that has no byte order mark, recognised by ASCII in every other byte.
fn decode_utf16_without_bom(input: &[u8]) -> Option<String> {
    /// Pairs sampled; 64 characters of ASCII-in-UTF-16 do not happen by chance in DER or text.
    const SAMPLE_PAIRS: usize = 64;
    if input.len() < 4 || !input.len().is_multiple_of(2) {
        return None;
    }
    let ascii = |b: u8| b != 0 && b < 0x80;
    let pairs = || input.chunks_exact(2).take(SAMPLE_PAIRS);
    let le = pairs().all(|p| matches!(p, [a, 0] if ascii(*a)));
    let be = pairs().all(|p| matches!(p, [0, b] if ascii(*b)));
    match (le, be) {
        (true, _) => Some(decode_utf16(input, u16::from_le_bytes)),
        (_, true) => Some(decode_utf16(input, u16::from_be_bytes)),
        _ => None,
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

// ---------------------------------------------------------------------------------------------
// Binary input
// ---------------------------------------------------------------------------------------------

/// Reads binary input: one or more DER items back to back, or a PKCS#12 file.
fn read_binary(input: &[u8], col: &mut Collector) -> String {
    // Sniffed on headers alone: some PKCS#12 writers use BER indefinite lengths inside.
    if looks_like_pkcs12(input) {
        col.other(NonCertificate::Pkcs12, Some(InputFormat::Der));
        return String::new();
    }
    let mut pos = 0usize;
    let mut noted_unknown = false;
    while !col.stopped {
        let rest = input.get(pos..).unwrap_or_default();
        // NOTE: .der files appended to each other sometimes carry a newline or zero padding.
        if rest.iter().all(|&b| b == 0 || b.is_ascii_whitespace()) {
            break;
        }
        col.pos = pos;
        let tlv = match read_tlv(rest) {
            Ok(tlv) if tlv.tag == TAG_SEQUENCE => tlv,
            other => {
                let reason = match other {
                    Err(e) => e.reason(),
                    Ok(_) => "it does not start with a DER SEQUENCE",
                };
                if pos == 0 && matches!(other, Err(DerError::Indefinite)) && starts_like_pkcs7(rest) {
                    // Some Windows and Java tools write .p7b files in BER.
                    col.note(format!(
                        "PKCS#7 that could not be read: {reason}; \
                         `openssl pkcs7 -inform DER -print_certs` converts it to PEM"
                    ));
                } else if pos == 0 && rest.first() == Some(&TAG_SEQUENCE) {
                    col.note(format!("DER data that could not be read: {reason}"));
                } else if pos == 0 {
                    col.note("binary data");
                } else {
                    col.note(format!("unreadable data after byte {pos}: {reason}"));
                }
                break;
            }
        };
        pos = pos.saturating_add(tlv.whole.len());
        match classify(tlv) {
            // One note for any number of unknown items: they are all the same kind of noise.
            Ok(DerKind::Unknown) if noted_unknown => {}
            Ok(kind) => {
                noted_unknown |= matches!(kind, DerKind::Unknown);
                col.push_kind(kind, InputFormat::Der, None, None);
            }
            Err(e) => col.note(format!("PKCS#7 that could not be read: {}", e.reason())),
        }
    }
    "binary data".into()
}

// ---------------------------------------------------------------------------------------------
// A tiny bounded DER reader
// ---------------------------------------------------------------------------------------------

const TAG_INTEGER: u8 = 0x02;
const TAG_BIT_STRING: u8 = 0x03;
const TAG_OCTET_STRING: u8 = 0x04;
const TAG_OID: u8 = 0x06;
const TAG_UTC_TIME: u8 = 0x17;
const TAG_GENERALIZED_TIME: u8 = 0x18;
const TAG_SEQUENCE: u8 = 0x30;
const TAG_CONTEXT_0: u8 = 0xA0;
const TAG_CONTEXT_1: u8 = 0xA1;

/// 1.2.840.113549.1.7 (pkcs-7), the arc of every PKCS#7 content type.
const OID_PKCS7_ARC: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07];

/// Most children of one SEQUENCE looked at to tell its shape.
// The widest shape recognised is a multi-prime RSA private key (10 INTEGERs and more).
const MAX_SHAPE_CHILDREN: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DerError {
    Empty,
    Truncated,
    Indefinite,
    LengthTooLong,
    HighTag,
    TooDeep,
    NotSignedData,
}

impl DerError {
    fn reason(self) -> &'static str {
        match self {
            DerError::Empty => "no data",
            DerError::Truncated => "a length runs past the end of the data (truncated?)",
            DerError::Indefinite => "indefinite-length (BER) encoding is not supported, only DER",
            DerError::LengthTooLong => "a length field is longer than 4 bytes",
            DerError::HighTag => "a multi-byte tag, which no certificate container uses",
            DerError::TooDeep => "nested deeper than MAX_DER_DEPTH",
            DerError::NotSignedData => "the signedData content is not a SEQUENCE",
        }
    }
}

/// One DER element: its tag, its contents, and all its bytes.
#[derive(Debug, Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    value: &'a [u8],
    whole: &'a [u8],
}

/// Reads a tag and length; `None` length means indefinite. Returns (tag, length, header size).
pub(crate) fn read_header(data: &[u8]) -> Result<(u8, Option<usize>, usize), DerError> {
    let (tag, first, rest) = match data {
        [] => return Err(DerError::Empty),
        [_] => return Err(DerError::Truncated),
        [tag, first, rest @ ..] => (*tag, *first, rest),
    };
    if tag & 0x1F == 0x1F {
        return Err(DerError::HighTag);
    }
    match first {
        0..=0x7F => Ok((tag, Some(usize::from(first)), 2)),
        0x80 => Ok((tag, None, 2)),
        0x81..=0x84 => {
            let n = usize::from(first & 0x7F);
            let bytes = rest.get(..n).ok_or(DerError::Truncated)?;
            let len = bytes.iter().try_fold(0usize, |acc, &b| {
                acc.checked_mul(256).and_then(|v| v.checked_add(usize::from(b)))
            });
            Ok((tag, Some(len.ok_or(DerError::LengthTooLong)?), n.saturating_add(2)))
        }
        _ => Err(DerError::LengthTooLong),
    }
}

/// Reads one definite-length element from the front of `data`.
fn read_tlv(data: &[u8]) -> Result<Tlv<'_>, DerError> {
    let (tag, len, header) = read_header(data)?;
    let len = len.ok_or(DerError::Indefinite)?;
    let end = header.checked_add(len).ok_or(DerError::Truncated)?;
    let whole = data.get(..end).ok_or(DerError::Truncated)?;
    let value = whole.get(header..).ok_or(DerError::Truncated)?;
    Ok(Tlv { tag, value, whole })
}

/// Iterates over the elements inside a constructed value.
struct Children<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Children<'a> {
    type Item = Result<Tlv<'a>, DerError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        match read_tlv(self.rest) {
            Ok(tlv) => {
                self.rest = self.rest.get(tlv.whole.len()..).unwrap_or_default();
                Some(Ok(tlv))
            }
            Err(e) => {
                self.rest = &[];
                Some(Err(e))
            }
        }
    }
}

fn children(value: &[u8]) -> Children<'_> {
    Children { rest: value }
}

/// Steps one level deeper, failing past [`MAX_DER_DEPTH`].
fn descend(depth: usize) -> Result<usize, DerError> {
    let next = depth.checked_add(1).ok_or(DerError::TooDeep)?;
    if next > MAX_DER_DEPTH { Err(DerError::TooDeep) } else { Ok(next) }
}

/// What a top-level DER SEQUENCE is.
#[derive(Debug)]
enum DerKind<'a> {
    Certificate(&'a [u8]),
    Pkcs7 { certs: Vec<&'a [u8]>, crls: usize },
    Pkcs7Other(&'static str),
    Pkcs12,
    PrivateKey { label: &'static str, encrypted: bool },
    PublicKey,
    CertificateRequest,
    Crl,
    Unknown,
}

/// Tells what a DER element is from its outline.
///
/// Errors come only from inside a PKCS#7 signedData, where the OID has already said what
/// the data is meant to be; any other shape that cannot be read is `Unknown`.
fn classify(tlv: Tlv<'_>) -> Result<DerKind<'_>, DerError> {
    if tlv.tag != TAG_SEQUENCE {
        return Ok(DerKind::Unknown);
    }
    let Ok(kids) = children(tlv.value).take(MAX_SHAPE_CHILDREN).collect::<Result<Vec<_>, _>>() else {
        return Ok(DerKind::Unknown);
    };
    let tags: Vec<u8> = kids.iter().map(|k| k.tag).collect();
    let int_is = |t: &Tlv<'_>, v: u8| t.tag == TAG_INTEGER && t.value == [v];
    let kind = match kids.as_slice() {
        // Certificate, CRL and CSR share this shape: { tbs, signatureAlgorithm, signature }.
        [tbs, _, _] if tags == [TAG_SEQUENCE, TAG_SEQUENCE, TAG_BIT_STRING] => signed_kind(tlv, tbs),
        // ContentInfo { contentType, [0] EXPLICIT content }: RFC 5652 section 3.
        [oid, content, ..] if oid.tag == TAG_OID && content.tag == TAG_CONTEXT_0 => {
            match oid.value.strip_prefix(OID_PKCS7_ARC) {
                Some([2]) => return pkcs7_signed_data(*content, 0),
                Some([1]) => DerKind::Pkcs7Other("data"),
                Some([3]) => DerKind::Pkcs7Other("envelopedData"),
                Some([4]) => DerKind::Pkcs7Other("signedAndEnvelopedData"),
                Some([5]) => DerKind::Pkcs7Other("digestedData"),
                Some([6]) => DerKind::Pkcs7Other("encryptedData"),
                _ => DerKind::Unknown,
            }
        }
        // PFX { version 3, authSafe ContentInfo, macData }: RFC 7292 section 4.
        [version, auth_safe, ..] if int_is(version, 3) && auth_safe.tag == TAG_SEQUENCE => {
            if looks_like_pkcs12(tlv.whole) { DerKind::Pkcs12 } else { DerKind::Unknown }
        }
        // OneAsymmetricKey { version 0|1, algorithm, privateKey OCTET STRING, ... }: RFC 5958.
        [version, alg, key, ..]
            if (int_is(version, 0) || int_is(version, 1))
                && alg.tag == TAG_SEQUENCE
                && key.tag == TAG_OCTET_STRING =>
        {
            DerKind::PrivateKey { label: "PRIVATE KEY", encrypted: false }
        }
        // EncryptedPrivateKeyInfo { encryptionAlgorithm, encryptedData }: RFC 5958 section 3.
        [_, _] if tags == [TAG_SEQUENCE, TAG_OCTET_STRING] => {
            DerKind::PrivateKey { label: "ENCRYPTED PRIVATE KEY", encrypted: true }
        }
        // SubjectPublicKeyInfo { algorithm, subjectPublicKey }: RFC 5280 section 4.1.
        [_, _] if tags == [TAG_SEQUENCE, TAG_BIT_STRING] => DerKind::PublicKey,
        // ECPrivateKey { version 1, privateKey OCTET STRING, [0] params, [1] publicKey }: RFC 5915.
        [version, key, ..] if int_is(version, 1) && key.tag == TAG_OCTET_STRING => {
            DerKind::PrivateKey { label: "EC PRIVATE KEY", encrypted: false }
        }
        [first, ..] if tags.iter().all(|&t| t == TAG_INTEGER) => integers_kind(first, &kids),
        _ => DerKind::Unknown,
    };
    Ok(kind)
}

/// Tells certificate, CRL and CSR apart by the first elements of the signed body.
fn signed_kind<'a>(whole: Tlv<'a>, tbs: &Tlv<'a>) -> DerKind<'a> {
    let tags: Vec<u8> = children(tbs.value).take(4).map_while(Result::ok).map(|t| t.tag).collect();
    let is_time = |t: Option<&u8>| matches!(t, Some(&TAG_UTC_TIME | &TAG_GENERALIZED_TIME));
    match tags.as_slice() {
        // TBSCertificate starts [0] EXPLICIT version (v2, v3): RFC 5280 section 4.1.
        [TAG_CONTEXT_0, ..] => DerKind::Certificate(whole.whole),
        // TBSCertList { version?, signature, issuer, thisUpdate, ... }: RFC 5280 section 5.1.
        [TAG_INTEGER, _, _, t, ..] if is_time(Some(t)) => DerKind::Crl,
        [TAG_SEQUENCE, _, t, ..] if is_time(Some(t)) => DerKind::Crl,
        // CertificationRequestInfo { version, subject, subjectPKInfo, [0] attributes }: RFC 2986.
        [TAG_INTEGER, TAG_SEQUENCE, TAG_SEQUENCE] | [TAG_INTEGER, TAG_SEQUENCE, TAG_SEQUENCE, TAG_CONTEXT_0] => {
            DerKind::CertificateRequest
        }
        // NOTE: anything else signed (a v1 certificate, or a broken one) is passed on as a
        // certificate so the certificate module can say what is wrong with it.
        _ => DerKind::Certificate(whole.whole),
    }
}

/// Tells apart the SEQUENCE-of-INTEGERs keys: PKCS#1 RSA (RFC 8017 A.1) and DSA (OpenSSL).
fn integers_kind<'a>(first: &Tlv<'a>, kids: &[Tlv<'a>]) -> DerKind<'a> {
    let version_0 = first.value == [0];
    let version_01 = version_0 || first.value == [1];
    match kids {
        // RSAPrivateKey: version, n, e, d, p, q, dP, dQ, qInv (+ otherPrimeInfos when version 1).
        k if k.len() >= 9 && version_01 => DerKind::PrivateKey { label: "RSA PRIVATE KEY", encrypted: false },
        // OpenSSL's DSA private key: version 0, p, q, g, y, x.
        k if k.len() == 6 && version_0 => DerKind::PrivateKey { label: "DSA PRIVATE KEY", encrypted: false },
        // RSAPublicKey { modulus, publicExponent }: a long modulus and a short exponent, which
        // an ECDSA signature (also two INTEGERs, of equal size) does not have.
        [modulus, exponent] if modulus.value.len() >= 64 && exponent.value.len() <= 8 => DerKind::PublicKey,
        _ => DerKind::Unknown,
    }
}

/// Reads the certificates and CRLs out of a PKCS#7 signedData `[0]` content (RFC 5652 5.1).
fn pkcs7_signed_data(content: Tlv<'_>, depth: usize) -> Result<DerKind<'_>, DerError> {
    let depth = descend(depth)?;
    let signed = read_tlv(content.value)?;
    if signed.tag != TAG_SEQUENCE {
        return Err(DerError::NotSignedData);
    }
    let depth = descend(depth)?;
    let mut certs = Vec::new();
    let mut crls = 0usize;
    for field in children(signed.value) {
        let field = field?;
        match field.tag {
            // certificates [0] IMPLICIT CertificateSet
            TAG_CONTEXT_0 => {
                descend(depth)?;
                for choice in children(field.value) {
                    let choice = choice?;
                    // CertificateChoices: only the plain Certificate is a SEQUENCE; the
                    // others ([0]..[3]: extended, attribute and other certificates) are skipped.
                    // One more than the limit lets the collector report MAX_CERTS.
                    if choice.tag == TAG_SEQUENCE && certs.len() <= MAX_CERTS {
                        certs.push(choice.whole);
                    }
                }
            }
            // crls [1] IMPLICIT RevocationInfoChoices
            TAG_CONTEXT_1 => {
                descend(depth)?;
                for crl in children(field.value) {
                    crl?;
                    if crls <= MAX_OTHERS {
                        crls = crls.saturating_add(1);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(DerKind::Pkcs7 { certs, crls })
}

/// Whether data starts like a PKCS#7 `ContentInfo`, reading headers only (BER is fine).
fn starts_like_pkcs7(data: &[u8]) -> bool {
    let sniff = || -> Option<bool> {
        let (tag, _, header) = read_header(data).ok()?;
        let oid = read_tlv(data.get(header..)?).ok()?;
        Some(tag == TAG_SEQUENCE && oid.tag == TAG_OID && oid.value.starts_with(OID_PKCS7_ARC))
    };
    sniff().unwrap_or(false)
}

/// Whether data starts like a PFX: SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs-7.x, ... } }.
///
/// Reads headers only, so BER indefinite lengths (which some PKCS#12 writers use) are fine.
fn looks_like_pkcs12(data: &[u8]) -> bool {
    let sniff = || -> Option<bool> {
        let (tag, _, header) = read_header(data).ok()?;
        let rest = data.get(header..)?;
        let version = read_tlv(rest).ok()?;
        let rest = rest.get(version.whole.len()..)?;
        let (auth_tag, _, auth_header) = read_header(rest).ok()?;
        let oid = read_tlv(rest.get(auth_header..)?).ok()?;
        Some(
            tag == TAG_SEQUENCE
                && version.tag == TAG_INTEGER
                && version.value == [3]
                && auth_tag == TAG_SEQUENCE
                && oid.tag == TAG_OID
                && oid.value.starts_with(OID_PKCS7_ARC),
        )
    };
    sniff().unwrap_or(false)
}

// ---------------------------------------------------------------------------------------------
// Base64
// ---------------------------------------------------------------------------------------------

// NOTE: PEM writers disagree on padding and a few drop the final '='; OpenSSL accepts both.
const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const BASE64_STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const BASE64_URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Decodes base64 in the standard alphabet, or the URL-safe one when `-` or `_` appear.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    if text.contains(['-', '_']) {
        BASE64_URL_SAFE.decode(text).ok()
    } else {
        BASE64_STANDARD.decode(text).ok()
    }
}

fn is_base64_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')
}

/// Whether bare base64 could hold DER (a SEQUENCE encodes to "M...") or PEM text ("---" is
/// `LS0t`; Kubernetes secrets carry PEM that way).
fn may_hold_der_or_pem(text: &str) -> bool {
    text.starts_with('M') || text.starts_with("LS0t")
}

/// Characters that web pages and editors slip into pasted text without showing them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

// ---------------------------------------------------------------------------------------------
// Text input
// ---------------------------------------------------------------------------------------------

/// Splits text into lines on LF, or on CR when the text has no LF (old Mac files).
fn split_lines(text: &str) -> std::str::Split<'_, char> {
    let sep = if !text.contains('\n') && text.contains('\r') { '\r' } else { '\n' };
    text.split(sep)
}

fn read_text(text: &str, col: &mut Collector) -> String {
    let transcripts = is_transcript(text).then(Transcripts::default);
    let mut scan = TextScan::new(col, None, transcripts);
    scan.scan(text);
    let base64_unknown = scan.base64_unknown;
    if let Some(transcripts) = scan.transcripts.take() {
        let captures = transcripts.finish();
        for cap in &captures {
            col.format(match cap.client {
                Client::GnutlsCli => InputFormat::GnutlsCli,
                Client::Keytool => InputFormat::Keytool,
                Client::Openssl | Client::Libressl => InputFormat::SClient,
            });
        }
        col.out.captures = captures;
    }
    describe_text(text, base64_unknown)
}

/// Says what a text with nothing recognised in it is.
fn describe_text(text: &str, base64_unknown: bool) -> String {
    let t = text.trim_start_matches('\u{FEFF}').trim();
    let lower_start: String = t.chars().take(256).collect::<String>().to_ascii_lowercase();
    if (t.starts_with('{') || t.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()
    {
        "JSON".into()
    } else if lower_start.starts_with("<?xml") {
        "XML document".into()
    } else if lower_start.contains("<html") || lower_start.starts_with("<!doctype html") {
        "HTML document".into()
    } else if (text.contains("Subject Name") && text.contains("Issuer Name"))
        || (text.contains("Issued To") && text.contains("Issued By"))
    {
        "the text of a browser's certificate viewer, without the certificate; export it instead \
         (Firefox: Download PEM (chain); Chrome and Edge: Details, Export) and paste the file"
            .into()
    } else if text.contains("Certificate:") && text.contains("Signature Algorithm:") {
        "certificate printed as text (openssl x509 -text) without its PEM block".into()
    } else if base64_unknown {
        "base64 data that is not a certificate".into()
    } else {
        "text with no certificate".into()
    }
}

/// Whether a text holds a connection transcript.
fn is_transcript(text: &str) -> bool {
    split_lines(text).filter(|l| l.len() <= MAX_LINE_BYTES).map(str::trim).any(transcript::is_transcript_line)
}

/// What a PEM label says the block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    Certificate,
    Trusted,
    Pkcs7,
    PrivateKey,
    OpenSshPrivateKey,
    CertificateRequest,
    Crl,
    PublicKey,
    Ssh2PublicKey,
    Unknown,
}

impl LabelKind {
    fn of(label: &str) -> LabelKind {
        match label {
            // RFC 7468 section 5; "X509 CERTIFICATE" is the pre-RFC label some tools still write.
            "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" => LabelKind::Certificate,
            // OpenSSL's trusted format: a certificate followed by trust settings.
            "TRUSTED CERTIFICATE" => LabelKind::Trusted,
            // RFC 7468 section 8; the others are written by some Windows and Java tools.
            "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" | "CERTIFICATE CHAIN" => LabelKind::Pkcs7,
            "OPENSSH PRIVATE KEY" => LabelKind::OpenSshPrivateKey,
            // PRIVATE KEY, RSA/EC/DSA/ENCRYPTED PRIVATE KEY, PGP PRIVATE KEY BLOCK, SSH2 ...
            l if l.contains("PRIVATE KEY") => LabelKind::PrivateKey,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => LabelKind::CertificateRequest,
            "X509 CRL" => LabelKind::Crl,
            "PUBLIC KEY" | "RSA PUBLIC KEY" => LabelKind::PublicKey,
            "SSH2 PUBLIC KEY" => LabelKind::Ssh2PublicKey,
            _ => LabelKind::Unknown,
        }
    }

    /// How many body characters to keep: all for containers, a header for OpenSSH keys,
    /// none for everything else (so private key bodies are never copied).
    fn body_chars_kept(self) -> usize {
        match self {
            LabelKind::Certificate | LabelKind::Trusted | LabelKind::Pkcs7 => usize::MAX,
            LabelKind::OpenSshPrivateKey => OPENSSH_HEADER_CHARS,
            _ => 0,
        }
    }

    fn is_private_key(self) -> bool {
        matches!(self, LabelKind::PrivateKey | LabelKind::OpenSshPrivateKey)
    }
}

/// Which of the two PEM markers was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Begin,
    End,
}

/// A `BEGIN` or `END` marker found in a line.
struct Marker<'a> {
    kind: MarkerKind,
    /// Text before the marker's dashes.
    before: &'a str,
    label: &'a str,
    /// Text after the marker's closing dashes.
    after: &'a str,
}

/// Finds the first `-----BEGIN label-----` or `-----END label-----` in `s`, also in the
/// RFC 4716 form `---- BEGIN label ----`.
///
/// One pass, so reading a line with many markers stays linear. NOTE: lenient about dash
/// counts (4 or more) and a missing closing run, because hand-edited files get them wrong.
fn next_marker(s: &str) -> Option<Marker<'_>> {
    let mut from = 0usize;
    loop {
        let at = from.saturating_add(s.get(from..)?.find(['B', 'E'])?);
        let tail = s.get(at..)?;
        let (kind, word) = if tail.starts_with("BEGIN ") {
            (MarkerKind::Begin, "BEGIN ")
        } else if tail.starts_with("END ") {
            (MarkerKind::End, "END ")
        } else {
            // 'B' and 'E' are one byte, so the next byte starts a character.
            from = at.saturating_add(1);
            continue;
        };
        let before_word = s.get(..at)?;
        let dashes_end = before_word.strip_suffix(' ').unwrap_or(before_word);
        let before = dashes_end.trim_end_matches('-');
        if dashes_end.len().saturating_sub(before.len()) >= 4 {
            let after_word = tail.get(word.len()..)?;
            let label_end = after_word.find('-').unwrap_or(after_word.len());
            let label = after_word.get(..label_end)?.trim();
            let after = after_word.get(label_end..)?.trim_start_matches('-');
            return Some(Marker { kind, before, label, after });
        }
        from = at.saturating_add(word.len());
    }
}

/// A quoting prefix (`> `, `# `, `// `) before a BEGIN marker, stripped from body lines.
fn quote_prefix(before: &str) -> Option<String> {
    let p = before.trim();
    let quoting = |c: char| matches!(c, '#' | '>' | '/' | ';' | '*' | '!' | '|' | '%' | ' ');
    (!p.is_empty() && p.len() <= 16 && p.chars().all(quoting)).then(|| p.to_owned())
}

fn truncate_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Whether a line holds an OpenSSH public key (`ssh-ed25519 AAAA... comment`), possibly
/// after `authorized_keys` options or a `known_hosts` host name.
fn is_ssh_key_line(t: &str) -> bool {
    let mut words = t.split_whitespace();
    while let Some(word) = words.next() {
        let key_type = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"].iter().any(|p| word.starts_with(p));
        if key_type {
            return words.next().is_some_and(|b| b.starts_with("AAAA"));
        }
    }
    false
}

/// Whether an OpenSSH private key's header names a cipher other than "none".
///
/// `head` is the first [`OPENSSH_HEADER_CHARS`] of the body: "openssh-key-v1\0", then the
/// cipher name as an SSH string (PROTOCOL.key in OpenSSH's sources).
fn openssh_encrypted(head: &str) -> bool {
    let whole = head.len().saturating_sub(head.len() % 4);
    let Some(bytes) = head.get(..whole).and_then(decode_base64) else {
        return false;
    };
    let Some(rest) = bytes.strip_prefix(b"openssh-key-v1\0") else {
        return false;
    };
    match rest {
        [a, b, c, d, name @ ..] => {
            let len = u32::from_be_bytes([*a, *b, *c, *d]);
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            name.get(..len).is_some_and(|cipher| cipher != b"none")
        }
        _ => false,
    }
}

/// A PEM block being read.
struct Block {
    label: String,
    line: usize,
    /// Byte offset of the line with the BEGIN marker, reported if a limit stops at this block.
    offset: usize,
    kind: LabelKind,
    body: String,
    encrypted: bool,
    header_continues: bool,
    bad: Option<(char, usize)>,
    quote: Option<String>,
    depth: Option<u32>,
}

/// Bare base64 lines being gathered.
struct Run {
    text: String,
    line: usize,
}

/// A PuTTY private key file being skipped.
struct Ppk {
    line: usize,
    encrypted: bool,
}

/// Line-by-line reader of a text.
struct TextScan<'c> {
    col: &'c mut Collector,
    /// When scanning text decoded from a base64 token, the line of that token.
    fixed_line: Option<usize>,
    transcripts: Option<Transcripts>,
    /// The format of PEM after a text printout (`openssl x509 -text`, `certtool -i`).
    printout: Option<InputFormat>,
    block: Option<Block>,
    run: Option<Run>,
    ppk: Option<Ppk>,
    /// Whether the last bare base64 run before this line was recognised.
    run_found: bool,
    /// Whether some bare base64 decoded to DER of no known kind.
    base64_unknown: bool,
}

impl<'c> TextScan<'c> {
    fn new(col: &'c mut Collector, fixed_line: Option<usize>, transcripts: Option<Transcripts>) -> Self {
        TextScan {
            col,
            fixed_line,
            transcripts,
            printout: None,
            block: None,
            run: None,
            ppk: None,
            run_found: false,
            base64_unknown: false,
        }
    }

    fn line_no(&self, n: usize) -> usize {
        self.fixed_line.unwrap_or(n)
    }

    fn scan(&mut self, text: &str) {
        let mut offset = 0usize;
        for (i, raw) in split_lines(text).enumerate() {
            if self.col.stopped {
                return;
            }
            if self.fixed_line.is_none() {
                self.col.pos = offset;
            }
            self.line(i.saturating_add(1), raw);
            offset = offset.saturating_add(raw.len()).saturating_add(1);
        }
        if self.col.stopped {
            return;
        }
        if let Some(block) = self.block.take() {
            match &mut self.transcripts {
                // A transcript cut off inside a certificate: the capture says what is missing.
                Some(transcripts) if transcripts.active() && block.kind == LabelKind::Certificate => {
                    transcripts.cut_certificate();
                }
                _ => self.abandon(block, "BEGIN without END (the input ends inside the block)".into()),
            }
        }
        self.flush_run();
        self.finish_ppk();
    }

    fn line(&mut self, n: usize, raw: &str) {
        let t = raw.trim();
        if self.block.is_none() {
            if self.ppk.is_some() {
                self.ppk_line(t);
                return;
            }
            if next_marker(raw).is_none() {
                if raw.len() <= MAX_LINE_BYTES {
                    self.plain_line(n, t);
                } else {
                    self.flush_run();
                }
                return;
            }
            self.run_found = self.flush_run();
        }
        self.segments(n, raw);
    }

    /// Reads a line outside PEM blocks with no marker in it.
    fn plain_line(&mut self, n: usize, t: &str) {
        if self.transcript_line(t) {
            self.flush_run();
            return;
        }
        // The headers of `openssl x509 -text` and `certtool -i`: the PEM that follows is theirs.
        match t {
            "Certificate:" => self.printout = Some(InputFormat::X509Text),
            "X.509 Certificate Information:" => self.printout = Some(InputFormat::CerttoolText),
            _ => {}
        }
        if t.starts_with("PuTTY-User-Key-File-") {
            self.flush_run();
            self.ppk = Some(Ppk { line: n, encrypted: false });
            return;
        }
        if is_ssh_key_line(t) {
            self.flush_run();
            let line = Some(self.line_no(n));
            self.col.other(NonCertificate::SshKey { line }, None);
            return;
        }
        if !t.is_empty() && t.chars().all(is_base64_char) {
            match &mut self.run {
                Some(run) => run.text.push_str(t),
                None if may_hold_der_or_pem(t) => self.run = Some(Run { text: t.to_owned(), line: n }),
                None => {}
            }
            return;
        }
        self.flush_run();
        // NOTE: base64 inside other text: JSON "x5c" arrays, YAML `tls.crt: LS0t...` values.
        for token in t.split(|c: char| !is_base64_char(c)) {
            if self.col.stopped {
                return;
            }
            if token.len() >= MIN_BARE_BASE64_CHARS && may_hold_der_or_pem(token) {
                self.try_base64(token, n);
            }
        }
    }

    /// Tries a gathered base64 run; returns whether it held something recognised.
    fn flush_run(&mut self) -> bool {
        match self.run.take() {
            Some(run) if run.text.len() >= MIN_BARE_BASE64_CHARS => self.try_base64(&run.text, run.line),
            _ => false,
        }
    }

    /// Decodes bare base64 and records what it holds; returns whether anything was found.
    fn try_base64(&mut self, text: &str, n: usize) -> bool {
        let Some(bytes) = decode_base64(text) else {
            return false;
        };
        let line = Some(self.line_no(n));
        if looks_like_pkcs12(&bytes) {
            self.col.other(NonCertificate::Pkcs12, Some(InputFormat::Base64));
            return true;
        }
        if bytes.first() == Some(&TAG_SEQUENCE) {
            let mut found = false;
            let mut rest = bytes.as_slice();
            while let Ok(tlv) = read_tlv(rest) {
                if tlv.tag != TAG_SEQUENCE || self.col.stopped {
                    break;
                }
                match classify(tlv) {
                    Ok(DerKind::Unknown) => break,
                    Ok(kind) => self.col.push_kind(kind, InputFormat::Base64, line, None),
                    Err(e) => self.col.note(format!("base64 PKCS#7 that could not be read: {}", e.reason())),
                }
                found = true;
                rest = rest.get(tlv.whole.len()..).unwrap_or_default();
            }
            if !found {
                self.base64_unknown = true;
            }
            return found;
        }
        // Base64 of PEM text, one level only.
        let pem = std::str::from_utf8(&bytes).ok().filter(|p| p.contains("-----BEGIN "));
        match pem {
            Some(pem) if self.fixed_line.is_none() => {
                let mut nested = TextScan::new(&mut *self.col, line, None);
                nested.scan(pem);
                true
            }
            _ => false,
        }
    }

    fn ppk_line(&mut self, t: &str) {
        if let (Some(ppk), Some(v)) = (&mut self.ppk, t.strip_prefix("Encryption:")) {
            ppk.encrypted = v.trim() != "none";
        }
        if t.is_empty() || t.starts_with("Private-MAC:") || t.starts_with("Private-Hash:") {
            self.finish_ppk();
        }
    }

    fn finish_ppk(&mut self) {
        if let Some(ppk) = self.ppk.take() {
            let line = Some(self.line_no(ppk.line));
            let key = NonCertificate::PrivateKey { label: "PUTTY PRIVATE KEY".into(), encrypted: ppk.encrypted, line };
            self.col.other(key, None);
        }
    }

    /// Splits a line with markers (or inside a block) at each marker.
    ///
    /// NOTE: markers are found anywhere in a line, so PEM whose line breaks were lost
    /// (pasted into a one-line field, or JSON with `\n` escapes) still reads.
    fn segments(&mut self, n: usize, raw: &str) {
        let mut rest = raw;
        let mut first = true;
        loop {
            if self.col.stopped {
                return;
            }
            let marker = next_marker(rest);
            match (self.block.is_some(), marker) {
                (_, None) => {
                    self.body(n, rest);
                    return;
                }
                (true, Some(m)) if m.kind == MarkerKind::End => {
                    self.body(n, m.before);
                    self.end_block();
                    rest = m.after;
                }
                (true, Some(m)) => {
                    self.body(n, m.before);
                    if let Some(open) = self.block.take() {
                        let next = self.line_no(n);
                        self.abandon(open, format!("BEGIN without END (another BEGIN follows on line {next})"));
                    }
                    self.begin_block(n, &m);
                    rest = m.after;
                }
                (false, Some(m)) if m.kind == MarkerKind::Begin => {
                    self.begin_block(n, &m);
                    rest = m.after;
                }
                (false, Some(m)) => {
                    // A body pasted without its BEGIN line was already read as bare base64.
                    if !(first && self.run_found) {
                        let label = truncate_chars(m.label, MAX_LABEL_CHARS);
                        let line = Some(self.line_no(n));
                        let bad = NonCertificate::BadPem { label, line, reason: "END without BEGIN".into() };
                        self.col.other(bad, Some(InputFormat::Pem));
                    }
                    rest = m.after;
                }
            }
            first = false;
        }
    }

    fn begin_block(&mut self, n: usize, m: &Marker<'_>) {
        self.col.pem_blocks = self.col.pem_blocks.saturating_add(1);
        if self.col.pem_blocks > MAX_PEM_BLOCKS {
            self.col.hit("MAX_PEM_BLOCKS", MAX_PEM_BLOCKS);
            return;
        }
        let label = truncate_chars(m.label, MAX_LABEL_CHARS);
        let kind = LabelKind::of(&label);
        let mut depth = None;
        if let (LabelKind::Certificate, Some(transcripts)) = (kind, &mut self.transcripts) {
            depth = transcripts.begin_certificate();
        }
        self.block = Some(Block {
            label,
            line: n,
            offset: self.col.pos,
            kind,
            body: String::new(),
            encrypted: false,
            header_continues: false,
            bad: None,
            quote: quote_prefix(m.before),
            depth,
        });
    }

    fn body(&mut self, n: usize, segment: &str) {
        // NOTE: `\n` escapes: PEM inside JSON strings, .env files and YAML double quotes.
        for part in segment.split("\\n") {
            self.body_part(n, part);
        }
    }

    fn body_part(&mut self, n: usize, part: &str) {
        let Some(b) = &mut self.block else {
            return;
        };
        let mut t = part.trim();
        if let Some(q) = &b.quote {
            t = t.strip_prefix(q.as_str()).unwrap_or(t).trim_start();
        }
        if t.is_empty() {
            b.header_continues = false;
            return;
        }
        // RFC 1421 headers (Proc-Type, DEK-Info) and RFC 4716 headers (Comment, Subject);
        // base64 never contains ':'.
        if b.header_continues || t.contains(':') {
            if (t.starts_with("Proc-Type:") && t.contains("ENCRYPTED")) || t.starts_with("DEK-Info:") {
                b.encrypted = true;
            }
            b.header_continues = t.ends_with('\\');
            return;
        }
        let keep = b.kind.body_chars_kept();
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' | '=' | '-' | '_' => {
                    if b.body.len() < keep {
                        b.body.push(c);
                    }
                }
                // NOTE: `\r`, `\t` escapes and `\/` (PHP's json_encode) in code and JSON.
                '\\' => {
                    if matches!(chars.peek(), Some('r' | 't')) {
                        chars.next();
                    }
                }
                // NOTE: quotes around each line when PEM is pasted from source code.
                '"' | '\'' => {}
                c if c.is_whitespace() || is_invisible(c) => {}
                c => {
                    if b.bad.is_none() {
                        b.bad = Some((c, n));
                    }
                }
            }
        }
    }

    /// Closes a block at its END marker and records what it held.
    fn end_block(&mut self) {
        let Some(b) = self.block.take() else {
            return;
        };
        if self.fixed_line.is_none() {
            self.col.pos = b.offset;
        }
        let line = Some(self.line_no(b.line));
        let pem = Some(InputFormat::Pem);
        match b.kind {
            LabelKind::PrivateKey => {
                let encrypted = b.encrypted || b.label.contains("ENCRYPTED");
                self.col.other(NonCertificate::PrivateKey { label: b.label, encrypted, line }, pem);
            }
            LabelKind::OpenSshPrivateKey => {
                let encrypted = openssh_encrypted(&b.body);
                self.col.other(NonCertificate::PrivateKey { label: b.label, encrypted, line }, pem);
            }
            LabelKind::CertificateRequest => self.col.other(NonCertificate::CertificateRequest { line }, pem),
            LabelKind::Crl => self.col.other(NonCertificate::Crl { line }, pem),
            LabelKind::PublicKey => self.col.other(NonCertificate::PublicKey { line }, pem),
            LabelKind::Ssh2PublicKey => self.col.other(NonCertificate::SshKey { line }, pem),
            LabelKind::Unknown => self.col.other(NonCertificate::UnknownPem { label: b.label, line }, pem),
            LabelKind::Certificate | LabelKind::Trusted | LabelKind::Pkcs7 => {
                let first = self.col.out.certs.len();
                self.decode_block(b, line);
                let end = self.col.out.certs.len();
                if let Some(transcripts) = &mut self.transcripts {
                    transcripts.certificates(first, end);
                }
            }
        }
    }

    fn decode_block(&mut self, b: Block, line: Option<usize>) {
        let der = match (b.bad, b.body.is_empty()) {
            (Some((c, n)), _) => Err(format!("unexpected character {c:?} in the base64 body on line {}", self.line_no(n))),
            (None, true) => Err("the block has no body".to_owned()),
            (None, false) => decode_base64(&b.body).ok_or_else(|| "the body is not valid base64".to_owned()),
        };
        let der = match der {
            Ok(der) => der,
            Err(reason) => return self.bad_pem(b.label, line, reason),
        };
        if der.first() != Some(&TAG_SEQUENCE) {
            return self.bad_pem(b.label, line, "the body is not a DER SEQUENCE".into());
        }
        let tlv = match read_tlv(&der) {
            Ok(tlv) => tlv,
            Err(e) => return self.bad_pem(b.label, line, format!("the body is not DER: {}", e.reason())),
        };
        let format = match (&self.transcripts, self.printout) {
            (_, Some(printout)) => printout,
            (Some(transcripts), None) if transcripts.active() => transcripts.cert_format(),
            _ => InputFormat::Pem,
        };
        if b.kind == LabelKind::Trusted {
            // The trust settings after the certificate are ignored.
            let origin = Origin { format: InputFormat::Pem, line, depth: None };
            return self.col.cert(tlv.whole, origin);
        }
        match (b.kind, classify(tlv)) {
            (LabelKind::Certificate, Ok(DerKind::Unknown)) => {
                self.col.cert(tlv.whole, Origin { format, line, depth: b.depth });
            }
            (LabelKind::Pkcs7, Ok(DerKind::Unknown)) => {
                self.bad_pem(b.label, line, "the body is not PKCS#7 signedData".into());
            }
            // NOTE: "CERTIFICATE CHAIN" and friends sometimes hold plain certificates back to back.
            (LabelKind::Pkcs7, Ok(DerKind::Certificate(_))) => {
                let mut rest = der.as_slice();
                while let Ok(tlv) = read_tlv(rest) {
                    if tlv.tag != TAG_SEQUENCE {
                        break;
                    }
                    self.col.cert(tlv.whole, Origin { format: InputFormat::Pem, line, depth: None });
                    rest = rest.get(tlv.whole.len()..).unwrap_or_default();
                }
            }
            // NOTE: a CERTIFICATE label on PKCS#7, a key or a CSR is believed from the content.
            (_, Ok(kind)) => self.col.push_kind(kind, format, line, b.depth),
            (_, Err(e)) => self.bad_pem(b.label, line, format!("the PKCS#7 could not be read: {}", e.reason())),
        }
    }

    fn bad_pem(&mut self, label: String, line: Option<usize>, reason: String) {
        self.col.other(NonCertificate::BadPem { label, line, reason }, Some(InputFormat::Pem));
    }

    /// Records a block that never reached its END.
    fn abandon(&mut self, b: Block, reason: String) {
        let line = Some(self.line_no(b.line));
        if b.kind.is_private_key() {
            // What matters about a private key is that it was pasted, not that it was cut.
            let encrypted = b.encrypted || b.label.contains("ENCRYPTED");
            self.col.other(NonCertificate::PrivateKey { label: b.label, encrypted, line }, Some(InputFormat::Pem));
        } else {
            self.bad_pem(b.label, line, reason);
        }
    }

    /// Reads one line of a connection transcript; returns whether it was one.
    fn transcript_line(&mut self, t: &str) -> bool {
        let Some(transcripts) = &mut self.transcripts else {
            return false;
        };
        let recognised = transcripts.line(t);
        if let Some((limit, value)) = transcripts.limit {
            self.col.hit(limit, value);
        }
        self.col.out.capture_entries_cut |= transcripts.entries_cut;
        recognised
    }
}

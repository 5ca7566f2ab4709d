//! Reads connection transcripts one line at a time: what `openssl s_client` (OpenSSL 1.0 to 3.x
//! and LibreSSL, the `openssl` macOS ships), `gnutls-cli` and Java's `keytool -printcert
//! -sslserver` print, pasted as people paste them: with the command and a shell prompt before
//! the output, several runs one after another, the tail cut off.
//!
//! The reader only records what the text says ([`Capture`]); judging it is `crate::capture`'s
//! job. It never fails: a line it does not know is left to the rest of the input reader.
//!
//! Ordering: `s_client` writes its diagnostics (`depth=`, `verify error:`, the error stack) to
//! stderr, unbuffered, and the rest to stdout, buffered; with `2>&1` into a file the stderr lines
//! come first, before `CONNECTED(...)`. Lines of that kind seen after a capture's summary are held
//! back and given to the next capture when one starts, or to the current one at the end.

use serde::Serialize;
use std::net::IpAddr;

use super::{MAX_CAPTURE_ENTRIES, MAX_CAPTURES, MAX_FIELD_CHARS, truncate_chars};

/// The program that printed a transcript.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Client {
    /// OpenSSL's `s_client`.
    #[default]
    Openssl,
    /// LibreSSL's `s_client` (`/usr/bin/openssl` on macOS), recognised by its own wording.
    Libressl,
    /// GnuTLS's `gnutls-cli`.
    GnutlsCli,
    /// Java's `keytool -printcert -sslserver`.
    Keytool,
}

/// One connection attempt as a transcript tells it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Capture {
    /// The program that printed it.
    pub client: Client,
    /// The command line, when pasted (from the program's name on; the prompt is dropped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Whether the TCP connection was made (`CONNECTED(...)`, or the client's equivalent).
    pub connected: bool,
    /// Host from `-connect` (or `-host`, a bare `host:port`, gnutls-cli's host, keytool's
    /// `-sslserver`, or the client's own "Connecting to" line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_host: Option<String>,
    /// Port from `-connect` (or `-port`, `-p`, `--port`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_port: Option<u16>,
    /// Value of `-servername` (gnutls-cli: `--sni-hostname`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servername: Option<String>,
    /// Whether the client sent a server name (SNI): `None` when the transcript does not tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sni_sent: Option<bool>,
    /// The name sent as SNI, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sni: Option<String>,
    /// Value of `-starttls` (gnutls-cli: `--starttls-proto`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starttls: Option<String>,
    /// `Some(false)` when the client said the server did not offer STARTTLS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starttls_offered: Option<bool>,
    /// The TLS version forced on the command line (`-tls1_1` is "TLSv1.1").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_forced: Option<String>,
    /// The name OpenSSL was asked to check (`-verify_hostname`, `-verify_ip`; gnutls-cli:
    /// `--verify-hostname`). Without it OpenSSL's verdict says nothing about the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_hostname: Option<String>,
    /// The trust the client was given instead of the machine's store (`-CAfile x`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trust: Option<String>,
    /// Whether `-showcerts` was used: on the command line, or more than one body shown
    /// (gnutls-cli: `--print-cert`; keytool: `-rfc`).
    pub showcerts: bool,
    /// Whether the command sent its error messages away (`2>/dev/null`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stderr_hidden: bool,
    /// Negotiated protocol, e.g. "TLSv1.3".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// Negotiated cipher suite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cipher: Option<String>,
    /// Whether the handshake finished (a cipher was negotiated).
    pub handshake_complete: bool,
    /// The number from "Verify return code: N (...)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_return_code: Option<i64>,
    /// The text in brackets after the verify return code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify_message: Option<String>,
    /// The client's summary: `Some(true)` for "Verification: OK" (gnutls-cli: "The certificate
    /// is trusted.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_ok: Option<bool>,
    /// The text after "Verification error:" (gnutls-cli: the reasons after "NOT trusted.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_error: Option<String>,
    /// "Verified peername: NAME" (OpenSSL with `-verify_hostname`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_peername: Option<String>,
    /// Each "verify error:num=N:message" line, with the depth printed before it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verify_errors: Vec<VerifyError>,
    /// The "Certificate chain" section (gnutls-cli: "Certificate[N] info"; keytool:
    /// "Certificate #N"), one entry per depth, as printed.
    pub chain: Vec<ChainSummary>,
    /// How many certificate bodies (PEM blocks) the capture contained.
    pub bodies: usize,
    /// Indices into `ParsedInput::certs` of the certificates found in this capture.
    pub certs: Vec<usize>,
    /// The `subject=` line of the "Server certificate" section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_subject: Option<String>,
    /// The `issuer=` line of the "Server certificate" section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_issuer: Option<String>,
    /// Whether the client said no certificate was received ("no peer certificate available").
    pub no_peer_certificate: bool,
    /// "Peer signing digest: SHA256".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_signing_digest: Option<String>,
    /// "Peer signature type: ECDSA".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_signature_type: Option<String>,
    /// "Server Temp Key: X25519, 253 bits".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_temp_key: Option<String>,
    /// With `-status`: "no response sent", or the OCSP response status ("successful (0x0)").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocsp_response: Option<String>,
    /// With `-status`: the stapled response's "Cert Status" (good, revoked, unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocsp_cert_status: Option<String>,
    /// The first line the mail server itself said ("* OK ...", "+OK ...", "220 ...").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    /// Why the connection or handshake failed, when a line says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
    /// Error lines (OpenSSL's error stack, the other clients' error lines), as printed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// How the run ended, when the transcript says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<CaptureEnd>,
    /// What the transcript lacks because it was cut off, in the order it would have come.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Missing>,
}

/// One depth of the chain a transcript lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct ChainSummary {
    /// The depth number printed (0 is the server's certificate).
    pub depth: u32,
    /// The subject as printed (`CN = x` or `/CN=x` form).
    pub subject: String,
    /// The issuer as printed.
    pub issuer: String,
    /// The `a:` line (key and signature algorithm), OpenSSL 3 and gnutls-cli only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The `v:` line (`NotBefore` and `NotAfter`), OpenSSL 3 and gnutls-cli only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity: Option<String>,
}

/// One "verify error" line of an `s_client` transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct VerifyError {
    /// The depth from the `depth=N` line before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<u32>,
    /// The OpenSSL verify error number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// The message as printed.
    pub message: String,
}

/// Why a connection or handshake failed, as the transcript says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Failure {
    /// What kind of failure.
    pub kind: FailureKind,
    /// The line that says so, as printed.
    pub line: String,
    /// The TLS alert number, for alerts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<u8>,
}

/// The kinds of failure a transcript can show, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// Nothing listens on the port (ECONNREFUSED).
    ConnectionRefused,
    /// No answer to the connection attempt (ETIMEDOUT): a firewall, or the wrong address.
    TimedOut,
    /// The host name does not resolve.
    NameNotResolved,
    /// No route to the host or network.
    Unreachable,
    /// `-starttls` was used but the server did not offer STARTTLS.
    StarttlsNotOffered,
    /// The server answered in plaintext where TLS was expected ("wrong version number",
    /// "packet length too long", "unknown protocol", Java's "Unsupported or unrecognized SSL
    /// message"): implicit TLS against a STARTTLS or plaintext port.
    NotTls,
    /// The server (or the client) sent a TLS alert.
    Alert,
    /// The client could not offer or accept the protocol versions ("no protocols available",
    /// "unsupported protocol").
    NoCommonProtocol,
    /// The server closed the connection during the handshake.
    ClosedDuringHandshake,
    /// The client received no certificate and says no more (keytool).
    NoCertificate,
    /// Another error line.
    Other,
}

impl FailureKind {
    /// How specific a kind is: a more specific one replaces a less specific one.
    fn rank(self) -> u8 {
        match self {
            FailureKind::ConnectionRefused
            | FailureKind::TimedOut
            | FailureKind::NameNotResolved
            | FailureKind::Unreachable => 5,
            FailureKind::StarttlsNotOffered => 4,
            FailureKind::NotTls => 3,
            FailureKind::Alert | FailureKind::NoCommonProtocol => 2,
            FailureKind::ClosedDuringHandshake | FailureKind::NoCertificate => 1,
            FailureKind::Other => 0,
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureEnd {
    /// `DONE`: the client reached the end of its input and closed the connection.
    Done,
    /// `closed` (gnutls-cli: "Peer has closed"): the server closed the connection.
    ServerClosed,
    /// `read:errno=N` or `write:errno=N`: the connection broke.
    ConnectionError,
    /// `^C`: the user interrupted the client.
    Interrupted,
}

/// Something a transcript lacks because it was cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// A command line with no output after it.
    Output,
    /// The command sent its error messages to /dev/null, and nothing else was printed.
    ErrorMessages,
    /// A certificate's PEM block has no END line.
    CertificateEnd,
    /// The connection was made but the handshake's outcome is not there.
    HandshakeResult,
}

// ---------------------------------------------------------------------------------------------
// Recognising a transcript
// ---------------------------------------------------------------------------------------------

/// Whether a line says a text is a transcript (any client).
pub(super) fn is_transcript_line(t: &str) -> bool {
    t.starts_with("CONNECTED(")
        || t == "Certificate chain"
        || t.starts_with("SSL-Session:")
        || t.starts_with("connect:errno=")
        || t == "CONNECTION ESTABLISHED"
        || t.starts_with("Connecting to '")
        || t.starts_with("- Got a certificate list of")
        || t.starts_with("- Certificate type: X.509")
        || t.starts_with("Could not connect to ")
        || t.starts_with("Cannot resolve ")
        || t.starts_with("keytool error:")
        || t.strip_prefix("Certificate #").is_some_and(|n| n.parse::<u32>().is_ok())
        || is_command_line(t)
}

/// Whether a line runs one of the clients read here (after any shell prompt) against a host.
///
/// A line that names `s_client` but no host ("I ran openssl s_client and got:") is prose.
pub(super) fn is_command_line(t: &str) -> bool {
    command_client(t).is_some() && parse_command(t).host.is_some()
}

/// Which client a command line runs, and where its name starts.
fn command_client(t: &str) -> Option<(Client, usize)> {
    let mut offset = 0usize;
    let mut openssl_at = None;
    for word in t.split(' ') {
        let at = offset;
        offset = offset.saturating_add(word.len()).saturating_add(1);
        let name = word.rsplit(['/', '\\']).next().unwrap_or(word);
        let name = name.strip_suffix(".exe").unwrap_or(name);
        match name {
            "openssl" => openssl_at = openssl_at.or(Some(at)),
            "s_client" => return Some((Client::Openssl, openssl_at.unwrap_or(at))),
            "gnutls-cli" => return Some((Client::GnutlsCli, at)),
            "keytool" if t.contains("-sslserver") || t.contains("-printcert") => return Some((Client::Keytool, at)),
            _ => {}
        }
    }
    None
}

/// The facts of a command line.
#[derive(Debug, Default)]
struct CommandFacts<'a> {
    client: Client,
    command: &'a str,
    host: Option<&'a str>,
    port: Option<u16>,
    servername: Option<&'a str>,
    no_servername: bool,
    starttls: Option<&'a str>,
    showcerts: bool,
    verify_hostname: Option<&'a str>,
    trust: Option<String>,
    version_forced: Option<&'static str>,
    stderr_hidden: bool,
}

/// Reads a command line of any client; reading stops at a pipe or redirection.
fn parse_command(t: &str) -> CommandFacts<'_> {
    let Some((client, start)) = command_client(t) else {
        return CommandFacts::default();
    };
    let command = t.get(start..).unwrap_or(t).trim();
    let mut facts = CommandFacts { client, command, ..CommandFacts::default() };
    // NOTE: `2>/dev/null` (`2>nul`, `2>$null` on Windows) hides every error message.
    let squeezed: String = command.split_whitespace().collect::<Vec<_>>().join("").to_ascii_lowercase();
    facts.stderr_hidden = ["2>/dev/null", "2>nul", "2>$null"].iter().any(|r| squeezed.contains(r));
    let mut words = command.split_whitespace().skip(1);
    if client == Client::Openssl {
        // Skip to the word after `s_client`.
        for w in words.by_ref() {
            if w == "s_client" {
                break;
            }
        }
    }
    while let Some(word) = words.next() {
        if word.starts_with(['|', '<', '>', ';', '&']) || word.starts_with("2>") || word.starts_with("1>") {
            break;
        }
        match (client, word) {
            (Client::Openssl, "-connect") => {
                if let Some(target) = words.next() {
                    let (host, port) = split_host_port(unquote(target));
                    facts.host = Some(host);
                    facts.port = port;
                }
            }
            (Client::Openssl, "-host") => facts.host = words.next().map(unquote),
            (Client::Openssl, "-port") => facts.port = words.next().and_then(|p| unquote(p).parse().ok()),
            (Client::Openssl, "-servername") => facts.servername = words.next().map(unquote),
            (Client::Openssl, "-noservername") => facts.no_servername = true,
            (Client::Openssl, "-starttls") => facts.starttls = words.next().map(unquote),
            (Client::Openssl, "-showcerts") => facts.showcerts = true,
            (Client::Openssl, "-verify_hostname" | "-verify_ip") => facts.verify_hostname = words.next().map(unquote),
            (Client::Openssl, "-CAfile" | "-CApath" | "-CAstore") => {
                facts.trust = words.next().map(|v| format!("{word} {}", unquote(v)));
            }
            (Client::Openssl, "-ssl3") => facts.version_forced = Some("SSLv3"),
            (Client::Openssl, "-tls1") => facts.version_forced = Some("TLSv1"),
            (Client::Openssl, "-tls1_1") => facts.version_forced = Some("TLSv1.1"),
            (Client::Openssl, "-tls1_2") => facts.version_forced = Some("TLSv1.2"),
            (Client::Openssl, "-tls1_3") => facts.version_forced = Some("TLSv1.3"),
            // OpenSSL 3 also takes host:port as a bare argument.
            (Client::Openssl, w) if !w.starts_with('-') && facts.host.is_none() => {
                let (host, port) = split_host_port(unquote(w));
                if port.is_some() {
                    facts.host = Some(host);
                    facts.port = port;
                }
            }
            (Client::GnutlsCli, "-p" | "--port") => facts.port = words.next().and_then(|p| unquote(p).parse().ok()),
            (Client::GnutlsCli, "--sni-hostname") => facts.servername = words.next().map(unquote),
            (Client::GnutlsCli, "--verify-hostname") => facts.verify_hostname = words.next().map(unquote),
            (Client::GnutlsCli, "--starttls-proto") => facts.starttls = words.next().map(unquote),
            (Client::GnutlsCli, "--print-cert") => facts.showcerts = true,
            (Client::GnutlsCli, "--x509cafile") => facts.trust = words.next().map(|v| format!("{word} {}", unquote(v))),
            (Client::GnutlsCli, "--disable-sni") => facts.no_servername = true,
            (Client::GnutlsCli, w) => {
                if let Some(v) = w.strip_prefix("--port=") {
                    facts.port = v.parse().ok();
                } else if let Some(v) = w.strip_prefix("--sni-hostname=") {
                    facts.servername = Some(unquote(v));
                } else if let Some(v) = w.strip_prefix("--verify-hostname=") {
                    facts.verify_hostname = Some(unquote(v));
                } else if let Some(v) = w.strip_prefix("--starttls-proto=") {
                    facts.starttls = Some(unquote(v));
                } else if let Some(v) = w.strip_prefix("--x509cafile=") {
                    facts.trust = Some(format!("--x509cafile {}", unquote(v)));
                } else if !w.starts_with('-') && facts.host.is_none() {
                    facts.host = Some(unquote(w));
                }
            }
            (Client::Keytool, "-sslserver") => {
                if let Some(target) = words.next() {
                    let (host, port) = split_host_port(unquote(target));
                    facts.host = Some(host);
                    // keytool's default port is 443.
                    facts.port = port.or(Some(443));
                }
            }
            (Client::Keytool, "-rfc") => facts.showcerts = true,
            _ => {}
        }
    }
    facts
}

fn unquote(w: &str) -> &str {
    w.trim_matches(|c| c == '"' || c == '\'')
}

/// Splits "host:port", "[v6]:port" or a bare host.
fn split_host_port(target: &str) -> (&str, Option<u16>) {
    if let Some((host, rest)) = target.strip_prefix('[').and_then(|v6| v6.split_once(']')) {
        return (host, rest.strip_prefix(':').and_then(|p| p.parse().ok()));
    }
    match target.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, port.parse().ok()),
        _ => (target, None),
    }
}

fn is_ip(host: &str) -> bool {
    host.parse::<IpAddr>().is_ok()
}

/// A protocol or cipher value, or `None` for OpenSSL's "nothing negotiated" spellings.
fn known(v: &str) -> Option<&str> {
    let v = v.trim();
    (!matches!(v, "" | "(NONE)" | "0000" | "NONE")).then_some(v)
}

fn field(s: &str) -> String {
    // Pasted text shows names too: hidden characters are escaped as in certificates.
    crate::text::escape(&truncate_chars(s.trim(), MAX_FIELD_CHARS)).into_owned()
}

/// Reads " 0 s:CN = x" (after trimming: "0 s:CN = x") into the depth and the subject.
fn chain_subject_line(t: &str) -> Option<(u32, &str)> {
    let (num, rest) = t.split_once(' ')?;
    let depth = num.parse::<u32>().ok()?;
    Some((depth, rest.trim_start().strip_prefix("s:")?))
}

/// The reason field of an OpenSSL or LibreSSL error line:
/// `ADDR:error:CODE:LIBRARY:FUNCTION:REASON:FILE:LINE:DATA`.
fn error_reason(t: &str) -> Option<&str> {
    let rest = t.split_once(":error:")?.1;
    rest.split(':').nth(3)
}

/// `(errno, kind)` for the socket errors of Linux, the BSDs and macOS, and Windows (WSA).
fn errno_kind(errno: i64) -> Option<FailureKind> {
    match errno {
        111 | 61 | 10061 => Some(FailureKind::ConnectionRefused),
        110 | 60 | 10060 => Some(FailureKind::TimedOut),
        113 | 101 | 65 | 51 | 10065 | 10051 => Some(FailureKind::Unreachable),
        // EPIPE and ECONNRESET: the server hung up.
        32 | 104 | 54 | 10054 => Some(FailureKind::ClosedDuringHandshake),
        _ => None,
    }
}

/// Classifies a failure line by its words, whatever client printed it.
fn failure_kind(t: &str) -> Option<(FailureKind, Option<u8>)> {
    let lower = t.to_ascii_lowercase();
    let has = |s: &str| lower.contains(s);
    let reason = error_reason(t).map(str::to_ascii_lowercase).unwrap_or_default();
    let kind = if has("connection refused") {
        FailureKind::ConnectionRefused
    } else if has("timed out") {
        FailureKind::TimedOut
    } else if has("name or service not known")
        || has("nodename nor servname")
        || has("no address associated")
        || has("temporary failure in name resolution")
        || has("no such host is known")
        || has("cannot resolve")
        || has("could not resolve")
        || has("unknownhostexception")
        || has("getaddrinfo")
    {
        FailureKind::NameNotResolved
    } else if has("no route to host") || has("network is unreachable") || has("host is unreachable") {
        FailureKind::Unreachable
    } else if has("find starttls") {
        FailureKind::StarttlsNotOffered
    } else if has("wrong version number")
        || has("packet length too long")
        || has("unknown protocol")
        || has("http request")
        || has("record layer failure")
        || has("unsupported or unrecognized ssl message")
        || has("unexpected tls packet")
        || has("packet with unexpected length")
    {
        FailureKind::NotTls
    } else if has(" alert ") || reason.contains("alert") || has("received alert") || has("received fatal alert") {
        let alert = lower
            .split_once("alert number ")
            .or_else(|| lower.split_once("received alert ["))
            .and_then(|(_, n)| n.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok());
        return Some((FailureKind::Alert, alert));
    } else if has("no protocols available") || has("unsupported protocol") || has("no appropriate protocol") {
        FailureKind::NoCommonProtocol
    } else if has("unexpected eof") || has("non-properly terminated") || has("connection reset") || has("broken pipe") {
        FailureKind::ClosedDuringHandshake
    } else if has("no certificate from the ssl server") {
        FailureKind::NoCertificate
    } else {
        FailureKind::Other
    };
    Some((kind, None))
}

/// The service a server's first words name: IMAP, POP3 or SMTP.
fn greeting_line(t: &str) -> bool {
    const IMAP: [&str; 4] = ["* OK", "* BYE", "* PREAUTH", ". OK"];
    const POP3: [&str; 2] = ["+OK", "-ERR"];
    IMAP.iter().chain(POP3.iter()).any(|p| t.starts_with(p))
        || matches!(t.as_bytes(), [b'2' | b'4' | b'5', b'0'..=b'9', b'0'..=b'9', b' ' | b'-', ..])
}

/// "TLS1.3" (gnutls-cli) as OpenSSL spells it, "TLSv1.3".
fn openssl_spelling(version: &str) -> String {
    match version.strip_prefix("TLS1") {
        Some(rest) => format!("TLSv1{rest}"),
        None => version.replace("SSL3.0", "SSLv3"),
    }
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/// The capture being read, with the state its lines need.
#[derive(Default)]
struct Current {
    cap: Capture,
    /// Whether any line of it was recognised.
    any: bool,
    in_chain: bool,
    in_ocsp: bool,
    pending_depth: Option<u32>,
    verify_depth: Option<u32>,
    /// Its summary ("Verify return code", gnutls-cli's status) has been read.
    summary: bool,
    /// Lines of the command: how many after it.
    lines_after_command: usize,
    no_sni_line: bool,
    slash_form: bool,
    no_servername: bool,
    host_from_command: bool,
    /// gnutls-cli: a "Connecting to" line was seen.
    connecting: bool,
    /// keytool: the listing "Certificate #N" being read.
    keytool_listing: bool,
}

/// Reads transcript lines into captures.
#[derive(Default)]
pub(super) struct Transcripts {
    done: Vec<Capture>,
    cur: Option<Current>,
    /// Diagnostic lines seen after the current capture's summary, for the next capture.
    held: Vec<String>,
    /// Held lines are being given back: read them, do not hold them again.
    replaying: bool,
    /// A limit that stopped reading, for the collector to report.
    pub(super) limit: Option<(&'static str, usize)>,
    /// A capture listed more than MAX_CAPTURE_ENTRIES entries of one kind: the rest of that
    /// list was skipped, but reading goes on (the certificates that follow still count).
    pub(super) entries_cut: bool,
}

impl Transcripts {
    /// All captures read, in order.
    pub(super) fn finish(mut self) -> Vec<Capture> {
        self.release_held();
        self.close_current();
        self.done
    }

    /// Whether a capture is being read.
    pub(super) fn active(&self) -> bool {
        self.cur.is_some()
    }

    /// The format of a certificate found now.
    pub(super) fn cert_format(&self) -> super::InputFormat {
        match self.cur.as_ref().map(|c| c.cap.client) {
            Some(Client::GnutlsCli) => super::InputFormat::GnutlsCli,
            Some(Client::Keytool) => super::InputFormat::Keytool,
            _ => super::InputFormat::SClient,
        }
    }

    /// A certificate PEM block starts: counts it and returns the depth the transcript gave it.
    pub(super) fn begin_certificate(&mut self) -> Option<u32> {
        let cur = self.cur.as_mut()?;
        if cur.in_ocsp {
            // NOTE: a stapled OCSP response may carry its responder's certificate.
            return None;
        }
        cur.any = true;
        cur.cap.bodies = cur.cap.bodies.saturating_add(1);
        cur.pending_depth.take()
    }

    /// Certificates `first..end` of the input were found in the current capture.
    pub(super) fn certificates(&mut self, first: usize, end: usize) {
        if let Some(cur) = self.cur.as_mut() {
            cur.cap.certs.extend(first..end);
        }
    }

    /// A certificate's PEM block ran to the end of the input.
    pub(super) fn cut_certificate(&mut self) {
        if let Some(cur) = self.cur.as_mut()
            && !cur.cap.missing.contains(&Missing::CertificateEnd)
        {
            cur.cap.missing.push(Missing::CertificateEnd);
        }
    }

    /// Reads one trimmed line; returns whether it belongs to a transcript.
    pub(super) fn line(&mut self, t: &str) -> bool {
        if self.limit.is_some() {
            return false;
        }
        if let Some(cur) = self.cur.as_mut()
            && cur.cap.command.is_some()
            && !t.is_empty()
        {
            cur.lines_after_command = cur.lines_after_command.saturating_add(1);
        }
        if is_command_line(t) {
            self.release_held();
            if self.cur.as_ref().is_some_and(|c| c.any) {
                self.start();
            }
            let facts = parse_command(t);
            let cur = self.current();
            cur.any = true;
            cur.lines_after_command = 0;
            apply_command(cur, &facts);
            return true;
        }
        // Diagnostics after the summary belong to the next capture, if one follows.
        if !self.replaying && self.cur.as_ref().is_some_and(|c| c.summary) && is_diagnostic(t) {
            if self.held.len() < MAX_CAPTURE_ENTRIES {
                self.held.push(t.to_owned());
            }
            return true;
        }
        if t.starts_with("CONNECTED(") && self.cur.as_ref().is_some_and(|c| c.cap.connected) {
            self.start();
            self.release_held();
        }
        if t.starts_with("Processed ")
            && t.contains("CA certificate")
            && self.cur.as_ref().is_some_and(|c| c.connecting)
        {
            self.release_held();
            self.start();
        }
        self.read(t)
    }

    /// Gives held diagnostics to the current capture.
    fn release_held(&mut self) {
        let held = std::mem::take(&mut self.held);
        self.replaying = true;
        for h in &held {
            self.read(h);
        }
        self.replaying = false;
    }

    /// The capture being read, started if there is none.
    fn current(&mut self) -> &mut Current {
        self.cur.get_or_insert_with(Current::default)
    }

    /// Closes the current capture and starts a new one.
    fn start(&mut self) {
        if self.done.len().saturating_add(1) >= MAX_CAPTURES {
            self.limit = Some(("MAX_CAPTURES", MAX_CAPTURES));
            return;
        }
        self.close_current();
        self.cur = Some(Current::default());
    }

    fn close_current(&mut self) {
        let Some(cur) = self.cur.take() else {
            return;
        };
        self.done.push(finish_capture(cur));
    }

    /// Records a fact of the current capture; returns whether the line was one.
    fn read(&mut self, t: &str) -> bool {
        let recognised = read_line(self.current(), t);
        match recognised {
            Ok(true) => {
                self.current().any = true;
                true
            }
            Ok(false) => false,
            Err(_) => {
                self.entries_cut = true;
                true
            }
        }
    }
}

/// Lines a client writes to stderr, which with `2>&1` come before the rest of their run.
fn is_diagnostic(t: &str) -> bool {
    t.starts_with("depth=")
        || t.starts_with("verify error:")
        || t.starts_with("verify return:")
        || t.starts_with("connect:errno=")
        || t.contains(":error:")
        || t == "Can't use SSL_get_servername"
}

fn apply_command(cur: &mut Current, f: &CommandFacts<'_>) {
    let cap = &mut cur.cap;
    cap.client = f.client;
    cap.command = Some(field(f.command));
    cap.connect_host = f.host.map(field);
    cur.host_from_command = f.host.is_some();
    cap.connect_port = f.port;
    cap.servername = f.servername.map(field);
    cap.starttls = f.starttls.map(field);
    cap.verify_hostname = f.verify_hostname.map(field);
    cap.trust = f.trust.as_deref().map(field);
    cap.version_forced = f.version_forced.map(str::to_owned);
    cap.stderr_hidden = f.stderr_hidden;
    cap.showcerts |= f.showcerts;
    cur.no_servername = f.no_servername;
}

/// Records a failure unless a more specific one is known.
fn fail(cap: &mut Capture, kind: FailureKind, alert: Option<u8>, t: &str) {
    // gnutls-cli says "A TLS fatal alert has been received." before it names the alert.
    let names_the_alert = |f: &Failure| f.kind == kind && f.alert.is_none() && alert.is_some();
    if cap.failure.as_ref().is_none_or(|f| kind.rank() > f.kind.rank() || names_the_alert(f)) {
        cap.failure = Some(Failure { kind, line: field(t), alert });
    }
}

/// Keeps an error line (bounded) and classifies it.
fn error_line(cap: &mut Capture, t: &str) -> Result<bool, &'static str> {
    if cap.errors.len() >= MAX_CAPTURE_ENTRIES {
        return Err("MAX_CAPTURE_ENTRIES");
    }
    cap.errors.push(field(t));
    if let Some((kind, alert)) = failure_kind(t) {
        fail(cap, kind, alert, t);
    }
    Ok(true)
}

/// Reads one line of any client into the capture; `Err` names a limit reached.
fn read_line(cur: &mut Current, t: &str) -> Result<bool, &'static str> {
    if t == "---" {
        cur.in_chain = false;
        cur.in_ocsp = false;
        return Ok(true);
    }
    if let Some(done) = chain_line(cur, t)? {
        return Ok(done);
    }
    let cap = &mut cur.cap;
    // LibreSSL's own wording: "try anyway", its TLS 1.3 cipher names ("AEAD-AES256-GCM-SHA384"),
    // and its source paths in error lines (/AppleInternal/.../libressl-3.3/ssl/...).
    if t.contains("try anyway...") || t.contains("Cipher is AEAD-") || t.to_ascii_lowercase().contains("libressl") {
        cap.client = Client::Libressl;
    }
    if t.starts_with("CONNECTED(") {
        cap.connected = true;
    } else if t == "Certificate chain" {
        cur.in_chain = true;
    } else if t == "Server certificate" {
        cur.pending_depth = Some(0);
    } else if let Some(rest) = t.strip_prefix("depth=") {
        let num = rest.split(|c: char| !c.is_ascii_digit()).next().unwrap_or_default();
        cur.verify_depth = num.parse().ok();
        cur.slash_form |= rest.contains(" /");
    } else if let Some(rest) = t.strip_prefix("verify error:") {
        if cap.verify_errors.len() >= MAX_CAPTURE_ENTRIES {
            return Err("MAX_CAPTURE_ENTRIES");
        }
        let rest = rest.strip_prefix("num=").unwrap_or(rest);
        let (code, message) = match rest.split_once(':') {
            Some((num, msg)) => (num.trim().parse().ok(), msg),
            None => (None, rest),
        };
        cap.verify_errors.push(VerifyError { depth: cur.verify_depth, code, message: field(message) });
    } else if t.starts_with("verify return:") || t.starts_with("SSL-Session:") || t == "read R BLOCK" {
        // Recognised, nothing to keep: the return value repeats the verify error lines.
    } else if t == "Can't use SSL_get_servername" {
        // OpenSSL's servername callback found no name: no SNI was sent.
        cur.no_sni_line = true;
    } else if let Some(v) = t.strip_prefix("subject=") {
        cap.server_subject.get_or_insert_with(|| field(v));
        cur.slash_form |= v.starts_with('/');
    } else if let Some(v) = t.strip_prefix("issuer=") {
        cap.server_issuer.get_or_insert_with(|| field(v));
    } else if let Some(v) = t.strip_prefix("Peer certificate:") {
        // -brief
        cap.server_subject.get_or_insert_with(|| field(v));
    } else if t.contains("no peer certificate available") {
        cap.no_peer_certificate = true;
    } else if let Some(v) = t.strip_prefix("Peer signing digest:").or_else(|| t.strip_prefix("Hash used:")) {
        cap.peer_signing_digest = Some(field(v));
    } else if let Some(v) = t.strip_prefix("Peer signature type:").or_else(|| t.strip_prefix("Signature type:")) {
        cap.peer_signature_type = Some(field(v));
    } else if let Some(v) = t.strip_prefix("Server Temp Key:").or_else(|| t.strip_prefix("Peer Temp Key:")) {
        cap.server_temp_key = Some(field(v));
    } else if t == "Verification: OK" {
        cap.verification_ok = Some(true);
    } else if let Some(v) = t.strip_prefix("Verification error:") {
        cap.verification_ok = Some(false);
        cap.verification_error = Some(field(v));
    } else if let Some(v) = t.strip_prefix("Verified peername:") {
        cap.verified_peername = Some(field(v));
    } else if t == "CONNECTION ESTABLISHED" {
        cap.connected = true;
        cap.handshake_complete = true;
    } else if let Some(v) = t.strip_prefix("Protocol version:") {
        cap.protocol = known(v).map(field);
    } else if let Some(v) = t.strip_prefix("Ciphersuite:") {
        cap.cipher = known(v).map(field);
        cap.handshake_complete |= cap.cipher.is_some();
    } else if let Some((protocol, cipher)) =
        t.strip_prefix("New, ").or_else(|| t.strip_prefix("Reused, ")).and_then(|r| r.split_once(", Cipher is "))
    {
        // NOTE: the version here is the cipher's ("TLSv1.0" for a TLS 1.1 session, the vague
        // "TLSv1/SSLv3" in OpenSSL 1.0); the SSL-Session block's Protocol line wins.
        if cap.protocol.is_none() {
            cap.protocol = known(protocol).map(field);
        }
        if let Some(cipher) = known(cipher) {
            cap.cipher.get_or_insert_with(|| field(cipher));
            cap.handshake_complete = true;
        }
    } else if let Some(v) = t.strip_prefix("Verify return code:") {
        if cap.verify_return_code.is_none() {
            let v = v.trim();
            let (num, msg) = v.split_once(' ').unwrap_or((v, ""));
            cap.verify_return_code = num.parse().ok();
            let msg = msg.trim();
            let msg = msg.strip_prefix('(').and_then(|m| m.strip_suffix(')')).unwrap_or(msg);
            cap.verify_message = (!msg.is_empty()).then(|| field(msg));
        }
        cur.summary = true;
    } else if let Some(v) = t.strip_prefix("OCSP response:") {
        cur.in_ocsp = true;
        let v = v.trim();
        if !v.is_empty() {
            cap.ocsp_response = Some(field(v));
        }
    } else if let (true, Some(v)) = (cur.in_ocsp, t.strip_prefix("OCSP Response Status:")) {
        cap.ocsp_response = Some(field(v));
    } else if let (true, Some(v)) = (cur.in_ocsp, t.strip_prefix("Cert Status:")) {
        cap.ocsp_cert_status.get_or_insert_with(|| field(v));
    } else if cur.in_ocsp {
        // The rest of a printed OCSP response.
    } else if let Some((key, value)) = t.split_once(':')
        && matches!(key.trim(), "Protocol" | "Cipher")
    {
        let value = known(value.trim()).map(field);
        if key.trim() == "Protocol" {
            cap.protocol = value.or(cap.protocol.take());
        } else {
            cap.cipher = value.or(cap.cipher.take());
        }
    } else if t.to_ascii_lowercase().contains("find starttls") {
        cap.starttls_offered = Some(false);
        fail(cap, FailureKind::StarttlsNotOffered, None, t);
    } else if t == "DONE" {
        cap.end = Some(CaptureEnd::Done);
    } else if t == "closed" {
        cap.end = Some(CaptureEnd::ServerClosed);
    } else if t == "^C" {
        cap.end = Some(CaptureEnd::Interrupted);
    } else if let Some(n) = t.strip_prefix("connect:errno=") {
        let errno = n.trim().parse().unwrap_or(0);
        if let Some(kind) = errno_kind(errno) {
            fail(cap, kind, None, t);
        }
    } else if let Some(n) = t.strip_prefix("write:errno=").or_else(|| t.strip_prefix("read:errno=")) {
        let errno = n.trim().parse().unwrap_or(0);
        if !cap.handshake_complete
            && let Some(kind) = errno_kind(errno)
        {
            fail(cap, kind, None, t);
        }
        if cap.handshake_complete {
            cap.end = Some(CaptureEnd::ConnectionError);
        }
    } else if t.contains(":error:") || t.starts_with("getaddrinfo:") || t.starts_with("connect: ") {
        return error_line(cap, t);
    } else if let Some(v) = t.strip_prefix("Connecting to ") {
        // gnutls-cli: "Connecting to '127.0.0.1:993'..."; OpenSSL 3.2+: "Connecting to 127.0.0.1".
        if v.starts_with('\'') {
            cap.client = Client::GnutlsCli;
            cur.connecting = true;
            let target = v.trim_start_matches('\'').trim_end_matches("...").trim_end_matches('\'');
            if !cur.host_from_command {
                let (host, port) = split_host_port(target);
                cap.connect_host = Some(field(host));
                cap.connect_port = cap.connect_port.or(port);
            }
        }
    } else {
        return gnutls_or_keytool_line(cur, t);
    }
    Ok(true)
}

/// Lines of the "Certificate chain" section and of gnutls-cli's and keytool's listings.
fn chain_line(cur: &mut Current, t: &str) -> Result<Option<bool>, &'static str> {
    let cap = &mut cur.cap;
    if cur.in_chain {
        if let Some((depth, subject)) = chain_subject_line(t) {
            if cap.chain.len() >= MAX_CAPTURE_ENTRIES {
                return Err("MAX_CAPTURE_ENTRIES");
            }
            cur.slash_form |= subject.starts_with('/');
            cap.chain.push(ChainSummary {
                depth,
                subject: field(subject),
                issuer: String::new(),
                key: None,
                validity: None,
            });
            cur.pending_depth = Some(depth);
            return Ok(Some(true));
        }
        if let Some(last) = cap.chain.last_mut() {
            if let Some(v) = t.strip_prefix("i:") {
                last.issuer = field(v);
                return Ok(Some(true));
            }
            if let Some(v) = t.strip_prefix("a:") {
                last.key = Some(field(v));
                return Ok(Some(true));
            }
            if let Some(v) = t.strip_prefix("v:") {
                last.validity = Some(field(v));
                return Ok(Some(true));
            }
        }
    }
    // gnutls-cli: "- Certificate[1] info:" then " - subject `CN=x', issuer `CN=y', serial ..., RSA
    // key 2048 bits, signed using RSA-SHA256, activated `...', expires `...', pin-sha256=..."
    if let Some(n) = t.strip_prefix("- Certificate[").and_then(|r| r.strip_suffix("] info:")) {
        if cap.chain.len() >= MAX_CAPTURE_ENTRIES {
            return Err("MAX_CAPTURE_ENTRIES");
        }
        cap.client = Client::GnutlsCli;
        cap.connected = true;
        let depth = n.parse().unwrap_or(u32::try_from(cap.chain.len()).unwrap_or(u32::MAX));
        cap.chain.push(ChainSummary {
            depth,
            subject: String::new(),
            issuer: String::new(),
            key: None,
            validity: None,
        });
        cur.pending_depth = Some(depth);
        return Ok(Some(true));
    }
    if let (Some(rest), Some(last)) = (t.strip_prefix("- subject `"), cap.chain.last_mut())
        && last.subject.is_empty()
    {
        let quoted =
            |s: &str, key: &str| s.split_once(key).and_then(|(_, r)| r.split_once('\'')).map(|(v, _)| field(v));
        last.subject = rest.split_once('\'').map(|(v, _)| field(v)).unwrap_or_default();
        last.issuer = quoted(rest, "issuer `").unwrap_or_default();
        let parts: Vec<&str> = rest.split(", ").collect();
        let key = parts.iter().find(|p| p.contains(" key ")).copied();
        let signed = parts.iter().find(|p| p.starts_with("signed using")).copied();
        last.key = match (key, signed) {
            (Some(k), Some(s)) => Some(field(&format!("{k}; {s}"))),
            (Some(k), None) => Some(field(k)),
            _ => None,
        };
        last.validity = match (quoted(rest, "activated `"), quoted(rest, "expires `")) {
            (Some(a), Some(e)) => Some(field(&format!("activated {a}; expires {e}"))),
            _ => None,
        };
        return Ok(Some(true));
    }
    // keytool without -rfc: "Certificate #0", "=====", "Owner: CN=x", "Issuer: CN=y".
    if let Some(n) = t.strip_prefix("Certificate #").and_then(|n| n.parse::<u32>().ok()) {
        if cap.chain.len() >= MAX_CAPTURE_ENTRIES {
            return Err("MAX_CAPTURE_ENTRIES");
        }
        cap.client = Client::Keytool;
        cur.keytool_listing = true;
        cap.chain.push(ChainSummary {
            depth: n,
            subject: String::new(),
            issuer: String::new(),
            key: None,
            validity: None,
        });
        return Ok(Some(true));
    }
    if cur.keytool_listing {
        if let (Some(v), Some(last)) = (t.strip_prefix("Owner:"), cap.chain.last_mut()) {
            last.subject = field(v);
            return Ok(Some(true));
        }
        if let (Some(v), Some(last)) = (t.strip_prefix("Issuer:"), cap.chain.last_mut()) {
            last.issuer = field(v);
            return Ok(Some(true));
        }
        if let (Some(v), Some(last)) = (t.strip_prefix("Valid from:"), cap.chain.last_mut()) {
            last.validity = Some(field(&format!("Valid from:{v}")));
            return Ok(Some(true));
        }
    }
    Ok(None)
}

/// gnutls-cli's and keytool's own lines, and a mail server's plaintext; `Ok(false)` for others.
fn gnutls_or_keytool_line(cur: &mut Current, t: &str) -> Result<bool, &'static str> {
    let cap = &mut cur.cap;
    if t.starts_with("Processed ") && t.contains("CA certificate") || t.starts_with("Resolving '") {
        cap.client = Client::GnutlsCli;
    } else if t.starts_with("- Certificate type:") || t.starts_with("- Got a certificate list of") {
        cap.client = Client::GnutlsCli;
        cap.connected = true;
    } else if let Some(v) = t.strip_prefix("- Status: ") {
        cur.summary = true;
        let v = v.trim();
        if let Some(reasons) = v.strip_prefix("The certificate is NOT trusted.") {
            cap.verification_ok = Some(false);
            cap.verification_error = Some(field(reasons));
        } else if v.starts_with("The certificate is trusted.") {
            cap.verification_ok = Some(true);
        }
    } else if t.starts_with("*** PKI verification of server certificate failed") {
        cap.verification_ok = Some(false);
    } else if let Some(v) = t.strip_prefix("- Description:") {
        // "(TLS1.3-X.509)-(ECDHE-SECP256R1)-(RSA-PSS-RSAE-SHA256)-(AES-256-GCM)"
        let v = v.trim();
        if let Some(version) = v.strip_prefix('(').and_then(|r| r.split(['-', ')']).next()) {
            cap.protocol = Some(field(&openssl_spelling(version)));
        }
        cap.cipher = Some(field(v));
        cap.handshake_complete = true;
    } else if let Some(v) = t.strip_prefix("- Version:") {
        cap.protocol = Some(field(&openssl_spelling(v.trim())));
    } else if let Some(v) = t.strip_prefix("- Cipher:") {
        cap.cipher.get_or_insert_with(|| field(v));
    } else if t == "- Handshake was completed" {
        cap.handshake_complete = true;
        cur.summary = true;
    } else if t == "- Peer has closed the GnuTLS connection" {
        cap.end = Some(CaptureEnd::ServerClosed);
    } else if let Some(v) = t.strip_prefix("*** Fatal error:") {
        cur.summary = true;
        if v.trim() == "Error in the certificate." {
            // The certificate failed verification; the status line says why.
            cap.verification_ok = Some(false);
        } else {
            return error_line(cap, t);
        }
    } else if t.starts_with("*** Received alert")
        || t.starts_with("*** Handshake has failed")
        || t.starts_with("GnuTLS error:")
    {
        return error_line(cap, t);
    } else if t.starts_with("Could not connect to ") || t.starts_with("Cannot resolve ") {
        cap.client = Client::GnutlsCli;
        return error_line(cap, t);
    } else if let Some(v) = t.strip_prefix("keytool error:") {
        cap.client = Client::Keytool;
        if v.contains("No certificate from the SSL server") {
            cap.no_peer_certificate = true;
        }
        return error_line(cap, t);
    } else if t.starts_with("- ") && cap.client == Client::GnutlsCli {
        // Other "- Key Exchange:", "- Session ID:", "- Options:" lines.
    } else if (cap.connected || cap.handshake_complete) && greeting_line(t) {
        cap.greeting.get_or_insert_with(|| field(t));
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// Fills in what a capture's lines say only together: SNI, showcerts, what is missing.
fn finish_capture(cur: Current) -> Capture {
    let mut cap = cur.cap;
    cap.showcerts |= cap.bodies > 1;
    // SNI: -servername, or the host name clients send by themselves.
    let host = cap.connect_host.clone();
    let host_is_name = host.as_deref().is_some_and(|h| !is_ip(h));
    let (sent, name) = if let Some(name) = &cap.servername {
        (Some(true), Some(name.clone()))
    } else if cur.no_servername || cur.no_sni_line {
        (Some(false), None)
    } else if cap.command.is_none() || host.is_none() {
        (None, None)
    } else if !host_is_name {
        // No client sends an IP address as SNI (RFC 6066 section 3).
        (Some(false), None)
    } else {
        match cap.client {
            // OpenSSL 1.1.1 and later send the -connect name; 1.1.0 and older (which print
            // subjects in the /CN=x form) send nothing without -servername.
            Client::Openssl if cur.slash_form => (Some(false), None),
            Client::Openssl | Client::GnutlsCli => (Some(true), host),
            // Java sends SNI for names with a dot only.
            Client::Keytool => match host.as_deref().is_some_and(|h| h.contains('.')) {
                true => (Some(true), host),
                false => (Some(false), None),
            },
            // NOTE: LibreSSL versions differ; the transcript does not say.
            Client::Libressl => (None, None),
        }
    };
    cap.sni_sent = sent;
    cap.sni = name;
    // What is missing at the end.
    // keytool prints the certificates and nothing else: they are its whole outcome.
    if cap.client == Client::Keytool && cap.bodies > 0 {
        cap.connected = true;
    }
    let concluded = cur.summary
        || cap.client == Client::Keytool && cap.bodies > 0
        || cap.failure.is_some()
        || cap.no_peer_certificate
        || cap.handshake_complete
        || cap.end.is_some()
        || cap.verification_ok.is_some();
    if cap.command.is_some() && cur.lines_after_command == 0 && cap.bodies == 0 {
        cap.missing.insert(0, if cap.stderr_hidden { Missing::ErrorMessages } else { Missing::Output });
    } else if !concluded && (cap.connected || !cap.chain.is_empty() || cap.bodies > 0) {
        cap.missing.push(Missing::HandshakeResult);
    }
    cap
}

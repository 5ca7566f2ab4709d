// Types for the certscope WebAssembly module (`pkg/certscope.js`, wasm-bindgen `--target web`).
//
// Written by hand from src/wasm.rs, src/report.rs, src/findings.rs, src/input.rs and
// src/catalog.rs: wasm-bindgen types `inspect` and `catalog` as `any`. Keep in step with them.
//
//   import init, { inspect, catalog } from './pkg/certscope.js';
//   await init();
//   const result = inspect(pem, { host: 'mail.example.com', port: 993 });
//   if (result.type === 'ok') console.log(result.report.verdict);

/** Where the wasm comes from: a URL, a fetch Response, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Instantiates the module. Resolves with the same instance on every later call. */
export default function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;

/**
 * Inspects a paste (string) or a file (bytes: PEM, DER, PKCS#7 or `openssl s_client` output,
 * several concatenated). Never throws for bad certificates; a thrown error is a bug (a panic),
 * after which this instance is unusable.
 */
export function inspect(input: string | Uint8Array, options?: InspectOptions): InspectResult;

/** The explanation catalog: every finding id's words. */
export function catalog(): Catalog;

export interface InspectOptions {
  /** The host name the mail app connects to (DNS name or IP address). */
  host?: string;
  /** The port the mail app uses (993, 587, ...). */
  port?: number;
  /** Check at this time instead of now: "2026-11-22", "2026-11-22T10:00:00Z", or milliseconds since the epoch. */
  at?: string | number;
  /** PEM texts of CA certificates to trust (a private CA). */
  trust?: string[];
  /** Trust only `trust`, not the built-in Mozilla roots. */
  onlyTrustedRoots?: boolean;
  /** Whose rules to judge by; default "mail_strict". */
  profile?: Profile;
}

export type InspectResult = { type: 'ok'; report: Report } | { type: 'failed'; error: string };

export type Verdict = 'trusted' | 'untrusted' | 'invalid_input';
export type Severity = 'error' | 'warning' | 'info';
export type Profile = 'mail_strict' | 'web_pki';
export type Role = 'leaf' | 'intermediate' | 'root';
export type CertSource = 'sent' | 'user_trust' | 'trust_store';
export type ChainStatus = 'trusted' | 'trusted_root_with_errors' | 'untrusted_root' | 'incomplete' | 'none';
export type InputFormat = 'pem' | 'der' | 'base64' | 'pkcs7' | 's_client';

/** A date-time in UTC, "2026-02-15T00:00:00Z". */
export type IsoTime = string;

/** The whole answer for one input; the same JSON as `certscope --format json`. */
export interface Report {
  verdict: Verdict;
  /** Most important first. */
  findings: Finding[];
  /** Sent certificates in input order, then the user's trusted CAs, then the trust-store root reached, if any. */
  certificates: CertReport[];
  chain: ChainReport;
  input: InputReport;
  context: Context;
}

export type FindingId =
  | 'no_certificate' | 'private_key_present' | 'csr_not_certificate' | 'crl_not_certificate'
  | 'pkcs12_not_supported' | 'public_key_not_certificate' | 'unreadable_input' | 'malformed_certificate'
  | 'limit_reached' | 'showcerts_missing' | 'host_invalid' | 'no_host_given'
  | 'expired' | 'not_yet_valid' | 'expiring_soon' | 'expired_intermediate' | 'expired_root'
  | 'validity_too_long' | 'validity_invalid'
  | 'hostname_mismatch' | 'wildcard_mismatch' | 'ip_in_dns_san' | 'cn_only_no_san' | 'san_malformed' | 'cn_not_in_san'
  | 'self_signed' | 'untrusted_root' | 'missing_intermediate' | 'wrong_order' | 'unrelated_cert'
  | 'root_included' | 'duplicate_cert' | 'bad_signature' | 'chain_too_long'
  | 'weak_signature_sha1' | 'weak_signature_md5' | 'unsupported_signature_algorithm'
  | 'signature_algorithm_mismatch' | 'weak_key_rsa1024' | 'weak_key' | 'unsupported_key_type'
  | 'leaf_is_ca' | 'eku_missing_server_auth' | 'key_usage_invalid' | 'pathlen_exceeded'
  | 'name_constraints_violated' | 'intermediate_not_ca' | 'unknown_critical_extension'
  | 'duplicate_extension' | 'extension_invalid' | 'key_identifier_missing' | 'empty_subject' | 'not_version3';

/** A JSON value a finding carries as a fact. */
export type Fact = string | number | boolean | null | Fact[] | { [key: string]: Fact };

/** One thing found. The facts (names, dates, counts) sit beside the fixed fields. */
export interface Finding {
  id: FindingId;
  severity: Severity;
  /** Index into `Report.certificates`. */
  cert: number | null;
  /** The field it is about, e.g. "validity.not_after". */
  field: string | null;
  /** One plain technical line, the catalog's `message` filled with the facts. */
  message: string;
  /** Facts, e.g. host, names, not_after, days_left, issuer, subject. */
  [fact: string]: Fact | undefined;
}

export interface CertReport {
  index: number;
  source: CertSource | null;
  origin: Origin | null;
  /** Its role on the path found; null when it is not on the path. */
  role: Role | null;
  /** RFC 4514-style, most specific first: "CN=mail.example.com, O=Example". */
  subject: string;
  issuer: string | null;
  common_names: string[];
  dns_names: string[];
  ip_addresses: string[];
  email_addresses: string[];
  uris: string[];
  not_before: IsoTime | null;
  not_after: IsoTime | null;
  /** Whole days from the check time to notAfter, rounded down (negative once expired). */
  days_left: number | null;
  validity_days: number | null;
  /** "RSA 2048", "EC P-256", "Ed25519", ... */
  key: string;
  signature_algorithm: string | null;
  /** Colon-separated upper-case hex. */
  serial: string | null;
  sha256: string | null;
  sha1: string | null;
  version: number | null;
  is_ca: boolean | null;
  path_len: number | null;
  self_signed: boolean | null;
  /** RFC 5280 names: "digitalSignature", "keyCertSign", ... */
  key_usage: string[];
  /** "serverAuth", "clientAuth", ... or a dotted OID. */
  extended_key_usage: string[];
  subject_key_id: string | null;
  authority_key_id: string | null;
  /** Why the certificate could not be parsed; the other fields are then mostly empty. */
  parse_error: string | null;
  extensions: { name: string; critical: boolean }[];
}

export interface Origin {
  format: InputFormat;
  /** 1-based line of its BEGIN marker (text input). */
  line?: number;
  /** Its depth in an s_client capture. */
  depth?: number;
}

export interface ChainReport {
  status: ChainStatus;
  /** Certificate indices, leaf first, ending at the root when one was reached. */
  path: number[];
  leaf: number | null;
  /** The issuer name that is missing when the chain stops short. */
  missing_issuer: string | null;
  signature_checks: number;
}

export interface InputReport {
  formats: InputFormat[];
  certificates: number;
  others: NonCertificate[];
  capture: Capture | null;
}

export type NonCertificate =
  | { kind: 'private_key'; label: string; encrypted: boolean; line?: number }
  | { kind: 'certificate_request'; line?: number }
  | { kind: 'crl'; line?: number }
  | { kind: 'public_key'; line?: number }
  | { kind: 'ssh_key'; line?: number }
  | { kind: 'pkcs12' }
  | { kind: 'unknown_pem'; label: string; line?: number }
  | { kind: 'bad_pem'; label: string; line?: number; reason: string }
  | { kind: 'unrecognised'; what: string };

/** Facts from a pasted `openssl s_client` capture. */
export interface Capture {
  command?: string;
  connected: boolean;
  connect_host?: string;
  connect_port?: number;
  servername?: string;
  starttls?: string;
  showcerts: boolean;
  protocol?: string;
  cipher?: string;
  verify_return_code?: number;
  verify_message?: string;
  chain: { depth: number; subject: string; issuer: string; key?: string; validity?: string }[];
  bodies: number;
  server_subject?: string;
  server_issuer?: string;
  no_peer_certificate: boolean;
  peer_signing_digest?: string;
  peer_signature_type?: string;
  server_temp_key?: string;
  verification_ok?: boolean;
  verification_error?: string;
  verify_errors?: { depth?: number; code?: number; message: string }[];
  errors?: string[];
}

export interface Context {
  /** The host as typed, or as taken from the capture. */
  host: string | null;
  /** The host came from the capture's -servername or -connect. */
  host_from_capture: boolean;
  /** The host as compared: A-label, lower case. */
  host_normalized: string | null;
  port: number | null;
  at: IsoTime;
  profile: Profile;
  /** Whether the built-in Mozilla roots were trusted. */
  mozilla_roots: boolean;
  /** How many trust anchors the user supplied. */
  user_anchors: number;
  /** certscope version. */
  version: string;
}

/** Finding id -> its words. Texts hold {placeholders} named after the finding's facts; {cert} is the certificate. */
export type Catalog = Record<FindingId, CatalogEntry>;

export interface CatalogEntry {
  title: string;
  /** The technical one-liner (what `Finding.message` is made from). */
  message: string;
  /** Where the rule comes from, e.g. "RFC 5280 4.1.2.5"; may be empty. */
  cite: string;
  /** One plain sentence for everyone. */
  summary?: string;
  /** Why the finding has its severity. */
  severity_reason?: string;
  user?: {
    meaning?: string;
    danger?: string;
    actions?: string[];
    apps?: Partial<Record<'ios' | 'macos' | 'outlook' | 'thunderbird' | 'android', string>>;
  };
  admin?: { cause?: string; fix?: string; check?: string };
  [more: string]: unknown;
}

// The browser tests' PKI, made at test time with the openssl command in a temp dir:
// a root CA -> intermediate CA -> leaf for mail.example.test, and the leaves that break one
// rule each. Keys are P-256 (fast to make) and are deleted with the temp dir.
//
// Dates are explicit (openssl ca -startdate/-enddate), relative to the time of the run: the
// page checks at "now" unless its date field is set, so every certificate must be valid now
// except the one meant to be expired.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HOST = 'mail.example.test';
export const OTHER_HOST = '*.hosting.example.net';
/** The markup the XSS certificate carries in its subject CNs and its SAN. */
export const XSS_IMG = '<img src=x onerror=window.__xss=1>';
export const XSS_SCRIPT = '"><script>window.__xss=1</script>';

const HOUR = 3600e3;
const DAY = 24 * HOUR;

/** openssl ca's date format: YYYYMMDDHHMMSSZ. */
function asn1Time(ms) {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Escapes a value for openssl's -subj (slashes separate RDNs). */
function subj(parts) {
  return parts.map(([k, v]) => `/${k}=${v.replace(/[\\/]/g, '\\$&')}`).join('');
}

const EXTENSIONS = `
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @leaf_san
[leaf_san]
DNS.1 = ${HOST}
DNS.2 = imap.example.test
[other]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:${OTHER_HOST}, DNS:hosting.example.net
[selfsigned]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = @leaf_san
[xss]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @xss_san
[xss_san]
DNS.1 = ${HOST}
DNS.2 = ${XSS_IMG}
DNS.3 = ${XSS_SCRIPT.replace(/"/g, '\\"')}
`;

/**
 * Makes the PKI. Returns PEM strings (and DER bytes for `leafDer`) and `dir`, the folder the
 * files are in (for setInputFiles); call `cleanup()` when done.
 */
export function makePki() {
  const dir = mkdtempSync(join(tmpdir(), 'certscope-browser-'));
  const ssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = (name) => join(dir, name);
  const read = (name) => readFileSync(file(name), 'utf8');
  mkdirSync(file('newcerts'));
  writeFileSync(file('index.txt'), '');
  writeFileSync(file('serial'), '1000\n');
  writeFileSync(file('ext.cnf'), EXTENSIONS);
  // A minimal CA config: no policy beyond "anything", DN kept as requested, no copied extensions.
  writeFileSync(file('ca.cnf'), `
[ca]
default_ca = ca_default
[ca_default]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[policy_any]
[req]
distinguished_name = dn
prompt = no
[dn]
${EXTENSIONS}
`);
  const now = Date.now();
  const key = (name) => ssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(`${name}.key`));
  /** Issues NAME from ISSUER with the extension section EXT, valid from..to (ms). */
  const issue = (name, subject, issuer, ext, from, to) => {
    key(name);
    ssl('req', '-new', '-config', file('ca.cnf'), '-key', file(`${name}.key`), '-subj', subj(subject), '-out', file(`${name}.csr`));
    const signer = issuer === name ? ['-selfsign', '-keyfile', file(`${name}.key`)] : ['-cert', file(`${issuer}.pem`), '-keyfile', file(`${issuer}.key`)];
    ssl('ca', '-batch', '-config', file('ca.cnf'), '-preserveDN', '-notext', '-md', 'sha256', ...signer,
      '-extfile', file('ext.cnf'), '-extensions', ext,
      '-startdate', asn1Time(from), '-enddate', asn1Time(to), '-in', file(`${name}.csr`), '-out', file(`${name}.pem`));
    return read(`${name}.pem`);
  };
  const org = ['O', 'certscope browser tests'];
  const root = issue('root', [org, ['CN', 'certscope Browser Test Root CA']], 'root', 'root', now - 365 * DAY, now + 3650 * DAY);
  const intermediate = issue('intermediate', [org, ['CN', 'certscope Browser Test Intermediate CA']], 'root', 'intermediate', now - 180 * DAY, now + 1825 * DAY);
  const leaf = issue('leaf', [['CN', HOST]], 'intermediate', 'leaf', now - HOUR, now + 89 * DAY);
  const expired = issue('expired', [['CN', HOST]], 'intermediate', 'leaf', now - 120 * DAY, now - 30 * DAY);
  const other = issue('other', [['CN', OTHER_HOST]], 'intermediate', 'other', now - HOUR, now + 89 * DAY);
  const selfSigned = issue('selfsigned', [['CN', HOST]], 'selfsigned', 'selfsigned', now - HOUR, now + 89 * DAY);
  const xss = issue('xss', [['CN', XSS_IMG], ['CN', XSS_SCRIPT]], 'intermediate', 'xss', now - HOUR, now + 89 * DAY);
  ssl('x509', '-in', file('leaf.pem'), '-outform', 'DER', '-out', file('leaf.der'));
  const leafDer = readFileSync(file('leaf.der'));
  const fingerprint = (name) => ssl('x509', '-in', file(`${name}.pem`), '-noout', '-fingerprint', '-sha256').toString().split('=')[1].trim();
  return {
    dir,
    root,
    intermediate,
    leaf,
    expired,
    other,
    selfSigned,
    xss,
    leafDer,
    leafDerPath: file('leaf.der'),
    leafSha256: fingerprint('leaf'),
    chain: leaf + intermediate,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

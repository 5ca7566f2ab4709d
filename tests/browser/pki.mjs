// The browser tests' PKI, made at test time with the openssl command in a temp dir:
// a root CA -> intermediate CA -> leaf for mail.example.test, the leaves that break one rule
// each, and hostile ones: markup, script URLs, bidi and invisible characters, a NUL and
// look-alike letters in every field openssl writes (and one it will not: the NUL is put into
// the DER afterwards and the certificate signed again). Keys are P-256 (fast to make) and are
// deleted with the temp dir.
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
/** A script URL, as the hostile certificate's URIs (SAN, CPS, CRL, AIA) and an OU carry it. */
export const JS_URL = 'javascript:window.__xss=1//';
/** U+202E RIGHT-TO-LEFT OVERRIDE: "\u202emoc.elppa" is shown as "apple.com". */
export const RLO = '\u202e';
/** U+200B ZERO WIDTH SPACE: invisible. */
export const ZWSP = '\u200b';
/** "apple.com" with a Cyrillic а (U+0430): looks the same. */
export const CYRILLIC_APPLE = '\u0430pple.com';
/** The spoofing certificate's Common Name, made to read "apple.com". */
export const SPOOF_CN = `${RLO}moc.elppa`;
/** The null-prefix name (a CN and a SAN dNSName of the spoofing certificate). */
export const NUL_NAME = 'mail.example.test\u0000.evil.example';
/** What stands for the NUL until the DER is edited (openssl cannot write one from a config). */
const NUL_MARK = 'test~.evil';

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
[hostile_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[hostile]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @hostile_san
certificatePolicies = @hostile_policy
crlDistributionPoints = URI:${JS_URL}crl, URI:http://crl.example.test/${XSS_IMG}
authorityInfoAccess = caIssuers;URI:${JS_URL}aia, OCSP;URI:http://ocsp.example.test/${XSS_SCRIPT.replace(/"/g, '\\"')}
[hostile_san]
DNS.1 = ${HOST}
DNS.2 = ${XSS_IMG}
DNS.3 = ${XSS_SCRIPT.replace(/"/g, '\\"')}
email.1 = ${XSS_SCRIPT.replace(/"/g, '\\"')}@example.test
URI.1 = ${JS_URL}uri
[hostile_policy]
policyIdentifier = 1.3.6.1.4.1.99999.1
CPS.1 = "${JS_URL}cps"
userNotice.1 = @hostile_notice
[hostile_notice]
explicitText = UTF8:${XSS_IMG} ${XSS_SCRIPT.replace(/"/g, '\\"')}
[spoof]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = @spoof_san
[spoof_san]
DNS.1 = ${HOST}
DNS.2 = ${CYRILLIC_APPLE}
DNS.3 = ${SPOOF_CN}
DNS.4 = ${NUL_NAME.replace('test\u0000.evil', NUL_MARK)}
`;

// A little DER, to edit a certificate openssl made and sign it again.

/** The element at `at` in `buf`: its header length and where it ends. */
function derElement(buf, at) {
  let len = buf[at + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i += 1) len = len * 256 + buf[at + 2 + i];
    hdr += n;
  }
  return { hdr, end: at + hdr + len };
}

/** A DER element: tag, definite length (certificates stay under 64 KiB), body. */
function der(tag, body) {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

const pemOf = (bytes) => `-----BEGIN CERTIFICATE-----\n${bytes.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;

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
    ssl('req', '-new', '-utf8', '-config', file('ca.cnf'), '-key', file(`${name}.key`), '-subj', subj(subject), '-out', file(`${name}.csr`));
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
  // A CA whose name is markup (every certificate it issues carries it as the issuer), and its
  // leaf with markup and script URLs in every field: subject, SAN (DNS, email, URI),
  // certificatePolicies (CPS URI, explicitText), CRL distribution point and AIA URIs.
  const hostileCa = issue('hostile-ca', [['CN', XSS_SCRIPT], ['O', XSS_IMG], ['OU', `${JS_URL}ca`]], 'root', 'hostile_ca', now - 30 * DAY, now + 365 * DAY);
  const hostile = issue('hostile', [['CN', XSS_IMG], ['O', XSS_SCRIPT], ['OU', `${JS_URL}ou`]], 'hostile-ca', 'hostile', now - HOUR, now + 89 * DAY);
  // Names that mislead the eye: a right-to-left override, a zero-width space, a Cyrillic
  // look-alike, and the null-prefix name (its NUL written into the DER, then signed again).
  issue('spoof', [['CN', SPOOF_CN], ['O', CYRILLIC_APPLE], ['OU', `mail${ZWSP}.example.test`], ['CN', NUL_NAME.replace('test\u0000.evil', NUL_MARK)]],
    'intermediate', 'spoof', now - HOUR, now + 89 * DAY);
  const spoof = resign('spoof', 'intermediate', NUL_MARK, 'test\u0000.evil');
  ssl('x509', '-in', file('leaf.pem'), '-outform', 'DER', '-out', file('leaf.der'));
  const leafDer = readFileSync(file('leaf.der'));
  /**
   * NAME with `from` replaced by `to` (as many bytes) in its to-be-signed part, signed again
   * with ISSUER's key (ECDSA with SHA-256, as openssl signed it first).
   */
  function resign(name, issuer, from, to) {
    const cert = ssl('x509', '-in', file(`${name}.pem`), '-outform', 'DER');
    const tbsAt = derElement(cert, 0).hdr;
    const tbsEnd = derElement(cert, tbsAt).end;
    const alg = cert.subarray(tbsEnd, derElement(cert, tbsEnd).end);
    const tbs = Buffer.from(cert.subarray(tbsAt, tbsEnd));
    const [a, b] = [Buffer.from(from), Buffer.from(to)];
    if (a.length !== b.length) throw new Error('resign: the replacement must keep the length');
    let n = 0;
    for (let i = tbs.indexOf(a); i >= 0; i = tbs.indexOf(a, i + 1), n += 1) b.copy(tbs, i);
    if (!n) throw new Error(`resign: ${from} is not in ${name}`);
    writeFileSync(file(`${name}.tbs`), tbs);
    const sig = ssl('dgst', '-sha256', '-sign', file(`${issuer}.key`), file(`${name}.tbs`));
    const pem = pemOf(der(0x30, Buffer.concat([tbs, alg, der(0x03, Buffer.concat([Buffer.from([0]), sig]))])));
    writeFileSync(file(`${name}.pem`), pem);
    return pem;
  }
  /**
   * N leaves for many.example.test from the intermediate (one `openssl ca` run, made when a
   * test first asks), then the intermediate: a paste of N + 1 certificates.
   */
  let many = null;
  const manyLeaves = (count = 200) => {
    if (many?.count === count) return many.pem;
    ssl('req', '-new', '-config', file('ca.cnf'), '-key', file('leaf.key'), '-subj', '/CN=many.example.test', '-out', file('many.csr'));
    ssl('ca', '-batch', '-config', file('ca.cnf'), '-preserveDN', '-notext', '-md', 'sha256', '-cert', file('intermediate.pem'), '-keyfile', file('intermediate.key'),
      '-extfile', file('ext.cnf'), '-extensions', 'leaf', '-startdate', asn1Time(now - HOUR), '-enddate', asn1Time(now + 89 * DAY),
      '-out', file('many.out'), '-infiles', ...Array(count).fill(file('many.csr')));
    // openssl writes each to newcerts/<serial>.pem; the index lists them in order.
    const serials = readFileSync(file('index.txt'), 'utf8').trim().split('\n').slice(-count).map((line) => line.split('\t')[3]);
    const pem = serials.map((s) => readFileSync(file(`newcerts/${s}.pem`), 'utf8').replace(/^[\s\S]*?(?=-----BEGIN)/, '')).join('');
    many = { count, pem: pem + intermediate };
    return many.pem;
  };
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
    hostileCa,
    hostile,
    spoof,
    /** The leaf's private key (PKCS#8 PEM), for the tests that paste one. */
    leafKey: read('leaf.key'),
    manyLeaves,
    leafDer,
    leafDerPath: file('leaf.der'),
    leafSha256: fingerprint('leaf'),
    chain: leaf + intermediate,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

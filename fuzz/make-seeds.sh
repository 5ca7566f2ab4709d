#!/usr/bin/env bash
# Makes the seed corpora in fuzz/corpus/TARGET/ from the project's own test data: the bench
# chains (benches/data), the real s_client captures (tests/captures), a few x509-limbo
# certificates with unusual extensions (tests/limbo/limbo.json.gz), and the same material in
# the other shapes read_input knows (DER, bare base64, PKCS#7, PKCS#12, CSR, CRL, keys).
# Seeds are small on purpose: the fuzzer grows its own working corpus in fuzz/work/ (not kept).
#
# Needs openssl and python3. Keys made here are throwaway test keys and protect nothing.
# Re-running replaces the seeds (not the fuzzed-* files beside them); the file names are
# content hashes, so unchanged seeds keep their names.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
corpus="$root/fuzz/corpus"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Replaces the seeds made here; keeps the fuzzed-* entries (inputs a long run found, picked for
# new coverage and small size: see fuzz/README.md), which this script cannot remake.
for t in input cert inspect inspect_trust host name_constraints; do
  mkdir -p "$corpus/$t"
  find "$corpus/$t" -type f ! -name 'fuzzed-*' -delete
done

# seed TARGET FILE: copies FILE into the target's corpus under its SHA-1.
seed() { cp "$2" "$corpus/$1/$(sha1sum "$2" | cut -c1-16)"; }
# seed_text TARGET TEXT
seed_text() { printf '%s' "$2" > "$tmp/s"; seed "$1" "$tmp/s"; }

# --- Chains, roots and captures -----------------------------------------------------------
for chain in benches/data/*.chain.pem; do
  seed input "$chain"; seed inspect "$chain"
  rootf=${chain%.chain.pem}.root.pem
  # inspect_trust takes the first half of the bytes as trusted roots, the rest as the chain:
  # pad the shorter part with newlines so that the split falls between the two.
  python3 - "$rootf" "$chain" "$tmp/t" <<'PY'
import sys
trust, chain = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read()
n = max(len(trust), len(chain))
open(sys.argv[3], 'wb').write(trust + b'\n' * (n - len(trust)) + chain + b'\n' * (n - len(chain)))
PY
  seed inspect_trust "$tmp/t"
done
for cap in tests/captures/*.txt; do seed input "$cap"; seed inspect "$cap"; done
# The other transcript formats (gnutls-cli, keytool, certtool, LibreSSL, the capture script).
for cap in tests/captures/mail/*.txt; do seed input "$cap"; done
for cap in tests/captures/mail/{gnutls-cli,keytool,imaps-993,smtps-465-no-showcerts,capture-script}.txt; do seed inspect "$cap"; done

# Every certificate of those files, as DER, for the cert target.
n=0
for pemf in benches/data/*.pem tests/captures/*.root.pem; do
  awk -v dir="$tmp" -v base="c$n" '/BEGIN CERT/{i++; f=dir "/" base "-" i ".pem"} f{print > f} /END CERT/{f=""}' "$pemf"
  n=$((n + 1))
done
for p in "$tmp"/c*.pem; do openssl x509 -in "$p" -outform DER -out "${p%.pem}.der"; seed cert "${p%.pem}.der"; done

# --- The other shapes read_input knows ----------------------------------------------------
chain=benches/data/p256.chain.pem
openssl x509 -in "$chain" -outform DER -out "$tmp/leaf.der"
seed input "$tmp/leaf.der"
base64 -w0 "$tmp/leaf.der" > "$tmp/leaf.b64"; seed input "$tmp/leaf.b64"
openssl crl2pkcs7 -nocrl -certfile "$chain" -out "$tmp/chain.p7b"; seed input "$tmp/chain.p7b"
openssl crl2pkcs7 -nocrl -certfile "$chain" -outform DER -out "$tmp/chain.p7c"; seed input "$tmp/chain.p7c"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/key.pem" 2>/dev/null
cat "$tmp/key.pem" "$chain" > "$tmp/key-and-chain.pem"; seed input "$tmp/key-and-chain.pem"
openssl pkcs8 -topk8 -in "$tmp/key.pem" -v2 aes-256-cbc -passout pass:test -out "$tmp/enc.pem"; seed input "$tmp/enc.pem"
openssl pkey -in "$tmp/key.pem" -outform DER -out "$tmp/key.der"; seed input "$tmp/key.der"
openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem"; seed input "$tmp/pub.pem"
openssl req -new -key "$tmp/key.pem" -subj /CN=mail.example.test -out "$tmp/csr.pem"; seed input "$tmp/csr.pem"
openssl pkcs12 -export -in "$tmp"/c0-1.pem -inkey "$tmp/key.pem" -nomac -passout pass:test -out "$tmp/b.p12" 2>/dev/null \
  || openssl pkcs12 -export -nokeys -in "$tmp"/c0-1.pem -passout pass:test -out "$tmp/b.p12"
seed input "$tmp/b.p12"
seed_text input 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBERERERERERERERERERERERERERERERERERERERERER admin@mail.example.test
'
seed_text input '{"cert": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}'
seed_text input '-----BEGIN X509 CRL-----
MAA=
-----END X509 CRL-----
'
seed_text input ''

# --- x509-limbo certificates with rare extensions (name constraints, policies, odd names) ---
python3 - "$tmp" <<'PY'
import gzip, json, ssl, sys
out = sys.argv[1]
cases = json.load(gzip.open('tests/limbo/limbo.json.gz'))['testcases']
wanted = {
    'nc': bytes.fromhex('0603551d1e'),      # nameConstraints
    'pol': bytes.fromhex('0603551d20'),     # certificatePolicies
    'pc': bytes.fromhex('0603551d24'),      # policyConstraints
    'aia': bytes.fromhex('06082b06010505070101'),
    'crit-unknown': bytes.fromhex('0101ff'),
}
found = {}
for c in cases:
    for pem in [c['peer_certificate']] + c['untrusted_intermediates'] + c['trusted_certs']:
        der = ssl.PEM_cert_to_DER_cert(pem)
        for k, marker in wanted.items():
            if len(der) < 4000 and marker in der and len(found.setdefault(k, [])) < 3 and der not in found[k]:
                found[k].append(der)
n = 0
for k, ders in found.items():
    for der in ders:
        open(f'{out}/limbo-{k}-{n}.der', 'wb').write(der)
        n += 1
# One NameConstraints extension value (the DER the nc target reads), from each nc certificate.
def tlv(b, i):
    tag, l = b[i], b[i + 1]
    h = 2
    if l & 0x80:
        k = l & 0x7f
        l = int.from_bytes(b[i + 2:i + 2 + k], 'big')
        h += k
    return tag, i + h, i + h + l
m = 0
for der in found.get('nc', []):
    i = der.find(wanted['nc'])
    j = i + len(wanted['nc'])
    if der[j] == 0x01:  # critical BOOLEAN
        j += 3
    _, s, e = tlv(der, j)  # OCTET STRING
    open(f'{out}/nc-{m}.bin', 'wb').write(der[s:e])
    m += 1
PY
for f in "$tmp"/limbo-*.der; do seed cert "$f"; done
for f in "$tmp"/nc-*.bin; do seed name_constraints "$f"; done

# --- Structured name-constraint programs (see Bytes in fuzz/src/lib.rs) --------------------
python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
def s(x): x = x.encode(); return bytes([len(x)]) + x
def gn(kind, val): return bytes([kind]) + (s(val) if isinstance(val, str) else bytes([len(val)]) + val)
progs = [
    # budget, permitted (0x80|n) [dns example.test], excluded none, dns [mail.example.test], ...
    bytes([0xff, 0xff, 0x81]) + gn(0, 'example.test') + bytes([0]) + bytes([1]) + s('mail.example.test') + bytes([0] * 8),
    bytes([0x00, 0x03, 0x82]) + gn(1, bytes([192, 0, 2, 0, 255, 255, 255, 0])) + gn(2, '.example.test')
        + bytes([0x81]) + gn(3, 'evil.test') + bytes([1]) + s('a.example.test') + bytes([1, 4, 192, 0, 2, 9]) + bytes([1]) + s('x@example.test') + bytes([0] * 5),
    bytes([0x10, 0x00, 0x81]) + gn(4, bytes.fromhex('300f310d300b06035504030c046d61696c')) + bytes([0, 0, 0, 0, 0, 0])
        + bytes([0x11]) + bytes.fromhex('300f310d300b06035504030c046d61696c') + bytes([0, 0]),
]
for i, p in enumerate(progs):
    open(f'{out}/ncp-{i}.bin', 'wb').write(p)
PY
for f in "$tmp"/ncp-*.bin; do seed name_constraints "$f"; done

# --- Host names: typed host, NUL, presented dNSName ----------------------------------------
for pair in 'mail.example.test|mail.example.test' 'MAIL.Example.TEST.|*.example.test' \
  'imaps://user@mail.example.test:993/INBOX|*.test' '[2001:db8::1]:993|2001:db8::1' \
  '192.0.2.1|192.0.2.1' 'Bücher.example|xn--bcher-kva.example' 'a.b.example.test|*.example.test' \
  'me@example.com|example.com' '0x7f.0.0.1|localhost' 'xn--nxasmq6b.test|f*.test'; do
  printf '%s\0%s' "${pair%%|*}" "${pair#*|}" > "$tmp/h"; seed host "$tmp/h"
done

for t in input cert inspect inspect_trust host name_constraints; do
  printf '%-18s %3d files (%3d fuzzed-*), %6d bytes\n' "$t" "$(ls "$corpus/$t" | wc -l)" \
    "$(find "$corpus/$t" -name 'fuzzed-*' | wc -l)" "$(cat "$corpus/$t"/* | wc -c)"
done

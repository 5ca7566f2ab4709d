#!/usr/bin/env bash
# Makes the page's built-in examples in www/examples/ with openssl: one example PKI (root ->
# intermediate), five server certificates, and examples.json with the host, date and root each
# example is checked with.
#
# Every date is fixed, and each example has its own check date (`at`), so the verdicts stay
# the same forever: the page passes `at`, `host` and the example root as `trust`, so no example
# depends on today's date or on the Mozilla roots. Keys are thrown away; the outputs are
# committed. Re-running changes keys, fingerprints and signatures, not the verdicts.
#
#   scripts/make-examples.sh            # rewrites www/examples/*.pem and examples.json
#   scripts/make-examples.sh /tmp/out   # or writes somewhere else
set -euo pipefail
out=${1:-"$(cd "$(dirname "$0")/.." && pwd)/www/examples"}
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# The day every example is checked at: inside the validity of all but the expired certificate.
readonly AT=2026-02-15
readonly HOST=mail.example.com

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }

cat > root.ext <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
X
cat > ca.ext <<'X'
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
leaf_ext() { # leaf_ext SANS [self]: a TLS server certificate's extensions
  printf '%s\n' 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' \
    'extendedKeyUsage=serverAuth' "subjectAltName=$1" 'subjectKeyIdentifier=hash'
  [ "${2:-}" = self ] || echo 'authorityKeyIdentifier=keyid'
}
cat > ca.cnf <<'X'
[ca]
default_ca=c
[c]
database=db/index
serial=db/serial
new_certs_dir=db
policy=p
unique_subject=no
copy_extensions=none
[p]
commonName=supplied
organizationName=optional
X
mkdir -p db && : > db/index && echo 1000 > db/serial
# sign NAME SUBJECT ISSUER EXTFILE START END: signs NAME.key's request by ISSUER (a name of
# an earlier cert, or "self"), with fixed dates, like a CA does (`openssl ca`, not `x509`).
sign() {
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  if [ "$3" = self ]; then
    openssl ca -batch -config ca.cnf -selfsign -keyfile "$1.key" -md sha256 -in "$1.csr" \
      -extfile "$4" -startdate "$5" -enddate "$6" -out "$1.pem" -notext 2>/dev/null
  else
    openssl ca -batch -config ca.cnf -cert "$3.pem" -keyfile "$3.key" -md sha256 -in "$1.csr" \
      -extfile "$4" -startdate "$5" -enddate "$6" -out "$1.pem" -notext 2>/dev/null
  fi
}

key root; key int; key leaf; key old; key other; key self
sign root "/O=certscope examples/CN=certscope Example Root CA" self root.ext 20250101000000Z 20350101000000Z
sign int "/O=certscope examples/CN=certscope Example Issuing CA" root ca.ext 20250101000000Z 20300101000000Z
names="DNS:$HOST,DNS:imap.example.com,DNS:smtp.example.com"
leaf_ext "$names" > leaf.ext
# 90 days, like an ACME certificate; AT is day 41.
sign leaf "/CN=$HOST" int leaf.ext 20260106000000Z 20260405235959Z
# Expired 47 days before AT.
sign old "/CN=$HOST" int leaf.ext 20250901000000Z 20251229235959Z
# A shared-hosting certificate that does not cover the customer's own name.
leaf_ext "DNS:*.hosting.example.net,DNS:hosting.example.net" > other.ext
sign other "/CN=*.hosting.example.net" int other.ext 20260106000000Z 20260405235959Z
# Signed by itself, as appliances and fresh installs make them.
leaf_ext "$names" self > self.ext
sign self "/CN=$HOST" self self.ext 20260101000000Z 20270101000000Z

cat leaf.pem int.pem > "$out/valid.pem"
cat old.pem int.pem > "$out/expired.pem"
cat other.pem int.pem > "$out/wrong-host.pem"
cp leaf.pem "$out/missing-intermediate.pem"
cp self.pem "$out/self-signed.pem"

# JSON string of a file's text (PEM is ASCII: only newlines need escaping).
json_text() { awk 'BEGIN { ORS = "" } { print $0 "\\n" }' "$1"; }
entry() { # entry NAME LABEL VERDICT FINDING DESCRIPTION [SEPARATOR, default ","]
  printf '    {"name": "%s", "label": "%s", "file": "%s.pem", "host": "%s", "port": 993, "at": "%s",\n' \
    "$1" "$2" "$1" "$HOST" "$AT"
  printf '     "verdict": "%s", "top_finding": %s,\n     "description": "%s"}%s\n' \
    "$3" "$4" "$5" "${6-,}"
}
{
  echo '{'
  echo '  "generator": "scripts/make-examples.sh",'
  echo '  "note": "check each example at its host and date, trusting root; the verdicts are fixed",'
  printf '  "root": "%s",\n' "$(json_text root.pem)"
  echo '  "examples": ['
  entry valid Valid trusted null "A server certificate for $HOST with its intermediate, signed by the example root."
  entry expired Expired untrusted '"expired"' "The same server, but its certificate expired on 2025-12-29, 47 days before the check date."
  entry wrong-host "Wrong host" untrusted '"hostname_mismatch"' "The server sends its hosting provider's certificate for *.hosting.example.net, not one for $HOST."
  entry missing-intermediate "Missing intermediate" untrusted '"missing_intermediate"' "The server sends its certificate without the intermediate CA certificate that links it to the root."
  entry self-signed Self-signed untrusted '"self_signed"' "A certificate the server signed itself, as appliances and fresh installs make them." ""
  echo '  ]'
  echo '}'
} > "$out/examples.json"
echo "wrote $(ls "$out" | wc -l) files to $out"

#!/usr/bin/env bash
# Makes the benchmark chains in benches/data/ with openssl: root -> intermediate -> leaf for
# RSA-2048, P-256, P-384, Ed25519, and a mixed chain (RSA root, P-384 intermediate, P-256 leaf).
# The benchmark validates them at 2026-06-01; validity is fixed so the files stay valid.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/benches/data"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
key() { # key NAME TYPE
  case "$2" in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.key" ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$1.key" ;;
  esac
}
md() { [ "$1" = ed25519 ] && echo "" || echo "-sha256"; }
cat > ca.ext <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
cat > leaf.ext <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:mail.example.test,DNS:imap.example.test
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
# sign CSR ISSUER_CERT ISSUER_KEY MD EXTFILE START END OUT [selfsign]
sign() {
  mkdir -p db && : > db/index && echo 01 > db/serial
  cat > ca.cnf <<X
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
  local mdopt=(-md sha256); [ -z "$4" ] && mdopt=()
  if [ "${9:-}" = selfsign ]; then
    openssl ca -batch -config ca.cnf -selfsign -keyfile "$3" "${mdopt[@]}" -in "$1" -extfile "$5" \
      -startdate "$6" -enddate "$7" -out "$8" -notext 2>/dev/null
  else
    openssl ca -batch -config ca.cnf -cert "$2" -keyfile "$3" "${mdopt[@]}" -in "$1" -extfile "$5" \
      -startdate "$6" -enddate "$7" -out "$8" -notext 2>/dev/null
  fi
}
cat > root.ext <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
X
chain() { # chain NAME ROOTTYPE INTERTYPE LEAFTYPE
  local n=$1
  key "$n-root" "$2"; key "$n-int" "$3"; key "$n-leaf" "$4"
  openssl req -new -key "$n-root.key" -subj "/O=certscope bench/CN=$n root" -out "$n-root.csr"
  sign "$n-root.csr" - "$n-root.key" "$(md "$2")" root.ext 20250101000000Z 20350101000000Z "$n-root.pem" selfsign
  openssl req -new -key "$n-int.key" -subj "/O=certscope bench/CN=$n intermediate" -out "$n-int.csr"
  sign "$n-int.csr" "$n-root.pem" "$n-root.key" "$(md "$2")" ca.ext 20250101000000Z 20300101000000Z "$n-int.pem"
  openssl req -new -key "$n-leaf.key" -subj "/CN=mail.example.test" -out "$n-leaf.csr"
  sign "$n-leaf.csr" "$n-int.pem" "$n-int.key" "$(md "$3")" leaf.ext 20260301000000Z 20270301000000Z "$n-leaf.pem"
  cat "$n-leaf.pem" "$n-int.pem" > "$out/$n.chain.pem"
  cp "$n-root.pem" "$out/$n.root.pem"
}
chain rsa2048 rsa rsa rsa
chain p256 p256 p256 p256
chain p384 p384 p384 p384
chain ed25519 ed25519 ed25519 ed25519
chain mixed rsa p384 p256
echo "wrote $(ls "$out" | wc -l) files to $out"

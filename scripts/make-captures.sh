#!/usr/bin/env bash
# Regenerates tests/captures/: real `openssl s_client` outputs against local `openssl s_server`s.
#
# Builds a throwaway test PKI in a temp dir (RSA-2048 root -> intermediate -> leaf for
# mail.example.test, plus an expired leaf, a self-signed leaf and an ECDSA P-256 chain), serves
# each on 127.0.0.1 (port chosen by the kernel, one connection per server), records what
# `openssl s_client` prints, and writes tests/captures/captures.json with the facts tests check.
#
# Certificates, keys and times differ on every run; the set of captures and their structure do
# not. Tests must validate each capture at its recorded `captured_at` time.
#
# Usage: scripts/make-captures.sh [OUT_DIR]   (default: tests/captures in this repository)
# Needs: bash, OpenSSL 3.x (s_server prints the kernel-chosen port), GNU date, awk, sed.
# Listens on 127.0.0.1 only; contacts no other address.
set -euo pipefail

# Validity of the normal certificates: like an ACME leaf, so the captures look real.
readonly LEAF_DAYS=90
# CA lifetimes, as typical public CAs use.
readonly ROOT_DAYS=3650
readonly INTER_DAYS=1825
# notBefore is backdated a little, as CAs do against clock skew.
readonly BACKDATE_SECONDS=3600
# The expired leaf was valid for 90 days ending 30 days before generation.
readonly EXPIRED_START_DAYS_AGO=120
readonly EXPIRED_END_DAYS_AGO=30
# How long to wait for a server to print ACCEPT.
readonly SERVER_START_TIMEOUT_TENTHS=100

readonly HOST=mail.example.test
readonly ALT_HOST=imap.example.test
readonly WRONG_HOST=smtp.example.test

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
out_dir=${1:-$repo_root/tests/captures}

work=$(mktemp -d "${TMPDIR:-/tmp}/certscope-captures.XXXXXX")
server_pids=()

cleanup() {
    local pid
    for pid in "${server_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
    echo "make-captures: $*" >&2
    exit 1
}

command -v openssl >/dev/null || die "openssl not found"
date -u -d @0 +%s >/dev/null 2>&1 || die "GNU date is needed (date -d @SECONDS)"

now=$(date -u +%s)

# Formats unix seconds as the YYYYMMDDHHMMSSZ that `openssl ca -startdate/-enddate` wants.
asn1_time() {
    date -u -d "@$1" +%Y%m%d%H%M%SZ
}

# ---------------------------------------------------------------------------------------------
# The test PKI.

cd "$work"
cat >openssl.cnf <<'EOF'
# Minimal config so that the system openssl.cnf cannot add or change extensions.
[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder

[ ca ]
default_ca = ca_any
[ ca_any ]
dir             = $ENV::CA_DIR
database        = $dir/index.txt
serial          = $dir/serial
new_certs_dir   = $dir/new
default_md      = sha256
policy          = policy_any
unique_subject  = no
copy_extensions = none
email_in_dn     = no
[ policy_any ]
organizationName = optional
commonName       = supplied

[ v3_root ]
basicConstraints     = critical, CA:true
keyUsage             = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ v3_inter ]
basicConstraints       = critical, CA:true, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
extendedKeyUsage       = serverAuth, clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ v3_leaf_rsa ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:mail.example.test, DNS:imap.example.test

[ v3_leaf_ec ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:mail.example.test, DNS:imap.example.test

[ v3_self_signed ]
# What `openssl req -x509` one-liners and many mail-server packages produce.
basicConstraints     = critical, CA:false
keyUsage             = critical, digitalSignature, keyEncipherment
extendedKeyUsage     = serverAuth
subjectKeyIdentifier = hash
subjectAltName       = DNS:mail.example.test, DNS:imap.example.test
EOF
export OPENSSL_CONF="$work/openssl.cnf"
# Read by the [ ca_any ] section; set per CA in sign(). Every command loads the config, so it must
# always have a value.
export CA_DIR="$work"

new_rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
new_ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# new_root NAME SUBJECT: self-signed root from NAME.key -> NAME.pem
new_root() {
    openssl req -new -x509 -config openssl.cnf -key "$1.key" -subj "$2" -sha256 \
        -days "$ROOT_DAYS" -extensions v3_root -out "$1.pem"
}

# sign ISSUER NAME SUBJECT EXTENSIONS START END: NAME.key signed by ISSUER -> NAME.pem
sign() {
    local issuer=$1 name=$2 subject=$3 ext=$4 start=$5 end=$6
    mkdir -p "ca-$issuer/new"
    touch "ca-$issuer/index.txt"
    # Serial numbers are random (-rand_serial); `openssl ca` still wants the file to exist.
    [ -f "ca-$issuer/serial" ] || echo 01 >"ca-$issuer/serial"
    openssl req -new -config openssl.cnf -key "$name.key" -subj "$subject" -out "$name.csr"
    CA_DIR="$work/ca-$issuer" openssl ca -batch -config openssl.cnf -notext -rand_serial \
        -cert "$issuer.pem" -keyfile "$issuer.key" -in "$name.csr" -out "$name.pem" \
        -extensions "$ext" -startdate "$(asn1_time "$start")" -enddate "$(asn1_time "$end")" \
        2>ca.log || { cat ca.log >&2; die "openssl ca failed for $name"; }
}

start=$((now - BACKDATE_SECONDS))
echo "make-captures: building the test PKI in $work"

new_rsa_key root.key
new_root root "/O=certscope test PKI/CN=certscope Test Root CA R1"
new_rsa_key inter.key
sign root inter "/O=certscope test PKI/CN=certscope Test Intermediate CA R1" v3_inter \
    "$start" $((now + INTER_DAYS * 86400))
new_rsa_key leaf.key
sign inter leaf "/CN=$HOST" v3_leaf_rsa "$start" $((now + LEAF_DAYS * 86400))
new_rsa_key expired.key
sign inter expired "/CN=$HOST" v3_leaf_rsa \
    $((now - EXPIRED_START_DAYS_AGO * 86400)) $((now - EXPIRED_END_DAYS_AGO * 86400))

new_rsa_key self.key
openssl req -new -x509 -config openssl.cnf -key self.key -subj "/CN=$HOST" -sha256 \
    -days "$LEAF_DAYS" -extensions v3_self_signed -out self.pem

new_ec_key ecroot.key
new_root ecroot "/O=certscope test PKI/CN=certscope Test ECC Root CA E1"
new_ec_key ecinter.key
sign ecroot ecinter "/O=certscope test PKI/CN=certscope Test ECC Intermediate CA E1" v3_inter \
    "$start" $((now + INTER_DAYS * 86400))
new_ec_key ecleaf.key
sign ecinter ecleaf "/CN=$HOST" v3_leaf_ec "$start" $((now + LEAF_DAYS * 86400))

# ---------------------------------------------------------------------------------------------
# Servers and captures.

# start_server LOG ARGS...: starts `openssl s_server` on 127.0.0.1 (kernel-chosen port) for one
# connection; sets $port.
start_server() {
    local log=$1
    shift
    openssl s_server -accept 127.0.0.1:0 -naccept 1 -www "$@" >"$log" 2>&1 </dev/null &
    server_pids+=("$!")
    local tries=0
    port=""
    while [ "$tries" -lt "$SERVER_START_TIMEOUT_TENTHS" ]; do
        port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$log" | head -n 1)
        [ -n "$port" ] && return 0
        kill -0 "${server_pids[-1]}" 2>/dev/null || { cat "$log" >&2; die "s_server exited early"; }
        sleep 0.1
        tries=$((tries + 1))
    done
    die "s_server did not start: $(cat "$log")"
}

json_entries=()

# capture NAME DESCRIPTION SERVERNAME SHOWCERTS(yes|no) ROOT(name or '') LEAF SENT_CERTS
#         CHAIN_COMPLETE(true|false) PROBLEM -- SERVER_ARGS...
# PROBLEM is what a validator that trusts ROOT (or nothing, if ROOT is '') should find, validating
# for SERVERNAME at the capture time, from the capture text alone: none | missing_intermediate (the
# server did not send it) | intermediate_not_pasted (the server sent it, but without -showcerts
# s_client printed only the leaf) | name_mismatch | expired | self_signed.
capture() {
    local name=$1 description=$2 servername=$3 showcerts=$4 cafile=$5 leaf=$6 sent=$7
    local complete=$8 problem=$9
    shift 10
    start_server "server-$name.log" "$@"

    local args=(-connect "127.0.0.1:$port" -servername "$servername")
    [ "$showcerts" = yes ] && args+=(-showcerts)
    local root_file=""
    if [ -n "$cafile" ]; then
        root_file="$name.root.pem"
        cp "$cafile.pem" "$work/out/$root_file"
        [ "$name" = verified-cafile ] && args+=(-CAfile "$root_file")
    fi
    local cmd="openssl s_client ${args[*]} </dev/null 2>&1"
    local captured_at
    captured_at=$(date -u +%s)
    local output
    # Run from the output dir so that `-CAfile NAME.root.pem` in the recorded command is true there.
    output=$(cd "$work/out" && openssl s_client "${args[@]}" </dev/null 2>&1) || true
    # The server exits by itself after its one connection (-naccept 1); make sure.
    kill "${server_pids[-1]}" 2>/dev/null || true
    wait "${server_pids[-1]}" 2>/dev/null || true
    {
        printf '$ %s\n' "$cmd"
        printf '%s\n' "$output"
    } >"$work/out/$name.txt"

    local pem_blocks verify_code
    pem_blocks=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$work/out/$name.txt" || true)
    verify_code=$(sed -n 's/^ *Verify return code: \([0-9][0-9]*\) .*/\1/p' "$work/out/$name.txt" | tail -n 1)
    [ -n "$verify_code" ] || die "$name: no 'Verify return code' in s_client output"
    [ "$pem_blocks" -ge 1 ] || die "$name: no certificate in s_client output"

    # sha256 of each PEM block in the capture, in order (what a parser of the text must find).
    local pem_list="" k
    rm -rf "$work/blocks" && mkdir "$work/blocks"
    awk -v dir="$work/blocks" '
        /-----BEGIN CERTIFICATE-----/ { n++; inside = 1 }
        inside { print > (dir "/" n ".pem") }
        /-----END CERTIFICATE-----/ { inside = 0; close(dir "/" n ".pem") }
    ' "$work/out/$name.txt"
    for ((k = 1; k <= pem_blocks; k++)); do
        pem_list+="${pem_list:+, }\"$(sha256_of "$work/blocks/$k.pem")\""
    done

    local fp not_before not_after subject
    fp=$(sha256_of "$leaf.pem")
    not_before=$(date -u -d "$(openssl x509 -in "$leaf.pem" -noout -startdate | sed 's/^notBefore=//')" +%s)
    not_after=$(date -u -d "$(openssl x509 -in "$leaf.pem" -noout -enddate | sed 's/^notAfter=//')" +%s)
    subject=$(openssl x509 -in "$leaf.pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')

    local root_json=null
    [ -n "$root_file" ] && root_json="\"$root_file\""
    json_entries+=("$(
        cat <<EOF
    {
      "file": "$name.txt",
      "description": "$description",
      "command": "$cmd",
      "host": "$servername",
      "port": $port,
      "captured_at": $captured_at,
      "root": $root_json,
      "expected": {
        "leaf_subject": "$subject",
        "leaf_sans": ["$HOST", "$ALT_HOST"],
        "leaf_key": "$(key_kind "$leaf")",
        "leaf_sha256": "$fp",
        "leaf_not_before": $not_before,
        "leaf_not_after": $not_after,
        "showcerts": $([ "$showcerts" = yes ] && echo true || echo false),
        "pem_blocks": $pem_blocks,
        "pem_sha256": [$pem_list],
        "server_sent_certs": $sent,
        "chain_complete": $complete,
        "problem": "$problem",
        "openssl_verify_code": $verify_code
      }
    }
EOF
    )")
    echo "make-captures: $name.txt (port $port, verify code $verify_code, $pem_blocks PEM block(s))"
}

# sha256 fingerprint of a PEM certificate's DER, lowercase hex without colons.
sha256_of() {
    openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g' | tr 'A-F' 'a-f'
}

key_kind() {
    case "$(openssl x509 -in "$1.pem" -noout -text | sed -n 's/^ *Public Key Algorithm: //p')" in
        rsaEncryption) echo "rsa-$(openssl x509 -in "$1.pem" -noout -text | sed -n 's/^ *Public-Key: (\([0-9]*\) bit)/\1/p')" ;;
        id-ecPublicKey) echo "ecdsa-p256" ;;
        *) echo "unknown" ;;
    esac
}

mkdir -p "$work/out"

capture full-chain-showcerts "leaf + intermediate sent; -showcerts prints both; root not in the system store" \
    "$HOST" yes root leaf 2 true none -- \
    -cert leaf.pem -key leaf.key -cert_chain inter.pem
capture full-chain-no-showcerts "leaf + intermediate sent; without -showcerts only the leaf PEM is printed" \
    "$HOST" no root leaf 2 true intermediate_not_pasted -- \
    -cert leaf.pem -key leaf.key -cert_chain inter.pem
capture missing-intermediate "server misconfigured: sends only the leaf, not the intermediate" \
    "$HOST" yes root leaf 1 false missing_intermediate -- \
    -cert leaf.pem -key leaf.key
capture verified-cafile "leaf + intermediate sent; -CAfile with the test root, so openssl verifies OK" \
    "$HOST" yes root leaf 2 true none -- \
    -cert leaf.pem -key leaf.key -cert_chain inter.pem
capture name-mismatch "complete chain, but the client asked for a name the certificate does not cover" \
    "$WRONG_HOST" yes root leaf 2 true name_mismatch -- \
    -cert leaf.pem -key leaf.key -cert_chain inter.pem
capture expired-leaf "leaf + intermediate sent; the leaf expired $EXPIRED_END_DAYS_AGO days before the capture" \
    "$HOST" yes root expired 2 true expired -- \
    -cert expired.pem -key expired.key -cert_chain inter.pem
capture self-signed "a self-signed leaf, as many mail-server packages install by default" \
    "$HOST" yes "" self 1 true self_signed -- \
    -cert self.pem -key self.key
capture ecdsa-chain "ECDSA P-256 root -> intermediate -> leaf; leaf + intermediate sent" \
    "$HOST" yes ecroot ecleaf 2 true none -- \
    -cert ecleaf.pem -key ecleaf.key -cert_chain ecinter.pem

{
    printf '{\n'
    printf '  "generator": "scripts/make-captures.sh",\n'
    printf '  "openssl": "%s",\n' "$(openssl version)"
    printf '  "generated_at": %s,\n' "$now"
    printf '  "captures": [\n'
    for i in "${!json_entries[@]}"; do
        printf '%s' "${json_entries[$i]}"
        if [ "$i" -lt $((${#json_entries[@]} - 1)) ]; then printf ',\n'; else printf '\n'; fi
    done
    printf '  ]\n}\n'
} >"$work/out/captures.json"

# Replace the generated files (keep README.md and anything else hand-written).
mkdir -p "$out_dir"
rm -f "$out_dir"/*.txt "$out_dir"/*.root.pem "$out_dir"/captures.json
cp "$work/out"/*.txt "$work/out"/*.root.pem "$work/out"/captures.json "$out_dir"/
echo "make-captures: wrote ${#json_entries[@]} captures to $out_dir"

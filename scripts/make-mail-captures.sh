#!/usr/bin/env bash
# Regenerates tests/captures/mail/: real transcripts of the tools people use to look at a mail
# server's certificate, against real mail servers and `openssl s_server` on 127.0.0.1.
#
# - Dovecot (IMAP 143 STARTTLS / 993 implicit TLS, POP3 110 STARTTLS / 995 implicit TLS) and
#   Postfix (SMTP 25 and submission 587 with STARTTLS, 465 implicit TLS) from Debian's packages,
#   each run as a private instance with its own config in a temp dir, on 127.0.0.1 high ports
#   (the standard port + 11000: 11143, 11993, ...), started here and stopped on exit.
# - `openssl s_server` for what a mail server cannot be made to do on purpose: serve another
#   certificate without SNI, accept TLS 1.1, refuse TLS 1.1 with an alert.
# - The failures people paste: connection refused, implicit TLS against a STARTTLS port,
#   -starttls against an implicit-TLS port, a name that does not resolve (in a network namespace
#   with no network, so no resolver is asked), TLS 1.1 refused.
# - Other clients: gnutls-cli --print-cert, keytool -printcert -rfc -sslserver, and the offline
#   printers openssl x509 -text and certtool -i; and www/certscope-capture.sh's several-port paste.
#
# Every transcript's first line is the exact command, prefixed with "$ ", as in a terminal paste.
# The test PKI, keys, serials and times change on every run; ports, file names and the set of
# captures do not. captures.json records what tests check (validate at `captured_at`).
#
# Usage: scripts/make-mail-captures.sh [OUT_DIR]   (default: tests/captures/mail)
# Needs: root (Dovecot and Postfix drop privileges to their own users), Debian's dovecot-imapd,
# dovecot-pop3d, postfix and gnutls-bin (installed here with apt-get when missing), OpenJDK's
# keytool, OpenSSL 3, util-linux unshare. Listens on 127.0.0.1 only; contacts no other address.
set -euo pipefail

readonly HOST=mail.example.test
# The certificate a server without SNI falls back to (s_server's first certificate).
readonly DEFAULT_HOST=default.example.test
readonly LEAF_DAYS=90
readonly ROOT_DAYS=3650
readonly INTER_DAYS=1825
readonly BACKDATE_SECONDS=3600
# Ports: the standard mail port + PORT_OFFSET, so the number still says which service it is.
readonly PORT_OFFSET=11000
readonly IMAP=$((PORT_OFFSET + 143)) IMAPS=$((PORT_OFFSET + 993))
readonly POP3=$((PORT_OFFSET + 110)) POP3S=$((PORT_OFFSET + 995))
readonly SMTP=$((PORT_OFFSET + 25)) SUBMISSION=$((PORT_OFFSET + 587)) SMTPS=$((PORT_OFFSET + 465))
# s_server instances, and a port nothing listens on.
readonly SNI_PORT=11443 TLS11_PORT=11444 TLS11_REFUSE_PORT=11445 CLOSED_PORT=11999
# Seconds a client may take; the -starttls-against-implicit-TLS client waits forever without it.
readonly CLIENT_TIMEOUT=5
readonly START_TIMEOUT_TENTHS=100

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
out_dir=${1:-$repo_root/tests/captures/mail}

die() {
    echo "make-mail-captures: $*" >&2
    exit 1
}

[ "$(id -u)" = 0 ] || die "run as root: Dovecot and Postfix start as root and drop privileges"

# ---------------------------------------------------------------------------------------------
# Packages. Debian's postinst would start the system's own daemons (on 0.0.0.0:25, :143, ...):
# a policy-rc.d that says "no" is put in place for the install when the machine has none.

missing=()
for pair in dovecot:dovecot-imapd /usr/lib/dovecot/pop3:dovecot-pop3d postfix:postfix gnutls-cli:gnutls-bin; do
    cmd=${pair%%:*} pkg=${pair#*:}
    if [[ $cmd == /* ]]; then [ -e "$cmd" ] || missing+=("$pkg"); else command -v "$cmd" >/dev/null || missing+=("$pkg"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "make-mail-captures: installing ${missing[*]}"
    policy_added=no
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        policy_added=yes
    fi
    printf '%s\n' "postfix postfix/main_mailer_type select Local only" \
        "postfix postfix/mailname string $HOST" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    [ "$policy_added" = yes ] && rm -f /usr/sbin/policy-rc.d
fi
for cmd in openssl dovecot postfix gnutls-cli certtool keytool unshare stdbuf; do
    command -v "$cmd" >/dev/null || die "$cmd not found"
done

for port in $IMAP $IMAPS $POP3 $POP3S $SMTP $SUBMISSION $SMTPS $SNI_PORT $TLS11_PORT $TLS11_REFUSE_PORT $CLOSED_PORT; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "127.0.0.1:$port is in use"; fi
done

# ---------------------------------------------------------------------------------------------
# Clean-up: every daemon started here is stopped on exit, by its own pid or its own command.

work=$(mktemp -d "${TMPDIR:-/tmp}/certscope-mail.XXXXXX")
chmod 755 "$work"
pids=()
dovecot_started=no
postfix_started=no
cleanup() {
    local pid
    [ "$dovecot_started" = yes ] && { doveadm -c "$work/dovecot.conf" stop 2>/dev/null || true; }
    [ "$postfix_started" = yes ] && { postfix -c "$work/postfix" stop 2>/dev/null || true; }
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now=$(date -u +%s)
asn1_time() { date -u -d "@$1" +%Y%m%d%H%M%SZ; }

# ---------------------------------------------------------------------------------------------
# The test PKI: root -> intermediate -> leaf for mail.example.test, and a second leaf for
# default.example.test (what a server without SNI serves).

cd "$work"
cat >openssl.cnf <<'EOF'
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
[ v3_leaf ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:mail.example.test, DNS:imap.example.test, DNS:smtp.example.test
[ v3_default ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = DNS:default.example.test
EOF
export OPENSSL_CONF="$work/openssl.cnf" CA_DIR="$work"

new_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
sign() { # sign ISSUER NAME SUBJECT EXTENSIONS
    mkdir -p "ca-$1/new"
    touch "ca-$1/index.txt"
    [ -f "ca-$1/serial" ] || echo 01 >"ca-$1/serial"
    openssl req -new -config openssl.cnf -key "$2.key" -subj "$3" -out "$2.csr"
    CA_DIR="$work/ca-$1" openssl ca -batch -config openssl.cnf -notext -rand_serial \
        -cert "$1.pem" -keyfile "$1.key" -in "$2.csr" -out "$2.pem" -extensions "$4" \
        -startdate "$(asn1_time $((now - BACKDATE_SECONDS)))" -enddate "$(asn1_time "$5")" \
        2>ca.log || { cat ca.log >&2; die "openssl ca failed for $2"; }
}
echo "make-mail-captures: building the test PKI in $work"
new_key root.key
openssl req -new -x509 -config openssl.cnf -key root.key -sha256 -days "$ROOT_DAYS" \
    -subj "/O=certscope test PKI/CN=certscope Test Root CA R1" -extensions v3_root -out root.pem
new_key inter.key
sign root inter "/O=certscope test PKI/CN=certscope Test Intermediate CA R1" v3_inter $((now + INTER_DAYS * 86400))
new_key leaf.key
sign inter leaf "/CN=$HOST" v3_leaf $((now + LEAF_DAYS * 86400))
new_key default.key
sign inter default "/CN=$DEFAULT_HOST" v3_default $((now + LEAF_DAYS * 86400))
cat leaf.pem inter.pem >chain.pem
cat default.pem inter.pem >default-chain.pem
chmod 644 ./*.pem
chmod 600 ./*.key

# ---------------------------------------------------------------------------------------------
# Dovecot: IMAP and POP3, STARTTLS and implicit TLS, as its Debian package would serve them.

mkdir -p dovecot-run
cat >dovecot.conf <<EOF
protocols = imap pop3
listen = 127.0.0.1
base_dir = $work/dovecot-run
state_dir = $work/dovecot-run/state
instance_name = certscope-mail-captures
log_path = $work/dovecot.log
ssl = yes
ssl_cert = <$work/chain.pem
ssl_key = <$work/leaf.key
ssl_dh = </usr/share/dovecot/dh.pem
ssl_min_protocol = TLSv1.2
passdb {
  driver = static
  args = nopassword=y
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$work/home
}
service imap-login {
  inet_listener imap {
    port = $IMAP
  }
  inet_listener imaps {
    port = $IMAPS
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $POP3
  }
  inet_listener pop3s {
    port = $POP3S
    ssl = yes
  }
}
EOF
dovecot -c "$work/dovecot.conf" || die "dovecot did not start: $(cat dovecot.log 2>/dev/null)"
dovecot_started=yes

# ---------------------------------------------------------------------------------------------
# Postfix: SMTP on 25 (STARTTLS offered), submission on 587 (STARTTLS required), submissions on
# 465 (implicit TLS), a private instance (postfix -c) with its own queue.

mkdir -p postfix postfix-queue postfix-data
chown postfix postfix-data
cat >postfix/main.cf <<EOF
compatibility_level = 3.6
queue_directory = $work/postfix-queue
data_directory = $work/postfix-data
mail_owner = postfix
myhostname = $HOST
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
maillog_file_prefixes = $work
maillog_file = $work/postfix.log
smtpd_tls_chain_files = $work/leaf.key, $work/chain.pem
smtpd_tls_security_level = may
smtpd_relay_restrictions = reject
EOF
{
    printf '127.0.0.1:%s inet n - n - - smtpd\n' "$SMTP"
    printf '127.0.0.1:%s inet n - n - - smtpd\n  -o smtpd_tls_security_level=encrypt\n' "$SUBMISSION"
    printf '127.0.0.1:%s inet n - n - - smtpd\n  -o smtpd_tls_wrappermode=yes\n' "$SMTPS"
    for svc in "pickup unix n - n 60 1 pickup" "cleanup unix n - n - 0 cleanup" \
        "qmgr unix n - n 300 1 qmgr" "tlsmgr unix - - n 1000? 1 tlsmgr" \
        "rewrite unix - - n - - trivial-rewrite" "bounce unix - - n - 0 bounce" \
        "defer unix - - n - 0 bounce" "trace unix - - n - 0 bounce" "verify unix - - n - 1 verify" \
        "flush unix n - n 1000? 0 flush" "proxymap unix - - n - - proxymap" \
        "smtp unix - - n - - smtp" "showq unix n - n - - showq" "error unix - - n - - error" \
        "retry unix - - n - - error" "discard unix - - n - - discard" "local unix - n n - - local" \
        "anvil unix - - n - 1 anvil" "scache unix - - n - 1 scache" \
        "postlog unix-dgram n - n - 1 postlogd"; do
        echo "$svc"
    done
} >postfix/master.cf
postfix -c "$work/postfix" set-permissions >/dev/null 2>&1 || true
postfix -c "$work/postfix" start >/dev/null 2>&1 || die "postfix did not start: $(cat postfix.log 2>/dev/null)"
postfix_started=yes

# ---------------------------------------------------------------------------------------------
# openssl s_server instances.

start_s_server() { # start_s_server PORT ARGS...
    local port=$1
    shift
    # -www: answer every connection and keep running (without it s_server exits at the end of stdin).
    openssl s_server -accept "127.0.0.1:$port" -www "$@" >"s_server-$port.log" 2>&1 </dev/null &
    pids+=("$!")
    local tries=0
    until grep -qs "^ACCEPT" "s_server-$port.log"; do
        tries=$((tries + 1))
        [ "$tries" -lt "$START_TIMEOUT_TENTHS" ] || die "s_server on $port did not start: $(cat "s_server-$port.log")"
        sleep 0.1
    done
}
# Without SNI: default.example.test; with SNI mail.example.test: the mail certificate.
start_s_server $SNI_PORT -cert default.pem -key default.key -cert_chain inter.pem \
    -servername "$HOST" -cert2 leaf.pem -key2 leaf.key
# Accepts TLS 1.1 (which Debian's OpenSSL only offers at security level 0).
start_s_server $TLS11_PORT -cert leaf.pem -key leaf.key -cert_chain inter.pem \
    -tls1_1 -cipher DEFAULT@SECLEVEL=0
# Refuses TLS 1.1 with a protocol_version alert: what a current server does.
start_s_server $TLS11_REFUSE_PORT -cert leaf.pem -key leaf.key -cert_chain inter.pem -tls1_2

wait_for() { # wait_for PORT
    local tries=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt "$START_TIMEOUT_TENTHS" ] || die "nothing listens on 127.0.0.1:$1"
        sleep 0.1
    done
}
for port in $IMAP $IMAPS $POP3 $POP3S $SMTP $SUBMISSION $SMTPS; do
    wait_for "$port"
done

# ---------------------------------------------------------------------------------------------
# Captures.

mkdir -p out
cp root.pem out/root.pem
json_entries=()

# record NAME KIND HOST EXPECT DESCRIPTION -- COMMAND...
# Runs COMMAND (in out/, with a time limit), saves "$ COMMAND" and its output as NAME.txt.
# KIND: the tool; HOST: the name a mail app would use; EXPECT: the capture finding ids tests
# require (space-separated, may be empty).
record() {
    local name=$1 kind=$2 host=$3 expect=$4 description=$5
    shift 6
    local shown="$*"
    local at
    at=$(date -u +%s)
    # Written as it comes, byte for byte (s_client -starttls pop3 prints a NUL byte).
    {
        printf '$ %s\n' "$shown"
        (cd out && timeout "$CLIENT_TIMEOUT" "$@" </dev/null 2>&1) || true
    } >"out/$name.txt.tmp"
    mv "out/$name.txt.tmp" "out/$name.txt"
    local ids="" id
    for id in $expect; do ids+="${ids:+, }\"$id\""; done
    json_entries+=("    {\"file\": \"$name.txt\", \"tool\": \"$kind\", \"host\": \"$host\", \"captured_at\": $at, \"expect\": [$ids],
     \"description\": \"$description\"}")
    echo "make-mail-captures: $name.txt"
}

S="openssl s_client"
A=127.0.0.1
record imaps-993 openssl "$HOST" "" "Dovecot IMAP, implicit TLS" -- \
    $S -connect $A:$IMAPS -servername $HOST -showcerts
record imap-starttls-143 openssl "$HOST" "" "Dovecot IMAP, STARTTLS" -- \
    $S -connect $A:$IMAP -starttls imap -servername $HOST -showcerts
record pop3s-995 openssl "$HOST" "" "Dovecot POP3, implicit TLS" -- \
    $S -connect $A:$POP3S -servername $HOST -showcerts
record pop3-starttls-110 openssl "$HOST" "" "Dovecot POP3, STARTTLS" -- \
    $S -connect $A:$POP3 -starttls pop3 -servername $HOST -showcerts
record smtp-starttls-25 openssl "$HOST" "" "Postfix SMTP, STARTTLS" -- \
    $S -connect $A:$SMTP -starttls smtp -servername $HOST -showcerts
record submission-starttls-587 openssl "$HOST" "" "Postfix submission, STARTTLS" -- \
    $S -connect $A:$SUBMISSION -starttls smtp -servername $HOST -showcerts
record smtps-465-status openssl "$HOST" "" "Postfix submissions, implicit TLS, with -status (no OCSP response)" -- \
    $S -connect $A:$SMTPS -servername $HOST -showcerts -status
record smtps-465-no-showcerts openssl "$HOST" "showcerts_missing" "Postfix submissions without -showcerts: the chain is listed, not shown" -- \
    $S -connect $A:$SMTPS -servername $HOST

record refused openssl "$HOST" "connection_failed" "a closed port: connection refused" -- \
    $S -connect $A:$CLOSED_PORT -servername $HOST -showcerts
record name-not-resolved openssl "$HOST" "connection_failed" "a name that does not resolve (no network at all: unshare -n)" -- \
    unshare -n openssl s_client -connect mail.example.invalid:993 -showcerts
record implicit-tls-on-imap-starttls-port openssl "$HOST" "tls_mode_mismatch" "implicit TLS against Dovecot's STARTTLS port" -- \
    $S -connect $A:$IMAP -servername $HOST -showcerts
record implicit-tls-on-submission-port openssl "$HOST" "tls_mode_mismatch" "implicit TLS against Postfix's submission (STARTTLS) port" -- \
    $S -connect $A:$SUBMISSION -servername $HOST -showcerts
# The client waits for a plaintext greeting that never comes; a terminal shows the line-buffered
# output up to the moment the user gives up (here: SIGINT after CLIENT_TIMEOUT seconds).
record starttls-on-imaps-port openssl "$HOST" "tls_mode_mismatch" "-starttls imap against Dovecot's implicit-TLS port: no greeting, the user presses Ctrl-C" -- \
    stdbuf -oL openssl s_client -connect $A:$IMAPS -starttls imap -servername $HOST -showcerts
sed -i "1s/^\\\$ stdbuf -oL /\$ /" out/starttls-on-imaps-port.txt
record tls11-dovecot openssl "$HOST" "handshake_failed" "-tls1_1 against Dovecot (ssl_min_protocol TLSv1.2): the server closes the connection" -- \
    $S -connect $A:$IMAPS -servername $HOST -tls1_1 -cipher DEFAULT@SECLEVEL=0
record tls11-refused openssl "$HOST" "handshake_failed" "-tls1_1 against a server that answers with a protocol_version alert" -- \
    $S -connect $A:$TLS11_REFUSE_PORT -servername $HOST -tls1_1 -cipher DEFAULT@SECLEVEL=0
record tls11-accepted openssl "$HOST" "tls_version_obsolete" "a server that still accepts TLS 1.1" -- \
    $S -connect $A:$TLS11_PORT -servername $HOST -showcerts -tls1_1 -cipher DEFAULT@SECLEVEL=0
record no-sni openssl "$HOST" "sni_missing" "no -servername: the server sends its default certificate (default.example.test)" -- \
    $S -connect $A:$SNI_PORT -showcerts
record with-sni openssl "$HOST" "missing_intermediate" "the same server with -servername: the right certificate (s_server sends no chain for -cert2)" -- \
    $S -connect $A:$SNI_PORT -servername $HOST -showcerts
record verify-hostname openssl "$HOST" "" "-CAfile and -verify_hostname: OpenSSL's verdict is certscope's" -- \
    $S -connect $A:$IMAPS -servername $HOST -verify_hostname $HOST -CAfile root.pem -showcerts

record gnutls-cli gnutls-cli "$HOST" "" "gnutls-cli --print-cert against Dovecot's implicit-TLS port" -- \
    gnutls-cli --print-cert --port $IMAPS --sni-hostname $HOST --verify-hostname $HOST $A
record gnutls-cli-starttls gnutls-cli "$HOST" "" "gnutls-cli --starttls-proto imap against Dovecot's STARTTLS port, trusting the test root" -- \
    gnutls-cli --print-cert --port $IMAP --starttls-proto imap --sni-hostname $HOST --verify-hostname $HOST --x509cafile root.pem $A
record gnutls-cli-refused gnutls-cli "$HOST" "connection_failed" "gnutls-cli against a closed port" -- \
    gnutls-cli --print-cert --port $CLOSED_PORT $A
record keytool keytool "$HOST" "" "Java keytool -printcert -rfc -sslserver against Dovecot's implicit-TLS port" -- \
    keytool -printcert -rfc -sslserver $A:$IMAPS
record keytool-refused keytool "$HOST" "no_peer_certificate" "Java keytool against a closed port (keytool says only that no certificate came)" -- \
    keytool -printcert -rfc -sslserver $A:$CLOSED_PORT
cp leaf.pem out/leaf.pem
record x509-text x509-text "$HOST" "" "openssl x509 -text of the leaf" -- \
    openssl x509 -in leaf.pem -text
record certtool-i certtool "$HOST" "" "certtool -i of the leaf" -- \
    certtool -i --infile leaf.pem
rm -f out/leaf.pem
record capture-script certscope-capture "$HOST" "" "www/certscope-capture.sh against every local port (IMAP, POP3, SMTP) and a closed one, which it leaves out" -- \
    env CERTSCOPE_CONNECT=$A CERTSCOPE_TIMEOUT=$CLIENT_TIMEOUT sh "$repo_root/www/certscope-capture.sh" $HOST \
    $IMAPS/tls $IMAP/imap $POP3S/tls $POP3/pop3 $SMTPS/tls $SUBMISSION/smtp $SMTP/smtp $CLOSED_PORT/tls
# The companion script's own command line names its path on this machine; keep only its name.
sed -i "1s|sh [^ ]*/www/certscope-capture.sh|sh certscope-capture.sh|" out/capture-script.txt

{
    printf '{\n  "generator": "scripts/make-mail-captures.sh",\n'
    printf '  "openssl": "%s",\n' "$(openssl version)"
    printf '  "dovecot": "%s",\n' "$(dovecot --version)"
    printf '  "postfix": "%s",\n' "$(postconf -h mail_version)"
    printf '  "gnutls": "%s",\n' "$(gnutls-cli --version | head -n 1)"
    printf '  "java": "%s",\n' "$(java -version 2>&1 | head -n 1 | tr -d '"')"
    printf '  "generated_at": %s,\n  "root": "root.pem",\n  "captures": [\n' "$now"
    for i in "${!json_entries[@]}"; do
        printf '%s' "${json_entries[$i]}"
        if [ "$i" -lt $((${#json_entries[@]} - 1)) ]; then printf ',\n'; else printf '\n'; fi
    done
    printf '  ]\n}\n'
} >out/captures.json

mkdir -p "$out_dir"
rm -f "$out_dir"/*.txt "$out_dir"/root.pem "$out_dir"/captures.json
cp out/*.txt out/root.pem out/captures.json "$out_dir"/
echo "make-mail-captures: wrote ${#json_entries[@]} captures to $out_dir"

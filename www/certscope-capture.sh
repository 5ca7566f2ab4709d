#!/bin/sh
# certscope-capture.sh: records what every mail port of a server sends, as one paste for certscope.
#
#   sh certscope-capture.sh mail.example.com > capture.txt     (then paste capture.txt into certscope)
#   sh certscope-capture.sh mail.example.com 993/tls 587/smtp  (only these ports)
#
# For each port (default: 993 143 995 110 465 587 25) it runs `openssl s_client` with the right
# -starttls, -servername and -showcerts, waits at most CERTSCOPE_TIMEOUT seconds (default 8), and
# prints the command and its output. Ports that do not answer are left out (and named on stderr).
# It sends only the TLS handshake and the STARTTLS command: no password, no mail. Needs openssl.
# CERTSCOPE_CONNECT=ADDRESS connects there instead of to the host (the name is still sent as SNI).
host=${1:?usage: sh certscope-capture.sh HOST [PORT/MODE ...]   (MODE: tls, imap, pop3 or smtp)}
shift
[ $# -gt 0 ] || set -- 993/tls 143/imap 995/tls 110/pop3 465/tls 587/smtp 25/smtp
addr=${CERTSCOPE_CONNECT:-$host}
limit=${CERTSCOPE_TIMEOUT:-8}
out=$(mktemp) || exit 1
trap 'rm -f "$out"' 0
for spec in "$@"; do
    port=${spec%/*}
    mode=${spec#*/}
    case $mode in
        tls | "$spec") starttls= ;;
        imap | pop3 | smtp) starttls=" -starttls $mode" ;;
        *) echo "certscope-capture: $spec: MODE is tls, imap, pop3 or smtp" >&2; continue ;;
    esac
    cmd="openssl s_client -connect $addr:$port$starttls -servername $host -showcerts"
    $cmd </dev/null >"$out" 2>&1 &
    pid=$!
    (sleep "$limit"; kill "$pid") >/dev/null 2>&1 &
    timer=$!
    wait "$pid"
    status=$?
    kill "$timer" 2>/dev/null
    if grep -q '^CONNECTED(' "$out"; then
        printf '$ %s\n' "$cmd"
        cat "$out"
        echo
    elif [ "$status" -gt 128 ]; then
        echo "certscope-capture: port $port: no answer within $limit seconds (left out)" >&2
    else
        echo "certscope-capture: port $port: $(tail -n 1 "$out") (left out)" >&2
    fi
done

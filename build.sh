#!/usr/bin/env bash
# The one entry point for building and testing certscope.
#
#   ./build.sh serve   set up, build the page, serve www/ on http://127.0.0.1:8080 (PORT=... to change)
#   ./build.sh test    set up what is missing, build the page, then run every test (CI runs this via .ci/run)
#   ./build.sh build   set up what is missing and write the complete page into www/
#   ./build.sh bench   the benchmarks: criterion natively, then the wasm build in Node and Chromium beside native
#
# Setup steps are idempotent: each checks first and only installs what is missing.
#
# The page is the core compiled to wasm32-unknown-unknown (cargo profile `wasm` in Cargo.toml),
# bound to JavaScript by wasm-bindgen (--target web, the CLI at Cargo.lock's version) and shrunk
# by wasm-opt -Oz (npm `binaryen`: Debian's binaryen 108 writes modules that fail to load). The
# HTML, CSS, JS and examples in www/ are sources; the build writes www/pkg/ and www/findings.html.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly repo_root=$PWD

# The suite must not pass by running nothing. Sum of "N passed" over every cargo test run; a
# floor well below the expected count that still catches a filter or a cfg that silently drops
# most of them.
readonly MIN_TESTS_PASSED=300
# The same for each run of tests/wasm.rs (Node, then Chromium), for the page tests and for the
# embedding tests of tests/browser/ (each prints cargo's "test result" line). Floors a little
# under the counts written today (330 cargo tests; 12, 35, 30).
readonly MIN_WASM_TESTS_PASSED=10
readonly MIN_BROWSER_TESTS_PASSED=31
readonly MIN_EMBED_TESTS_PASSED=26

readonly log_dir="$repo_root/target/build-sh"
readonly www="$repo_root/www"
readonly pkg_dir="$www/pkg"
readonly wasm_target=wasm32-unknown-unknown
readonly wasm_profile=wasm
readonly chromium=/usr/bin/chromium
readonly chromedriver=/usr/bin/chromedriver
readonly wasm_opt="$repo_root/node_modules/.bin/wasm-opt"
# What rustc 1.95 emits for wasm32-unknown-unknown (the module's target_features section:
# bulk-memory(-opt), call-indirect-overlong, multivalue, mutable-globals, nontrapping-fptoint,
# reference-types, sign-ext). wasm-opt must accept and keep them; it reads the section too, the
# flags make the intent explicit and survive a wasm-bindgen that strips it.
readonly wasm_opt_flags=(-Oz
    --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong
    --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int
    --enable-reference-types --enable-sign-ext)

# ring compiles C for wasm32: it needs clang (gcc has no wasm backend) and an archiver that
# writes a wasm symbol index.
export CC_wasm32_unknown_unknown="${CC_wasm32_unknown_unknown:-clang}"
export AR_wasm32_unknown_unknown="${AR_wasm32_unknown_unknown:-llvm-ar}"

log() { printf '\n==> %s\n' "$*" >&2; }
die() {
    printf 'build.sh: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
# Setup.

# ensure_rust_target TRIPLE: adds a rustup target only when it is not installed yet.
ensure_rust_target() {
    local target=$1
    if ! rustup target list --installed | grep -qx "$target"; then
        log "rustup target add $target"
        rustup target add "$target"
    fi
}

setup_rust() {
    command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
    command -v rustup >/dev/null || die "rustup not found: the build manages targets with rustup"
    ensure_rust_target "$wasm_target"
    log "toolchain: $(rustc --version)"
}

# ensure_apt CHECK PACKAGE [CHECK PACKAGE ...]: installs each Debian PACKAGE whose CHECK (a
# command name, or an absolute path) is missing; one apt-get update first, only when installing.
ensure_apt() {
    local missing=()
    while [ $# -ge 2 ]; do
        if [[ $1 == /* ]]; then [ -e "$1" ] || missing+=("$2"); else command -v "$1" >/dev/null || missing+=("$2"); fi
        shift 2
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing: ${missing[*]} (Debian package names); install them"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    log "apt-get install ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The wasm-bindgen version in Cargo.lock: the CLI must match the crate exactly.
locked_wasm_bindgen_version() {
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

# Installs wasm-bindgen-cli (wasm-bindgen and wasm-bindgen-test-runner) at Cargo.lock's version
# unless both are already at it. About 2.5 minutes on 2 cores. Not --locked: the CLI's own
# lock file pins crates this toolchain cannot always build.
ensure_wasm_bindgen() {
    local want have runner
    want=$(locked_wasm_bindgen_version)
    [ -n "$want" ] || die "no wasm-bindgen package in Cargo.lock"
    have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }') || true
    runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{ print $2 }') || true
    if [ "$have" != "$want" ] || [ "$runner" != "$want" ]; then
        log "cargo install wasm-bindgen-cli --version $want (found ${have:-none})"
        cargo install wasm-bindgen-cli --version "$want" --force
    fi
}

# npm ci when node_modules is missing or was installed from another package.json/lock.
ensure_node_modules() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        die "node and npm not found: install Node.js 20 or later (the page's build and browser tests use it)"
    fi
    local stamp=node_modules/.certscope-lock.sha256 want
    want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
    if [ ! -x "$wasm_opt" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        log "npm ci (node $(node --version), npm $(npm --version))"
        npm ci --no-audit --no-fund
        printf '%s\n' "$want" >"$stamp"
    fi
}

# What `build` needs: the wasm target, clang, llvm-ar, wasm-bindgen, wasm-opt.
setup_build() {
    setup_rust
    ensure_apt clang clang llvm-ar llvm
    ensure_wasm_bindgen
    ensure_node_modules
}

# What the tests need beyond that: Chromium and its WebDriver, openssl (the browser tests make
# their PKI with it) and a font for the screenshots.
setup_test() {
    setup_build
    ensure_apt "$chromium" chromium "$chromedriver" chromium-driver openssl openssl \
        /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
    log "browser: $("$chromium" --version 2>/dev/null || echo '?'); $("$chromedriver" --version 2>/dev/null | cut -d' ' -f1-2)"
}

# ---------------------------------------------------------------------------------------------
# Build.

# build_page: the wasm package into www/pkg/, checked to compile, then the sizes.
build_page() {
    local started=$SECONDS
    local raw="target/$wasm_target/$wasm_profile/certscope.wasm"
    local stage="$log_dir/pkg" opt="$log_dir/certscope_bg.opt.wasm"
    log "cargo build --lib --no-default-features --profile $wasm_profile --target $wasm_target"
    cargo build --lib --no-default-features --profile "$wasm_profile" --target "$wasm_target"

    log "wasm-bindgen --target web"
    rm -rf "$stage"
    mkdir -p "$stage"
    wasm-bindgen --target web --out-dir "$stage" "$raw"

    # wasm-opt takes about 15 s: skip it when its input and flags are what they were last time.
    local key
    key=$({ sha256sum <"$stage/certscope_bg.wasm"; "$wasm_opt" --version; echo "${wasm_opt_flags[*]}"; } | sha256sum | cut -d' ' -f1)
    if [ -f "$opt" ] && [ "$(cat "$opt.key" 2>/dev/null)" = "$key" ]; then
        log "wasm-opt: input unchanged, keeping $(basename "$opt")"
    else
        log "wasm-opt ${wasm_opt_flags[*]}"
        "$wasm_opt" "${wasm_opt_flags[@]}" "$stage/certscope_bg.wasm" -o "$opt.tmp"
        mv "$opt.tmp" "$opt"
        printf '%s\n' "$key" >"$opt.key"
    fi
    # The optimised module must still compile (Debian's binaryen 108 broke this silently).
    node -e 'new WebAssembly.Module(require("fs").readFileSync(process.argv[1]))' "$opt" ||
        die "the optimised wasm does not compile: $opt"

    # Swap the new package in whole, so a server never sees half of it.
    rm -rf "$pkg_dir.new"
    mkdir -p "$pkg_dir.new"
    cp "$stage/certscope.js" "$stage/certscope.d.ts" "$stage/certscope_bg.wasm.d.ts" "$pkg_dir.new/"
    cp "$opt" "$pkg_dir.new/certscope_bg.wasm"
    rm -rf "$pkg_dir"
    mv "$pkg_dir.new" "$pkg_dir"

    [ -f "$www/index.html" ] || die "www/index.html is missing: the page's sources are not in this checkout"
    # The findings reference page, generated from the catalog the wasm carries (examples/findings_page.rs).
    log "cargo run --example findings_page"
    cargo run --quiet --example findings_page -- "$www/findings.html"
    # The locale files the page and <cert-inspector> load, then the single-file offline build.
    log "node scripts/make-locales.mjs; node scripts/make-single-file.mjs"
    node scripts/make-locales.mjs
    node scripts/make-single-file.mjs
    log "wrote ${pkg_dir#"$repo_root"/}/: $(cd "$pkg_dir" && echo *) ($((SECONDS - started))s)"
    node scripts/size-budget.mjs --stage "cargo build ($wasm_profile)=$raw" \
        --stage "wasm-bindgen=$stage/certscope_bg.wasm" --stage "wasm-opt -Oz=$opt" "$www"
}

# ---------------------------------------------------------------------------------------------
# Tests.

# run_logged NAME CMD...: runs CMD, shows its output and keeps a copy in $log_dir/NAME.log.
run_logged() {
    local name=$1
    shift
    log "$*"
    mkdir -p "$log_dir"
    "$@" 2>&1 | tee "$log_dir/$name.log"
}

# passed_in LOGFILE: sum of N over cargo's "test result: ok. N passed" lines.
passed_in() {
    sed -n 's/^test result: ok\. \([0-9][0-9]*\) passed.*/\1/p' "$1" | awk '{ s += $1 } END { print s + 0 }'
}

run_tests() {
    local started=$SECONDS
    local failed=()
    # Every step runs even if an earlier one failed, so one run shows everything that is broken.
    # Unit, integration and example tests; builds benches too (criterion runs each once).
    run_logged unit cargo test --all-targets || failed+=("cargo test --all-targets")
    # Doc tests (not part of --all-targets).
    run_logged doc cargo test --doc || failed+=("cargo test --doc")
    # x509-limbo conformance, release mode (see tests/limbo.rs and tests/limbo/).
    run_logged limbo cargo test --release --test limbo -- --ignored --nocapture ||
        failed+=("x509-limbo harness (tests/limbo.rs)")
    # The wasm API through wasm-bindgen (tests/wasm.rs), in Node, then in headless Chromium
    # through chromedriver (webdriver.json adds Chromium's flags; the runner adds --headless
    # and --no-sandbox itself).
    run_logged wasm-node cargo test --no-default-features --target "$wasm_target" --test wasm ||
        failed+=("wasm-bindgen tests in Node (tests/wasm.rs)")
    run_logged wasm-chromium env WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$chromedriver" \
        cargo test --no-default-features --target "$wasm_target" --test wasm ||
        failed+=("wasm-bindgen tests in Chromium (tests/wasm.rs)")
    # The page end to end in Chromium (tests/browser/); screenshots in artifacts/screenshots/.
    run_logged browser node tests/browser/run.mjs || failed+=("browser tests (tests/browser/)")
    # <cert-inspector>, the single-file build, the npm package and the translations, in Chromium;
    # prints the element's payload (JS + wasm, brotli).
    run_logged embed node tests/browser/embed-run.mjs || failed+=("embedding tests (tests/browser/embed-run.mjs)")
    # The page's size against its budget (scripts/size-budget.mjs).
    run_logged size node scripts/size-budget.mjs --check --json artifacts/size.json "$www" ||
        failed+=("size budget (scripts/size-budget.mjs)")

    local unit doc limbo total wasm_node wasm_chromium browser embed size
    unit=$(passed_in "$log_dir/unit.log")
    doc=$(passed_in "$log_dir/doc.log")
    limbo=$(passed_in "$log_dir/limbo.log")
    wasm_node=$(passed_in "$log_dir/wasm-node.log")
    wasm_chromium=$(passed_in "$log_dir/wasm-chromium.log")
    browser=$(passed_in "$log_dir/browser.log")
    embed=$(passed_in "$log_dir/embed.log")
    size=$(passed_in "$log_dir/size.log")
    total=$((unit + doc + limbo))
    if [ "$limbo" -lt 1 ] && [ "${#failed[@]}" -eq 0 ]; then
        failed+=("the limbo harness ran no test")
    fi
    if [ "$total" -lt "$MIN_TESTS_PASSED" ]; then
        failed+=("only $total cargo tests passed, expected at least $MIN_TESTS_PASSED (did a filter or cfg drop tests?)")
    fi
    if [ "$wasm_node" -lt "$MIN_WASM_TESTS_PASSED" ] || [ "$wasm_chromium" -lt "$MIN_WASM_TESTS_PASSED" ]; then
        failed+=("wasm tests passed: $wasm_node in Node, $wasm_chromium in Chromium; expected at least $MIN_WASM_TESTS_PASSED each")
    fi
    if [ "$browser" -lt "$MIN_BROWSER_TESTS_PASSED" ]; then
        failed+=("only $browser browser tests passed, expected at least $MIN_BROWSER_TESTS_PASSED")
    fi
    if [ "$embed" -lt "$MIN_EMBED_TESTS_PASSED" ]; then
        failed+=("only $embed embedding tests passed, expected at least $MIN_EMBED_TESTS_PASSED")
    fi

    log "summary"
    printf '  tests passed: %d (all targets %d, doc %d, limbo %d; floor %d)\n' \
        "$((total + wasm_node + wasm_chromium + browser + embed + size))" "$unit" "$doc" "$limbo" "$MIN_TESTS_PASSED"
    printf '  wasm tests: %d in Node, %d in Chromium (floor %d each); page tests: %d (floor %d); embedding tests: %d (floor %d)\n' \
        "$wasm_node" "$wasm_chromium" "$MIN_WASM_TESTS_PASSED" "$browser" "$MIN_BROWSER_TESTS_PASSED" "$embed" "$MIN_EMBED_TESTS_PASSED"
    grep -E '^agreement on the core set:' "$log_dir/limbo.log" | sed 's/^/  limbo /' || true
    grep -E '^  (total|wasm share|budget)' "$log_dir/size.log" | sed 's/^  /  size: /' || true
    printf '  limbo results: target/limbo-results.json; screenshots: artifacts/screenshots/\n'
    printf '  time: tests %ds, whole run %ds; logs: %s/\n' $((SECONDS - started)) "$SECONDS" "${log_dir#"$repo_root"/}"
    if [ "${#failed[@]}" -gt 0 ]; then
        printf '  FAILED: %s\n' "${failed[@]}"
        return 1
    fi
    printf '  OK\n'
}

# ---------------------------------------------------------------------------------------------
# Commands.

cmd_test() {
    setup_test
    build_page
    run_tests
}

cmd_build() {
    setup_build
    build_page
}

cmd_bench() {
    setup_test
    build_page
    log "native benchmarks (criterion): inspect and adversarial"
    cargo bench --bench inspect --bench adversarial
    log "wasm in Node and Chromium beside native, in one run (compare the ratios)"
    node --no-warnings scripts/bench-wasm.mjs
}

cmd_serve() {
    local port=${PORT:-8080}
    setup_build
    build_page
    ensure_apt python3 python3
    log "serving www/ on http://127.0.0.1:$port/ (Ctrl+C stops it)"
    printf '\n    certscope is at  http://127.0.0.1:%s/\n\n' "$port"
    # Only the loopback address: the page is for this machine's browser. .wasm must be served as
    # application/wasm (WebAssembly.compileStreaming and the CSP insist).
    exec python3 - "$port" "$www" <<'PY'
import functools, http.server, sys

port, root = int(sys.argv[1]), sys.argv[2]

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
        ".css": "text/css", ".html": "text/html", ".json": "application/json",
        ".pem": "text/plain", ".txt": "text/plain", ".ts": "text/plain",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root))
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
PY
}

usage() {
    sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

main() {
    case "${1:-}" in
        test) cmd_test ;;
        build) cmd_build ;;
        bench) cmd_bench ;;
        serve) cmd_serve ;;
        -h | --help | help) usage ;;
        "") usage >&2; exit 2 ;;
        *) usage >&2; die "unknown command: $1" ;;
    esac
}

main "$@"

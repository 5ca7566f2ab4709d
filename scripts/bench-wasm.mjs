#!/usr/bin/env node
// The wasm benchmark: times the page's own wasm build (www/pkg, as `./build.sh build` makes it)
// on the inputs of benches/cases.json in Node and in Debian's Chromium, runs the native timer
// (examples/bench_native.rs) in the same run, and prints a table with the wasm/native ratios.
// These machines are noisy: compare the ratios, not the absolute numbers.
//
//   node scripts/bench-wasm.mjs            (after ./build.sh build; `./build.sh bench` runs it)
//   node scripts/bench-wasm.mjs --json     (one JSON object, for scripts)
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../tests/browser/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = JSON.parse(readFileSync(join(root, 'benches/cases.json'), 'utf8'));

/** Samples per case and the least time per sample: the same rule as examples/bench_native.rs. */
const SAMPLES = 15;
const SAMPLE_MS = 10;

const read = (rel) => {
  const p = join(root, rel);
  return existsSync(p) ? readFileSync(p) : gunzipSync(readFileSync(`${p}.gz`));
};

// The inputs as the page passes them: text as a string, binary as bytes.
const isText = (b) => !b.subarray(0, 1024).some((x) => x === 0 || (x < 9));
const cases = spec.cases.map((c) => {
  const input = read(c.input);
  return {
    name: c.name,
    input: isText(input) ? input.toString('latin1') : [...input],
    binary: !isText(input),
    options: {
      host: c.host,
      at: spec.at * 1000,
      trust: [read(c.trust).toString('latin1')],
      onlyTrustedRoots: !c.mozilla,
      profile: c.webpki ? 'web_pki' : 'mail_strict',
    },
  };
});

/** Runs in Node and, serialised, in the browser: median microseconds per inspection per case. */
function timeAll(core, cases, SAMPLES, SAMPLE_MS) {
  const out = {};
  // Warm-up: wasm starts in the baseline compiler and tiers up while it runs; without this the
  // first case measures the compiler, not certscope.
  const warm = performance.now();
  while (performance.now() - warm < 20 * SAMPLE_MS) {
    for (const c of cases.slice(0, 3)) core.inspect(c.binary ? new Uint8Array(c.input) : c.input, c.options);
  }
  for (const c of cases) {
    const input = c.binary ? new Uint8Array(c.input) : c.input;
    const first = core.inspect(input, c.options);
    if (first.type !== 'ok') throw new Error(`${c.name}: ${first.error}`);
    const runs = [];
    for (let s = 0; s < SAMPLES; s++) {
      const start = performance.now();
      let n = 0;
      while (performance.now() - start < SAMPLE_MS) {
        core.inspect(input, c.options);
        n++;
      }
      runs.push(((performance.now() - start) * 1000) / n);
    }
    runs.sort((a, b) => a - b);
    out[c.name] = { us: Math.round(runs[SAMPLES >> 1] * 10) / 10, verdict: first.report.verdict };
  }
  return out;
}

async function inNode() {
  const glue = await import(pathToFileURL(join(root, 'www/pkg/certscope.js')));
  glue.initSync({ module: readFileSync(join(root, 'www/pkg/certscope_bg.wasm')) });
  return timeAll(glue, cases, SAMPLES, SAMPLE_MS);
}

async function inChromium() {
  const { chromium } = await import(pathToFileURL(join(root, 'node_modules/playwright-core/index.mjs')));
  const server = await startServer(root);
  // Playwright gives the browser a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/benches/cases.json`);
    return await page.evaluate(async ([src, cases, SAMPLES, SAMPLE_MS]) => {
      const glue = await import('/www/pkg/certscope.js');
      await glue.default({ module_or_path: '/www/pkg/certscope_bg.wasm' });
      // eslint-disable-next-line no-new-func
      const timeAll = new Function(`return (${src})`)();
      return timeAll(glue, cases, SAMPLES, SAMPLE_MS);
    }, [timeAll.toString(), cases, SAMPLES, SAMPLE_MS]);
  } finally {
    await browser.close();
    await server.close();
  }
}

function native() {
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'bench_native'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.toString());
}

const nativeUs = native();
const node = await inNode();
const chrome = await inChromium();
const rows = cases.map(({ name }) => ({
  name,
  native_us: nativeUs[name],
  node_us: node[name].us,
  chromium_us: chrome[name].us,
  node_ratio: Math.round((node[name].us / nativeUs[name]) * 100) / 100,
  chromium_ratio: Math.round((chrome[name].us / nativeUs[name]) * 100) / 100,
  verdict: node[name].verdict,
}));
for (const r of rows) {
  if (chrome[r.name].verdict !== r.verdict) throw new Error(`${r.name}: Node says ${r.verdict}, Chromium ${chrome[r.name].verdict}`);
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows));
} else {
  const pad = (s, n) => String(s).padStart(n);
  console.log(`${'case'.padEnd(36)}${pad('native µs', 11)}${pad('Node µs', 10)}${pad('Chromium µs', 13)}${pad('Node/nat', 10)}${pad('Chr/nat', 9)}  verdict`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(36)}${pad(r.native_us, 11)}${pad(r.node_us, 10)}${pad(r.chromium_us, 13)}${pad(r.node_ratio, 10)}${pad(r.chromium_ratio, 9)}  ${r.verdict}`);
  }
}

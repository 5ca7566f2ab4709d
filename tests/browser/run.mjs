#!/usr/bin/env node
// Runs the end-to-end tests of the page in www/ in Debian's Chromium, driven by playwright-core:
// the page (page.test.mjs), the core's worker (worker.test.mjs), and privacy and hostile input
// (privacy.test.mjs).
//
//   node tests/browser/run.mjs [NAME-FILTER]      e.g. "worker:" or "privacy:"
//
// Serves www/ from a Node static server on 127.0.0.1 (a port the kernel picks), makes a test
// PKI with openssl in a temp dir, launches one headless Chromium with a fresh temp profile and
// gives every test a fresh browser context. Screenshots go to artifacts/screenshots/.
// Prints cargo's summary line ("test result: ok. N passed; M failed; ...") so build.sh counts
// these tests with the others. Environment: CHROMIUM (default /usr/bin/chromium),
// CERTSCOPE_WWW (another copy of the page, e.g. a deliberately broken one), HEADFUL=1 to watch.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { makePki } from './pki.mjs';
import { tests as page } from './page.test.mjs';
import { tests as worker } from './worker.test.mjs';
import { tests as privacy } from './privacy.test.mjs';

/** The page's tests, its worker's, and issue 6's (privacy and hostile input). */
const tests = [...page, ...worker.map((t) => ({ ...t, name: `worker: ${t.name}` })), ...privacy.map((t) => ({ ...t, name: `privacy: ${t.name}` }))];

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const www = resolve(process.env.CERTSCOPE_WWW || join(repo, 'www'));
const shots = join(repo, 'artifacts', 'screenshots');
/** One test's limit: loading the page and a few inspections take about a second each. */
const TEST_TIMEOUT_MS = 60_000;
/** Playwright's per-action limit (clicks, waits). */
const ACTION_TIMEOUT_MS = 15_000;

// Flags: --no-sandbox because CI runs as root; the rest keep Chromium from calling home
// (this machine's network is closed; without them it retries Google's hosts at every start).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  const filter = process.argv[2];
  const selected = tests.filter((t) => !filter || t.name.includes(filter));
  mkdirSync(shots, { recursive: true });
  const server = await startServer(www);
  const pki = makePki();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    args: process.env.HEADFUL ? CHROMIUM_ARGS.filter((a) => a !== '--headless') : CHROMIUM_ARGS,
  });
  console.log(`browser tests: ${browser.version()} on ${server.url}, ${selected.length} tests`);
  const started = Date.now();
  let passed = 0;
  const failed = [];
  try {
    for (const t of selected) {
      const t0 = Date.now();
      const contexts = [];
      /** Opens a fresh context and page, with the guards every test gets. */
      const open = async (options = {}) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...options });
        contexts.push(context);
        const page = await context.newPage();
        page.setDefaultTimeout(ACTION_TIMEOUT_MS);
        const problems = [];
        // Nothing may leave the page's origin, in any test.
        page.on('request', (req) => {
          const url = req.url();
          if (!url.startsWith('data:') && new URL(url).origin !== server.origin) problems.push(`request to another origin: ${url}`);
        });
        page.on('pageerror', (e) => problems.push(`uncaught error in the page: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`CSP violation: ${m.text()}`);
        });
        page.problems = problems;
        return page;
      };
      const ctx = {
        server,
        pki,
        open,
        shot: (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }),
      };
      try {
        await withTimeout(t.fn(ctx), TEST_TIMEOUT_MS, t.name);
        const problems = (await Promise.all(contexts.flatMap((c) => c.pages()).map(async (p) => p.problems ?? []))).flat();
        if (problems.length) throw new Error(problems.join('\n'));
        passed += 1;
        console.log(`test ${t.name} ... ok (${Date.now() - t0} ms)`);
      } catch (e) {
        failed.push(t.name);
        console.log(`test ${t.name} ... FAILED (${Date.now() - t0} ms)\n${String(e?.stack || e).replace(/^/gm, '    ')}`);
      } finally {
        await Promise.all(contexts.map((c) => c.close().catch(() => {})));
      }
    }
  } finally {
    await browser.close();
    await server.close();
    pki.cleanup();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(2);
  console.log(`\nscreenshots: ${shots}`);
  if (failed.length) console.log(`failures:\n${failed.map((n) => `    ${n}`).join('\n')}\n`);
  console.log(`test result: ${failed.length ? 'FAILED' : 'ok'}. ${passed} passed; ${failed.length} failed; 0 ignored; 0 measured; ${tests.length - selected.length} filtered out; finished in ${secs}s`);
  process.exitCode = failed.length || selected.length === 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

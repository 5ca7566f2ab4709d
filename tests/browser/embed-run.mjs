#!/usr/bin/env node
// Runs the tests of issue 7 (embedding) in Debian's Chromium, driven by playwright-core, in the
// same way as run.mjs runs the page's: <cert-inspector> (component.test.mjs), the single-file
// offline build (single-file.test.mjs), the npm package (package.test.mjs) and the translations
// (i18n.test.mjs).
//
//   node tests/browser/embed-run.mjs [NAME-FILTER]      e.g. "component:" or "i18n: pseudo"
//
// Serves www/ from the Node static server on 127.0.0.1 (a port the kernel picks); host pages
// for the element are served on the same origin through Playwright routes, with real CSP
// headers. One headless Chromium, a fresh context per test; every test fails on a request to
// another origin, an uncaught page error or a CSP violation, unless it expects one. Prints
// cargo's summary line ("test result: ok. N passed; ...") so build.sh counts these tests.
// Needs the built page (./build.sh build). Environment: CHROMIUM, HEADFUL=1 to watch.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { makePki } from './pki.mjs';
import { tests as component } from './component.test.mjs';
import { tests as singleFile } from './single-file.test.mjs';
import { tests as pkg } from './package.test.mjs';
import { tests as i18n } from './i18n.test.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const www = join(repo, 'www');
const shots = join(repo, 'artifacts', 'screenshots', 'embed');
/** One test's limit: packing and installing the package takes a few seconds, the rest less. */
const TEST_TIMEOUT_MS = 120_000;
/** Playwright's per-action limit (clicks, waits). */
const ACTION_TIMEOUT_MS = 15_000;
/** Chromium's flags as in run.mjs: no sandbox (CI runs as root), and no calling home. */
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

const all = [
  ...component.map((t) => ({ ...t, name: `component: ${t.name}` })),
  ...singleFile.map((t) => ({ ...t, name: `single-file: ${t.name}` })),
  ...pkg.map((t) => ({ ...t, name: `package: ${t.name}` })),
  ...i18n.map((t) => ({ ...t, name: `i18n: ${t.name}` })),
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
  const selected = all.filter((t) => !filter || t.name.includes(filter));
  mkdirSync(shots, { recursive: true });
  const server = await startServer(www);
  const pki = makePki();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.HEADFUL,
    args: process.env.HEADFUL ? CHROMIUM_ARGS.filter((a) => a !== '--headless') : CHROMIUM_ARGS,
  });
  console.log(`embed tests: ${browser.version()} on ${server.url}, ${selected.length} tests`);
  const started = Date.now();
  let passed = 0;
  const failed = [];
  try {
    for (const t of selected) {
      const t0 = Date.now();
      const contexts = [];
      const temps = [];
      /**
       * A fresh context and page with the guards. options: Playwright context options, plus
       * `allow(url)`: which requests are the page's own (default: the server's origin).
       */
      const open = async ({ allow, ...options } = {}) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
        contexts.push(context);
        const page = await context.newPage();
        page.setDefaultTimeout(ACTION_TIMEOUT_MS);
        const own = allow ?? ((url) => new URL(url).origin === server.origin);
        page.problems = [];
        page.requests = [];
        page.expectedProblems = [];
        page.on('request', (req) => {
          const url = req.url();
          page.requests.push(url);
          if (!/^(data|blob):/.test(url) && !own(url)) page.problems.push(`request to another origin: ${url}`);
        });
        page.on('pageerror', (e) => page.problems.push(`uncaught error in the page: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) page.problems.push(`CSP violation: ${m.text()}`);
        });
        return page;
      };
      const ctx = {
        server,
        pki,
        repo,
        www,
        open,
        /** A temp dir removed after the test. */
        tmp: (prefix = 'certscope-embed-') => {
          const d = mkdtempSync(join(tmpdir(), prefix));
          temps.push(d);
          return d;
        },
        shot: (page, name, locator) => (locator ?? page).screenshot({ path: join(shots, `${name}.png`), ...(locator ? {} : { fullPage: true }) }),
        /** Starts another static server (the package test's sample site); closed after the test. */
        serve: async (root) => {
          const s = await startServer(root);
          temps.push(() => s.close());
          return s;
        },
      };
      try {
        await withTimeout(t.fn(ctx), TEST_TIMEOUT_MS, t.name);
        const problems = contexts.flatMap((c) => c.pages()).flatMap((p) => (p.problems ?? [])
          .filter((x) => !(p.expectedProblems ?? []).some((re) => re.test(x))));
        if (problems.length) throw new Error(problems.join('\n'));
        passed += 1;
        console.log(`test ${t.name} ... ok (${Date.now() - t0} ms)`);
      } catch (e) {
        failed.push(t.name);
        console.log(`test ${t.name} ... FAILED (${Date.now() - t0} ms)\n${String(e?.stack || e).replace(/^/gm, '    ')}`);
      } finally {
        await Promise.all(contexts.map((c) => c.close().catch(() => {})));
        for (const d of temps) {
          if (typeof d === 'function') await d();
          else rmSync(d, { recursive: true, force: true });
        }
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
  console.log(`test result: ${failed.length ? 'FAILED' : 'ok'}. ${passed} passed; ${failed.length} failed; 0 ignored; 0 measured; ${all.length - selected.length} filtered out; finished in ${secs}s`);
  process.exitCode = failed.length || selected.length === 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

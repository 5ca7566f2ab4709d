// Tests of the single-file offline build (scripts/make-single-file.mjs): one HTML file, opened
// from file:// with no server, every request to anything else refused, does what the served page
// does (paste, upload, examples, languages, copy and download) and loads nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HOST } from './pki.mjs';
import { examplesJson, ids, newResult } from './embed-helpers.mjs';

export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/**
 * Builds the single file from the current sources into a temp dir (so the test never runs a
 * stale copy) and opens it from file:// in a page that refuses every other request; `before`
 * runs on the page first.
 */
async function openSingleFile(ctx, options = {}, before = null) {
  const dir = ctx.tmp('certscope-single-');
  const file = join(dir, 'certscope-offline.html');
  execFileSync(process.execPath, [join(ctx.repo, 'scripts', 'make-single-file.mjs'), file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = pathToFileURL(file).href;
  const page = await ctx.open({ ...options, allow: (u) => u === url });
  await before?.(page);
  // No network at all: anything but the file itself is refused (and reported by the guard).
  await page.route((u) => u.href !== url && !/^(data|blob):/.test(u.href), (route) => route.abort('internetdisconnected'));
  await page.goto(url);
  return { page, url, file };
}

const input = (page) => page.getByLabel('Certificate or openssl s_client output');

test('./build.sh build wrote www/certscope-offline.html; it holds the wasm, the words and the examples, and refers to no file', async (ctx) => {
  const built = join(ctx.www, 'certscope-offline.html');
  assert.ok(existsSync(built), 'www/certscope-offline.html exists (node scripts/make-single-file.mjs)');
  const html = readFileSync(built, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/, 'it may not fetch anything');
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/, 'its one script allowed by hash');
  assert.match(csp, /worker-src blob:(;|$)/, 'its worker made from a Blob of its own script, and nothing else');
  assert.ok(!/'unsafe-inline'|'self'/.test(csp), `no 'unsafe-inline', no 'self': ${csp}`);
  assert.equal((html.match(/<script\b/g) || []).length, 1, 'one script');
  assert.ok(!/\s(?:src|href)="(?!#|data:)/.test(html), 'no src or href to a file');
  assert.ok(html.includes('WASM_BASE64'), 'the wasm inlined as base64');
  for (const ex of examplesJson().examples) assert.ok(html.includes(JSON.stringify(ex.name)), `example ${ex.name} inlined`);
  assert.ok(html.includes('"catalog-de.json"'), 'the German explanations inlined');
});

test('from file:// with no network: the examples give their verdicts, in English and in German', async (ctx) => {
  const { page, url } = await openSingleFile(ctx);
  const { examples } = examplesJson();
  for (const ex of examples) {
    const res = await newResult(page, () => page.locator(`button[data-example="${ex.name}"]`).click());
    assert.equal(res.verdict, ex.verdict, `example ${ex.name}: ${ids(res)}`);
    if (ex.top_finding) assert.equal(res.findings[0]?.id, ex.top_finding);
  }
  await ctx.shot(page, 'single-file-example');
  // The language picker works offline too; the result is redrawn in German.
  await page.selectOption('#lang', 'de');
  await page.waitForFunction(() => document.querySelector('#inspect').textContent === 'Prüfen');
  const verdict = await page.locator('#results .verdict-label').textContent();
  assert.equal(verdict, 'Nicht vertrauenswürdig');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.deepEqual(page.requests.filter((u) => u !== url && !/^(data|blob):/.test(u)), [], 'nothing but the file itself was requested');
  await ctx.shot(page, 'single-file-de');
});

test('from file://: paste with a private CA, upload a DER file, copy the report, download JSON', async (ctx) => {
  const { page } = await openSingleFile(ctx, { acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  await page.locator('details.trust summary').click();
  await page.locator('#trust').fill(ctx.pki.root);
  await page.locator('#only-trusted').check();
  await input(page).fill(ctx.pki.chain);
  await page.locator('#host').fill(HOST);
  const res = await newResult(page, () => page.getByRole('button', { name: 'Inspect', exact: true }).click());
  assert.equal(res.verdict, 'trusted', `findings: ${ids(res)}`);
  assert.deepEqual(res.roles.slice(0, 3), ['leaf', 'intermediate', 'root']);

  const der = await newResult(page, () => page.locator('#files').setInputFiles(ctx.pki.leafDerPath));
  assert.ok(ids(der).includes('missing_intermediate'), `the DER leaf alone: ${ids(der)}`);
  assert.match(await page.locator('#file-status').textContent(), /leaf\.der/);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const file = await (await download).path();
  const report = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(report.verdict, der.verdict);

  await page.getByRole('button', { name: 'Copy report' }).click();
  await page.waitForFunction(() => document.querySelector('#report-actions .copied').textContent);
  const text = await page.evaluate(() => navigator.clipboard.readText().catch((e) => `clipboard: ${e.message}`));
  assert.match(text, /certscope report/);
  assert.match(text, /missing_intermediate/);
});

test('from file://: inspections in a row share one instance; options the core cannot read give an error and the next Inspect works', async (ctx) => {
  const { page } = await openSingleFile(ctx);
  const first = await newResult(page, () => page.locator('button[data-example="expired"]').click());
  await input(page).fill(ctx.pki.selfSigned);
  await page.locator('#host').fill(HOST);
  await page.locator('#at').fill('');
  const second = await newResult(page, () => page.getByRole('button', { name: 'Inspect', exact: true }).click());
  assert.equal(first.findings[0]?.id, 'expired');
  assert.ok(ids(second).includes('self_signed'), `findings: ${ids(second)}`);
  // Options the core cannot read give an error, and the next Inspect works.
  await page.locator('#at').evaluate((e) => { e.value = '275760-01-01'; });
  const failed = await newResult(page, () => page.getByRole('button', { name: 'Inspect', exact: true }).click());
  assert.ok(failed.error != null);
  await page.locator('#at').fill('');
  const again = await newResult(page, () => page.getByRole('button', { name: 'Inspect', exact: true }).click());
  assert.ok(ids(again).includes('self_signed'));
});

test('from file://: the core runs in a worker made from the file itself; without Worker it runs on the main thread', async (ctx) => {
  const { page, url } = await openSingleFile(ctx);
  const res = await newResult(page, () => page.locator('button[data-example="wrong-host"]').click());
  assert.equal(res.findings[0]?.id, 'hostname_mismatch');
  const workers = page.workers().map((w) => w.url());
  assert.equal(workers.length, 1, `one worker: ${workers}`);
  assert.match(workers[0], /^blob:/, 'made from a Blob (a file cannot load a worker from another file)');
  // The worker inherits the file's policy: it cannot fetch anything either.
  const fetched = await page.workers()[0].evaluate(() => fetch('data:text/plain,x').then(() => 'fetched', (e) => e.message));
  assert.notEqual(fetched, 'fetched', 'connect-src \'none\' holds in the worker');
  page.expectedProblems = [/Refused to connect|Content.Security.Policy/i];
  assert.deepEqual(page.requests.filter((u) => u !== url && !/^(data|blob):/.test(u)), [], 'nothing but the file itself was requested');

  const { page: plain } = await openSingleFile(ctx, {}, (p) => p.addInitScript(() => { delete window.Worker; }));
  const again = await newResult(plain, () => plain.locator('button[data-example="expired"]').click());
  assert.equal(again.findings[0]?.id, 'expired', 'on the main thread');
  assert.equal(plain.workers().length, 0);
});

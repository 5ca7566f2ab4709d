// End-to-end tests of the page (www/), written against its contract:
//   textarea #input labelled "Certificate or openssl s_client output"; file input #files;
//   #host; #port (select); #at (date); <details> "Trusted CA certificates" with #trust and
//   checkbox #only-trusted; a button named "Inspect"; #results (aria-live) holding an element
//   with data-verdict; findings with data-finding-id and data-severity; chain cards with
//   data-role; on a wasm failure an element with data-error in #results, and the next Inspect
//   works again.
// Each test gets a fresh browser context from run.mjs (`ctx.open()`), which also fails the test
// on any request to another origin, any uncaught page error and any CSP violation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST } from './pki.mjs';
import { hasFinding, host, ids, input, inspect, inspectButton, leafCardText, load, pasteAndInspect, patchGlue, trust, watchWorkers } from './page-helpers.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const captures = join(repo, 'tests', 'captures');
const capture = (name) => readFileSync(join(captures, name), 'utf8');
const capturesJson = JSON.parse(capture('captures.json'));
/**
 * The day after the captures were made (captures.json's captured_at, 2026-11-22): the page's
 * date field checks at 00:00 UTC of the day given, and the capture leaves were issued at
 * 04:31 UTC on the capture day, so the next day is the first whole day they are valid.
 */
const CAPTURE_DAY = new Date((Math.max(...capturesJson.captures.map((c) => c.captured_at)) + 86400) * 1000).toISOString().slice(0, 10);

export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// ---------------------------------------------------------------------------------------------
// Helpers (the rest are in page-helpers.mjs)

/** Drops files on the drop zone (the label's container), as a file manager would. */
async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    const target = document.querySelector('#input').closest('[id=drop]') ?? document.querySelector('#input');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, files);
}

// ---------------------------------------------------------------------------------------------
// Paste, trust, verdicts

test('pasted chain with its root under Trusted CA certificates is trusted', async (ctx) => {
  const page = await load(ctx);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.verdict, 'trusted', `findings: ${ids(res)}`);
  assert.ok(!res.findings.some((f) => f.severity === 'error'), `no error findings: ${JSON.stringify(res.findings)}`);
  assert.deepEqual(res.roles.slice(0, 3), ['leaf', 'intermediate', 'root']);
  assert.match(await leafCardText(page), /mail\.example\.test/);
  await ctx.shot(page, 'trusted');
});

test('a chain ending at a root that is not trusted is untrusted: untrusted_root', async (ctx) => {
  const page = await load(ctx);
  // The whole chain, root included, as a server that sends its private root would.
  const res = await pasteAndInspect(page, ctx.pki.chain + ctx.pki.root, HOST);
  assert.equal(res.verdict, 'untrusted');
  hasFinding(res, 'untrusted_root');
  await ctx.shot(page, 'error-untrusted-root');
  // Trusting the root (with the Mozilla roots still on) makes it trusted.
  await trust(page, ctx.pki.root);
  const again = await inspect(page, () => inspectButton(page).click());
  assert.equal(again.verdict, 'trusted', `findings: ${ids(again)}`);
});

test('a self-signed leaf is untrusted: self_signed', async (ctx) => {
  const page = await load(ctx);
  const res = await pasteAndInspect(page, ctx.pki.selfSigned, HOST);
  assert.equal(res.verdict, 'untrusted');
  hasFinding(res, 'self_signed');
  await ctx.shot(page, 'error-self-signed');
});

test('an expired leaf: expired is an error', async (ctx) => {
  const page = await load(ctx);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.expired + ctx.pki.intermediate, HOST);
  assert.equal(res.verdict, 'untrusted');
  hasFinding(res, 'expired', 'error');
  assert.equal(res.findings[0].id, 'expired', `the only problem comes first: ${ids(res)}`);
  await ctx.shot(page, 'error-expired');
});

test('wrong host: hostname_mismatch is an error', async (ctx) => {
  const page = await load(ctx);
  await trust(page, ctx.pki.root, true);
  // A leaf for another host (a hosting provider's wildcard).
  const res = await pasteAndInspect(page, ctx.pki.other + ctx.pki.intermediate, HOST);
  assert.equal(res.verdict, 'untrusted');
  hasFinding(res, 'hostname_mismatch', 'error');
  await ctx.shot(page, 'error-hostname-mismatch');
  // The right leaf, but the user typed another host.
  const typed = await pasteAndInspect(page, ctx.pki.chain, 'smtp.example.org');
  assert.equal(typed.verdict, 'untrusted');
  hasFinding(typed, 'hostname_mismatch', 'error');
});

test('a leaf without its intermediate: missing_intermediate, and a card for the missing one', async (ctx) => {
  const page = await load(ctx);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.leaf, HOST);
  assert.equal(res.verdict, 'untrusted');
  hasFinding(res, 'missing_intermediate', 'error');
  assert.ok(res.roles.includes('missing'), `a card marked missing: ${res.roles}`);
  await ctx.shot(page, 'error-missing-intermediate');
});

test('text that holds no certificate: invalid_input', async (ctx) => {
  const page = await load(ctx);
  const res = await pasteAndInspect(page, 'Hello, my mail does not work. Can you help?', HOST);
  assert.equal(res.verdict, 'invalid_input');
  assert.ok(res.findings.length > 0, 'says why');
  await ctx.shot(page, 'error-invalid-input');
});

// ---------------------------------------------------------------------------------------------
// Files, drops and captures

test('uploading a DER file gives a verdict and the leaf card', async (ctx) => {
  const page = await load(ctx);
  await host(page).fill(HOST);
  const res = await inspect(page, () => page.locator('#files').setInputFiles(ctx.pki.leafDerPath));
  assert.ok(['trusted', 'untrusted'].includes(res.verdict), `a verdict, not ${res.verdict}`);
  hasFinding(res, 'missing_intermediate');
  const card = await leafCardText(page);
  assert.match(card, /mail\.example\.test/);
  assert.ok(card.replace(/\s/g, '').toUpperCase().includes(ctx.pki.leafSha256.replace(/:/g, '')) ||
    card.toUpperCase().includes(ctx.pki.leafSha256), `the leaf card shows the SHA-256 fingerprint ${ctx.pki.leafSha256}`);
  // The DER leaf plus the intermediate as a PEM file, the root trusted: trusted.
  await trust(page, ctx.pki.root, true);
  const both = await inspect(page, () => page.locator('#files').setInputFiles([
    { name: 'leaf.der', mimeType: 'application/x-x509-ca-cert', buffer: ctx.pki.leafDer },
    { name: 'intermediate.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(ctx.pki.intermediate) },
  ]));
  assert.equal(both.verdict, 'trusted', `findings: ${ids(both)}`);
});

test('dropping an s_client capture fills the host from it and finds its problems', async (ctx) => {
  const page = await load(ctx);
  await page.locator('#at').fill(CAPTURE_DAY);
  await trust(page, capture('missing-intermediate.root.pem'), true);
  const res = await inspect(page, () => dropFiles(page, [{ name: 'capture.txt', text: capture('missing-intermediate.txt') }]));
  assert.equal(await host(page).inputValue(), 'mail.example.test', 'host taken from -servername');
  assert.equal(res.verdict, 'untrusted');
  hasFinding(res, 'missing_intermediate', 'error');
  await ctx.shot(page, 'capture-missing-intermediate');

  // Without -showcerts s_client prints only the leaf: the page says to add -showcerts.
  await host(page).fill('');
  const noShow = await inspect(page, () => dropFiles(page, [{ name: 'capture.txt', text: capture('full-chain-no-showcerts.txt') }]));
  assert.equal(await host(page).inputValue(), 'mail.example.test');
  hasFinding(noShow, 'showcerts_missing');

  // A complete capture, its root trusted, at the capture's date: trusted.
  await host(page).fill('');
  await trust(page, capture('full-chain-showcerts.root.pem'), true);
  const full = await inspect(page, () => dropFiles(page, [{ name: 'capture.txt', text: capture('full-chain-showcerts.txt') }]));
  assert.equal(full.verdict, 'trusted', `findings: ${ids(full)}`);
});

test('pasting a capture (clipboard, Ctrl+V) inspects it at once', async (ctx) => {
  const page = await load(ctx);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.server.origin });
  await page.locator('#at').fill(CAPTURE_DAY);
  await trust(page, capture('name-mismatch.root.pem'), true);
  const text = capture('name-mismatch.txt');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await input(page).focus();
  const res = await inspect(page, () => page.keyboard.press('Control+V'));
  assert.equal(await input(page).inputValue(), text, 'the capture is in the box');
  // The capture connected with -servername smtp.example.test; the leaf is for mail.example.test.
  assert.equal(await host(page).inputValue(), 'smtp.example.test');
  hasFinding(res, 'hostname_mismatch', 'error');
});

// ---------------------------------------------------------------------------------------------
// Safety

test('the page allows only its own files (Content-Security-Policy) and names no file that is missing', async (ctx) => {
  const page = await load(ctx);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(csp, 'a CSP meta tag');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"], `default-src 'self': ${csp}`);
  for (const [name, sources] of Object.entries(directives)) {
    assert.ok(!sources.some((src) => /^(https?:|\*|'unsafe-inline'|'unsafe-eval')/.test(src)), `${name} allows only the page's own files: ${sources.join(' ')}`);
  }
  // Every local file the HTML pages and the examples name is served (findings.html is built).
  const refs = await page.evaluate(() => [...document.querySelectorAll('[href], [src]')]
    .map((e) => e.getAttribute('href') ?? e.getAttribute('src'))
    .filter((u) => u && !u.startsWith('#') && !u.startsWith('data:')));
  const { examples } = await (await page.request.get(new URL('examples/examples.json', ctx.server.url).href)).json();
  const urls = [...new Set([...refs.map((u) => new URL(u, ctx.server.url).href.replace(/#.*$/, '')),
    ...examples.map((e) => new URL(`examples/${e.file}`, ctx.server.url).href)])];
  for (const url of urls) {
    assert.equal(new URL(url).origin, ctx.server.origin, `a local file: ${url}`);
    const res = await page.request.get(url);
    assert.equal(res.status(), 200, `${url} is served`);
  }
  const storage = await page.evaluate(() => ({ cookies: document.cookie, local: localStorage.length, session: sessionStorage.length }));
  assert.deepEqual(storage, { cookies: '', local: 0, session: 0 }, 'nothing stored before');
  await trust(page, ctx.pki.root);
  await pasteAndInspect(page, ctx.pki.chain, HOST);
  const after = await page.evaluate(() => ({ cookies: document.cookie, local: localStorage.length, session: sessionStorage.length }));
  assert.deepEqual(after, { cookies: '', local: 0, session: 0 }, 'nothing stored after an inspection');
});

test('after a wasm failure an error shows and the next Inspect works', async (ctx) => {
  const page = await ctx.open();
  // The first fetch of the wasm fails; later ones reach the server.
  let failures = 0;
  await page.route('**/*.wasm', (route) => (failures++ === 0 ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue()));
  await page.goto(ctx.server.url);
  await page.locator('#results [data-error]').waitFor();
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.error, null, 'the error is gone');
  assert.equal(res.verdict, 'trusted');

  // Options the core cannot read come back as {type: "failed"}: an error, then work again.
  await page.locator('#at').evaluate((e) => { e.value = '275760-01-01'; });
  const failed = await inspect(page, () => inspectButton(page).click());
  assert.ok(failed.error != null, `an element with data-error (got verdict ${failed.verdict})`);
  await page.locator('#at').fill('');
  const again = await inspect(page, () => inspectButton(page).click());
  assert.equal(again.error, null);
  assert.equal(again.verdict, 'trusted');
});

test('a trap inside the wasm shows an error, its worker is ended, and the next Inspect works', async (ctx) => {
  const page = await ctx.open();
  // The first worker's glue traps in inspect(), as a Rust panic does (the wasm executes
  // `unreachable`); workers after it load the glue as it is.
  const patched = await patchGlue(page, "throw new WebAssembly.RuntimeError('unreachable');", 1);
  const workers = watchWorkers(page);
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  const crashed = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(patched(), 1, 'the glue was patched');
  assert.ok(crashed.error != null, `an element with data-error after the trap (verdict ${crashed.verdict})`);
  assert.match(crashed.error, /stopped on this input/);
  await workers[0].closed;
  const again = await inspect(page, () => inspectButton(page).click());
  assert.equal(again.error, null, 'the error is gone');
  assert.equal(again.verdict, 'trusted');
  assert.equal(workers.length, 2, `a fresh worker for the next inspection: ${workers.map((w) => w.url)}`);
});

test('a worker that dies while working (an uncaught error in it) shows the crash error, and the next Inspect works', async (ctx) => {
  const page = await ctx.open();
  // The first worker cannot send its answer: the error escapes it, as when a worker dies.
  await patchGlue(page, "self.postMessage = () => { throw new Error('the worker died'); };", 1);
  const workers = watchWorkers(page);
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  const died = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.match(died.error ?? '', /stopped on this input/, `the crash error: ${JSON.stringify(died)}`);
  await workers[0].closed;
  const again = await inspect(page, () => inspectButton(page).click());
  assert.equal(again.error, null);
  assert.equal(again.verdict, 'trusted');
});

// ---------------------------------------------------------------------------------------------
// Layout, keyboard, examples

test('phone-size viewport: no horizontal scroll, verdict visible', async (ctx) => {
  const page = await load(ctx, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await trust(page, ctx.pki.root, true);
  // The longest lines: a wildcard name, fingerprints, the admin's commands.
  const res = await pasteAndInspect(page, ctx.pki.other + ctx.pki.intermediate, HOST);
  assert.equal(res.verdict, 'untrusted');
  await page.locator('#results details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll: scrollWidth ${width} > 390`);
  const verdict = page.locator('#results [data-verdict]');
  assert.ok(await verdict.isVisible(), 'the verdict is visible');
  const box = await verdict.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the verdict fits the width: ${JSON.stringify(box)}`);
  await verdict.scrollIntoViewIfNeeded();
  await ctx.shot(page, 'phone-wrong-host');
});

test('keyboard only: Tab reaches the text box, host and Inspect; Enter inspects', async (ctx) => {
  const page = await load(ctx);
  const order = [];
  for (let i = 0; i < 80 && !order.includes('inspect'); i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      if (a?.matches('button') && a.textContent.trim() === 'Inspect') return 'inspect';
      return a?.id || a?.tagName;
    });
    order.push(id);
    if (id === 'input') await page.keyboard.insertText(ctx.pki.chain + ctx.pki.root);
    if (id === 'host') await page.keyboard.type(HOST);
  }
  const at = (id) => order.indexOf(id);
  assert.ok(at('input') >= 0, `Tab reaches the text box: ${order.join(' ')}`);
  assert.ok(at('host') > at('input'), `then the host: ${order.join(' ')}`);
  assert.ok(at('inspect') > at('host'), `then Inspect: ${order.join(' ')}`);
  const res = await inspect(page, () => page.keyboard.press('Enter'));
  assert.equal(res.verdict, 'untrusted');
  hasFinding(res, 'untrusted_root');
  const focused = await page.evaluate(() => document.activeElement?.closest('#results') != null || document.activeElement?.id);
  assert.ok(focused, 'focus stays somewhere sensible');
});

test('the example buttons give their expected verdicts', async (ctx) => {
  const { examples } = JSON.parse(readFileSync(join(repo, 'www', 'examples', 'examples.json'), 'utf8'));
  assert.ok(examples.length >= 5, 'five examples');
  const page = await load(ctx);
  for (const ex of examples) {
    const button = page.locator(`button[data-example="${ex.name}"]`);
    const res = await inspect(page, () => button.click());
    assert.equal(res.verdict, ex.verdict, `example ${ex.name}: findings ${ids(res)}`);
    if (ex.top_finding) assert.equal(res.findings[0]?.id, ex.top_finding, `example ${ex.name}: top finding`);
    else assert.ok(!res.findings.some((f) => f.severity === 'error'), `example ${ex.name}: no error findings`);
    assert.equal(await host(page).inputValue(), ex.host, `example ${ex.name} fills the host`);
  }
});

test('dark mode: screenshots of a trusted and an untrusted result', async (ctx) => {
  const page = await load(ctx, { colorScheme: 'dark' });
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  assert.ok(dark, 'the page sees a dark colour scheme');
  await trust(page, ctx.pki.root, true);
  const ok = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(ok.verdict, 'trusted');
  // The page is not painted with a light background in dark mode.
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok((r + g + b) / 3 < 128, `a dark background in dark mode, got ${bg}`);
  await ctx.shot(page, 'dark-trusted');
  const bad = await pasteAndInspect(page, ctx.pki.expired + ctx.pki.intermediate, HOST);
  hasFinding(bad, 'expired');
  await ctx.shot(page, 'dark-expired');
});

// ---------------------------------------------------------------------------------------------
// Reading the explanations as a new user would: one phone-size screenshot per severity, with
// the finding's words open, and checks that each part a user needs is there and filled in.

const PRIVATE_KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIDu3FJb+2fXn2Ai7mXnqQ3eWpGzv8u8z6zS1oY7zX3s1\n-----END PRIVATE KEY-----\n';

for (const [severity, id, setup] of [
  ['error', 'hostname_mismatch', async (ctx, page) => { await trust(page, ctx.pki.root, true); return pasteAndInspect(page, ctx.pki.chain, 'imap.other.example'); }],
  ['warning', 'private_key_present', async (ctx, page) => { await trust(page, ctx.pki.root, true); return pasteAndInspect(page, ctx.pki.chain + PRIVATE_KEY_PEM, HOST); }],
  ['info', 'no_host_given', async (ctx, page) => { await trust(page, ctx.pki.root, true); return pasteAndInspect(page, ctx.pki.chain, ''); }],
]) {
  test(`phone: a ${severity} finding (${id}) explains itself to a new user`, async (ctx) => {
    const page = await load(ctx, { viewport: { width: 390, height: 844 } });
    const res = await setup(ctx, page);
    hasFinding(res, id, severity);
    const finding = page.locator(`#results [data-finding-id="${id}"]`).first();
    await finding.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    const text = await finding.innerText();
    // Every part is shown, and no placeholder is left unfilled.
    assert.ok(text.length > 200, `${id}: the explanation is shown (${text.length} characters)`);
    assert.doesNotMatch(text, /\{[a-z_]+\}/, `${id}: an unfilled placeholder in: ${text}`);
    assert.match(text, /server administrator/i, `${id}: the administrator's part is there`);
    // A private key is never shown back.
    if (id === 'private_key_present') {
      assert.ok(!(await page.locator('#results').innerText()).includes('MC4CAQAwBQYDK2VwBCIE'), 'the key is not echoed');
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scroll with the explanation open: ${width}`);
    await finding.scrollIntoViewIfNeeded();
    await ctx.shot(page, `phone-severity-${severity}`);
  });
}

// Tests of issue 6 ("Unbreakable and private") on the page: nothing leaves the origin (every
// request from the page and its worker, seen three ways), nothing pasted is kept anywhere (the
// storage APIs, cookies, caches, the URL and history), a pasted private key is never shown or
// exported, and certificates built to attack the page (pki.mjs: markup, script URLs, bidi and
// invisible characters, a NUL, look-alike letters, in every field) render as inert text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HOST } from './pki.mjs';
import { hasFinding, inspect, load, pasteAndInspect, trust } from './page-helpers.mjs';
import { assertEscaped, assertInert, readDom, SHOWN_AS_TEXT } from './hostile-checks.mjs';

export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/** The base64 body of a PEM block, on one line. */
const body = (pem) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/**
 * Distinctive pieces of what was pasted: a run of the leaf certificate's signature and of the
 * private key's secret scalar (the first 48 base64 characters of a P-256 PKCS#8 key are the same
 * for every key, so the piece is taken after them).
 */
function secrets(pki) {
  const cert = body(pki.leaf);
  const key = body(pki.leafKey);
  return { pem: cert.slice(-70, -30), key: key.slice(50, 90) };
}

/** Every request seen from the page's load to the last result: Playwright's events, CDP's and the Performance API's. */
async function recordRequests(page) {
  const seen = { playwright: [], cdp: [], sockets: [], beacons: [] };
  page.on('request', (r) => seen.playwright.push(r.url()));
  page.context().on('request', (r) => seen.playwright.push(r.url()));
  page.on('websocket', (ws) => seen.sockets.push(ws.url()));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    seen.cdp.push(e.request.url);
    // sendBeacon() and <a ping> are requests of type Ping.
    if (e.type === 'Ping') seen.beacons.push(e.request.url);
  });
  cdp.on('Network.webSocketCreated', (e) => seen.sockets.push(e.url));
  cdp.on('Network.webTransportCreated', (e) => seen.sockets.push(e.url));
  /** The Performance API's resource entries, in the page and in every worker it runs. */
  seen.timing = async () => {
    const entries = (list) => list.map((e) => ({ name: e.name, type: e.initiatorType }));
    const inPage = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, initiatorType: e.initiatorType })));
    const inWorkers = await Promise.all(page.workers().map((w) => w.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, initiatorType: e.initiatorType })))));
    return { page: entries(inPage), workers: inWorkers.map(entries) };
  };
  return seen;
}

test('no request leaves the origin from load to the last result, the worker\'s included (Playwright, CDP and the Performance API)', async (ctx) => {
  const page = await ctx.open();
  const seen = await recordRequests(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(ctx.server.url);
  await inspect(page, () => page.locator('button[data-example]').first().click());
  await trust(page, ctx.pki.root);
  await pasteAndInspect(page, ctx.pki.chain + ctx.pki.leafKey, HOST);
  await inspect(page, () => page.locator('#files').setInputFiles(ctx.pki.leafDerPath));
  const timing = await seen.timing();

  const foreign = (urls) => urls.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== ctx.server.origin);
  assert.deepEqual(foreign(seen.playwright), [], 'Playwright: every request (page and worker) goes to the page\'s origin');
  assert.deepEqual(foreign(seen.cdp), [], 'CDP Network: every request goes to the page\'s origin');
  assert.deepEqual(seen.sockets, [], 'no WebSocket or WebTransport');
  assert.deepEqual(seen.beacons, [], 'no beacon');
  const timed = [...timing.page, ...timing.workers.flat()];
  assert.deepEqual(foreign(timed.map((e) => e.name)), [], `Performance API: every resource from the origin: ${JSON.stringify(timed)}`);
  assert.ok(!timed.some((e) => e.type === 'beacon'), 'no beacon in the resource timing');

  // What it saw is what the page loads: the worker, its glue and the wasm, each once.
  assert.deepEqual(workers, [`${ctx.server.origin}/worker.js`], 'one worker, from the origin');
  assert.equal(timing.workers.length, 1, 'the worker\'s own timing was read');
  const paths = seen.playwright.map((u) => new URL(u).pathname);
  for (const p of ['/', '/app.js', '/core.js', '/worker.js', '/pkg/certscope.js', '/pkg/certscope_bg.wasm']) assert.ok(paths.includes(p), `${p} was requested: ${paths.join(' ')}`);
  const cdpPaths = seen.cdp.map((u) => new URL(u).pathname);
  assert.ok(cdpPaths.includes('/worker.js'), `CDP saw the worker's script: ${cdpPaths.join(' ')}`);
  assert.equal(new Set(seen.playwright.filter((u) => u.endsWith('.wasm'))).size, 1, 'the wasm is fetched once (the worker gets it compiled)');
});

test('nothing pasted is kept: storage, IndexedDB, cookies, Cache Storage, service workers, files, the URL and history hold none of it', async (ctx) => {
  const page = await ctx.open({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(ctx.server.url);
  const url = page.url();
  const entries = await page.evaluate(() => history.length);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.chain + ctx.pki.leafKey, HOST);
  hasFinding(res, 'private_key_present');
  // Copy and download, so every path the report takes out of the page has run.
  await page.getByRole('button', { name: 'Copy report' }).click();
  await page.waitForFunction(() => document.querySelector('#report-actions .copied').textContent);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  await (await download).path();

  const kept = await page.evaluate(async () => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    const files = [];
    try {
      for await (const [name] of (await navigator.storage.getDirectory()).entries()) files.push(name);
    } catch (e) {
      files.push(`(cannot read: ${e.message})`);
    }
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      cookie: document.cookie,
      caches: await caches.keys(),
      serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
      files,
      href: location.href,
      history: history.length,
      state: history.state,
    };
  });
  const cookies = await page.context().cookies();
  assert.deepEqual(kept.local, {}, 'localStorage is empty');
  assert.deepEqual(kept.session, {}, 'sessionStorage is empty');
  assert.deepEqual(kept.indexedDB, [], 'no IndexedDB database');
  assert.equal(kept.cookie, '', 'no cookie for the page');
  assert.deepEqual(cookies, [], 'no cookie in the context');
  assert.deepEqual(kept.caches, [], 'no Cache Storage');
  assert.equal(kept.serviceWorkers, 0, 'no service worker');
  assert.deepEqual(kept.files, [], 'no file in the origin-private file system');
  assert.equal(kept.href, url, 'the URL is unchanged (no fragment or query with the input)');
  assert.equal(kept.history, entries, 'no history entry was added');
  assert.equal(kept.state, null, 'no history state');
  const { pem, key } = secrets(ctx.pki);
  const all = JSON.stringify({ kept, cookies });
  assert.ok(!all.includes(pem) && !all.includes(key), 'none of the pasted certificate or key anywhere');
});

test('a pasted private key is never shown, copied or downloaded', async (ctx) => {
  const page = await ctx.open({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.chain + ctx.pki.leafKey, HOST);
  hasFinding(res, 'private_key_present');
  const { key } = secrets(ctx.pki);
  await page.locator('#results details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  // Every text node and attribute in the document (the text box's value is the user's own input,
  // not a text node), and the visible text.
  const shown = await page.evaluate(() => {
    const out = [document.body.innerText];
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.data);
    for (const e of document.querySelectorAll('*')) for (const a of e.attributes) out.push(a.value);
    return out.join('\n').replace(/\s+/g, '');
  });
  assert.ok(!shown.includes(key), 'the key\'s body is nowhere in the page');

  await page.getByRole('button', { name: 'Copy report' }).click();
  await page.waitForFunction(() => document.querySelector('#report-actions .copied').textContent);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /private_key_present/);
  assert.ok(!copied.replace(/\s+/g, '').includes(key), 'the key is not in the copied report');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const json = readFileSync(await (await download).path(), 'utf8');
  const report = JSON.parse(json);
  assert.ok(report.findings.some((f) => f.id === 'private_key_present'));
  assert.ok(!json.replace(/\\n|\s+/g, '').includes(key), 'the key is not in the downloaded JSON');
  assert.ok(!/PRIVATE KEY-----\s*\S/.test(json), 'no PEM key block in the downloaded JSON');
});

test('hostile certificates: markup and script URLs in every field (subject, issuer, SAN, policies, CRL, AIA) render as inert text', async (ctx) => {
  const page = await load(ctx);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.hostile + ctx.pki.hostileCa, HOST);
  assert.ok(res.verdict, 'a verdict');
  assert.deepEqual(res.roles.slice(0, 3), ['leaf', 'intermediate', 'root'], 'the chain was built through the CA named with markup');
  await page.locator('#results details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  // Let any injected handler fire (an <img onerror> runs once the image fails to load).
  await page.waitForTimeout(300);
  assertInert(await readDom(page), SHOWN_AS_TEXT);

  // The look-alike, bidi, invisible and NUL names: nothing live either, and shown.
  const spoof = await pasteAndInspect(page, ctx.pki.spoof + ctx.pki.intermediate, HOST);
  assert.ok(spoof.verdict, 'a verdict');
  await page.waitForTimeout(300);
  const dom = await readDom(page);
  assertInert(dom);
  assert.match(dom.visible, /pple\.com/, 'the look-alike name is shown');
  await ctx.shot(page, 'hostile-as-text');
});

test('bidi, invisible and control characters are shown escaped and flagged: suspicious_characters (needs the core\'s escaping)', async (ctx) => {
  const page = await load(ctx, { acceptDownloads: true });
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.spoof + ctx.pki.intermediate, HOST);
  await page.locator('#results details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  assertEscaped(await readDom(page), report);
  hasFinding(res, 'suspicious_characters');
  await ctx.shot(page, 'hostile-escaped');
});

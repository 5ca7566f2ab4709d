// Tests of the core's worker (www/core.js, www/worker.js) on the page: the analysis runs off the
// main thread (the page keeps ticking while a slow core works, and through 200 certificates), a
// slow answer shows Working… with a Cancel button that ends the worker, an answer past the time
// limit is an error, a trap ends the worker (page.test.mjs), and where no worker can start the
// core runs on the main thread; Cancel and the limit also work while a worker starts (one that
// never answers) and, on the main thread, while the core loads. A slow core is the real glue
// patched to spin on a marker in the input (page-helpers.mjs: patchGlue, slowGlue), a slow load a
// held request (hold): deterministic, and no test needs a slow input.
import assert from 'node:assert/strict';
import { HOST } from './pki.mjs';
import { hold, input, inspect, inspectButton, pasteAndInspect, patchGlue, SLOW_MARK, slowGlue, trust, watchWorkers } from './page-helpers.mjs';

export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/**
 * The longest the page's main thread may go without running a 10 ms timer while the core works
 * in its worker. A timer on an idle thread runs every 10-20 ms; a core on the main thread would
 * stall it for its whole run (here 1.5 s or more). 250 ms leaves room for a loaded CI machine.
 */
const MAX_MAIN_THREAD_GAP_MS = 250;
/** How long the patched core spins: well past the busy state's 150 ms and the test's time limit of 1 s. */
const SLOW_MS = 1500;

/** Runs `run(arg)` while a 10 ms timer and requestAnimationFrame tick in the page; returns its value, its time and the longest gaps. */
async function whileTicking(page, run, arg) {
  await page.evaluate(() => {
    const t = { last: performance.now(), worst: 0, frames: 0, lastFrame: performance.now(), worstFrame: 0, stop: false };
    t.timer = setInterval(() => {
      const now = performance.now();
      t.worst = Math.max(t.worst, now - t.last);
      t.last = now;
    }, 10);
    const frame = (now) => {
      t.worstFrame = Math.max(t.worstFrame, now - t.lastFrame);
      t.lastFrame = now;
      t.frames += 1;
      if (!t.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    window.__ticks = t;
  });
  const started = Date.now();
  const value = await run(arg);
  const took = Date.now() - started;
  const ticks = await page.evaluate(() => {
    const t = window.__ticks;
    clearInterval(t.timer);
    t.stop = true;
    return { worst: t.worst, worstFrame: t.worstFrame, frames: t.frames };
  });
  return { value, took, ...ticks };
}

const coreMode = (page) => page.evaluate(() => import('/core.js').then((m) => m.coreMode()));
/** Sets core.js's time limit (INSPECT_TIMEOUT_MS is 20 s; a test does not wait that long). */
const timeLimit = (page, ms) => page.evaluate((timeoutMs) => import('/core.js').then((m) => m.configureCore({ timeoutMs })), ms);

/** Serves worker.js as a worker that starts but never answers: not `ready`, not an error. */
const silentWorker = (page) => page.route('**/worker.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'self.onmessage = () => {};' }));

test('the analysis runs in a worker: the page keeps ticking while a slow core works, and through 200 certificates', async (ctx) => {
  const page = await ctx.open();
  await patchGlue(page, slowGlue(SLOW_MS));
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  await input(page).fill(ctx.pki.chain + SLOW_MARK);
  await page.locator('#host').fill(HOST);
  const slow = await whileTicking(page, () => inspect(page, () => inspectButton(page).click()));
  assert.equal(slow.value.verdict, 'trusted', `findings: ${JSON.stringify(slow.value.findings)}`);
  assert.ok(slow.took >= SLOW_MS, `the core took its time (${slow.took} ms)`);
  assert.ok(slow.worst < MAX_MAIN_THREAD_GAP_MS, `the main thread kept running its timer: longest gap ${slow.worst.toFixed(0)} ms while the core worked ${slow.took} ms`);
  assert.ok(slow.frames > 10, `frames were painted meanwhile: ${slow.frames}`);
  assert.equal(await coreMode(page), 'worker');
  assert.deepEqual(workers, [`${ctx.server.origin}/worker.js`], 'one module worker, from worker.js');

  // 200 certificates through the core's API (the analysis alone), then on the page.
  const many = ctx.pki.manyLeaves(200);
  const api = await whileTicking(page, (args) => page.evaluate(async ([text, root]) => {
    const core = await import('/core.js');
    const r = await core.inspect(text, { host: 'many.example.test', trust: [root], onlyTrustedRoots: true });
    return { type: r.type, certificates: r.report?.certificates.length };
  }, args), [many, ctx.pki.root]);
  assert.deepEqual(api.value, { type: 'ok', certificates: 202 }, 'the 200 leaves, the intermediate and the trusted root');
  assert.ok(api.worst < MAX_MAIN_THREAD_GAP_MS, `the main thread kept running through 200 certificates: longest gap ${api.worst.toFixed(0)} ms (analysis ${api.took} ms)`);
  // Into the box at once: Playwright's fill() types 150 KB for about 20 s.
  await input(page).evaluate((box, text) => { box.value = text; }, many);
  await page.locator('#host').fill('many.example.test');
  const shown = await inspect(page, () => inspectButton(page).click());
  assert.ok(shown.verdict, 'the page shows a verdict for 200 certificates');
  const cards = await page.locator('#results [data-cert-index]').count();
  assert.ok(cards >= 200, `a card for each: ${cards}`);
  assert.equal(workers.length, 1, 'all of it in the one worker');
});

test('a slow inspection shows Working… and Cancel after 150 ms; Cancel ends its worker and the next paste works', async (ctx) => {
  const page = await ctx.open();
  await patchGlue(page, slowGlue(20_000));
  const workers = watchWorkers(page);
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  // Every text the status shows, with its time; and when Inspect was pressed.
  await page.evaluate(() => {
    const status = document.querySelector('#status');
    window.__status = [];
    new MutationObserver(() => window.__status.push({ text: status.textContent, at: performance.now() })).observe(status, { childList: true, characterData: true, subtree: true });
    document.querySelector('#inspect').addEventListener('click', () => { window.__pressed = performance.now(); }, true);
  });

  // A fast answer: no busy state at all (it would only flicker).
  const fast = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(fast.verdict, 'trusted');
  assert.deepEqual(await page.evaluate(() => window.__status.filter((s) => s.text).map((s) => s.text)), [], 'no busy state for a fast answer');

  // A slow one: after 150 ms, Working… (a status), aria-busy on the results, and Cancel.
  await input(page).fill(ctx.pki.chain + SLOW_MARK);
  await inspectButton(page).click();
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await cancel.waitFor({ state: 'visible' });
  const busy = await page.evaluate(() => ({
    status: document.querySelector('#status').textContent,
    role: document.querySelector('#status').getAttribute('role'),
    ariaBusy: document.querySelector('#results').getAttribute('aria-busy'),
    after: window.__status.find((s) => s.text).at - window.__pressed,
    stale: getComputedStyle(document.querySelector('#results > *')).opacity,
  }));
  assert.equal(busy.status, 'Working…');
  assert.equal(busy.role, 'status', 'announced to screen readers');
  assert.equal(busy.ariaBusy, 'true');
  assert.ok(busy.after >= 140, `shown after the delay, not at once: ${busy.after.toFixed(0)} ms`);
  assert.ok(Number(busy.stale) < 1, `the old result is dimmed: opacity ${busy.stale}`);
  await ctx.shot(page, 'busy-working');

  const stopped = await inspect(page, () => cancel.click());
  assert.match(stopped.notice ?? '', /stopped/, `a notice says the check was stopped: ${JSON.stringify(stopped)}`);
  assert.equal(stopped.error, null, 'cancelling is not an error');
  await workers[0].closed;
  const after = await page.evaluate(() => ({
    status: document.querySelector('#status').textContent,
    cancelHidden: document.querySelector('#cancel').hidden,
    focus: document.activeElement?.id,
  }));
  assert.deepEqual(after, { status: '', cancelHidden: true, focus: 'inspect' }, 'the busy state is gone; focus went from Cancel to Inspect');

  const again = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(again.verdict, 'trusted', 'the next paste works');
  assert.equal(workers.length, 2, 'in a fresh worker');
});

test('a new paste replaces an inspection still under way: the old one is stopped, the new one answered', async (ctx) => {
  const page = await ctx.open();
  await patchGlue(page, slowGlue(20_000));
  const workers = watchWorkers(page);
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  await input(page).fill(ctx.pki.chain + SLOW_MARK);
  await page.locator('#host').fill(HOST);
  await inspectButton(page).click();
  await page.getByRole('button', { name: 'Cancel', exact: true }).waitFor({ state: 'visible' });
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.verdict, 'trusted', 'the new input\'s answer, not a notice or an error');
  await workers[0].closed;
  assert.equal(workers.length, 2);
});

test('an inspection past the time limit is stopped with an error, and the next paste works', async (ctx) => {
  const page = await ctx.open();
  await patchGlue(page, slowGlue(20_000));
  const workers = watchWorkers(page);
  await page.goto(ctx.server.url);
  // The limit is INSPECT_TIMEOUT_MS (20 s); a test does not wait that long.
  await page.evaluate(() => import('/core.js').then((m) => m.configureCore({ timeoutMs: 1000 })));
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.chain + SLOW_MARK, HOST);
  assert.ok(res.error, `an error: ${JSON.stringify(res)}`);
  assert.match(res.error, /took longer than 1 second and was stopped/);
  await workers[0].closed;
  const again = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(again.error, null);
  assert.equal(again.verdict, 'trusted');
});

test('where no worker can start (its script blocked), the core runs on the main thread', async (ctx) => {
  const page = await ctx.open();
  await page.route('**/worker.js', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.verdict, 'trusted', `findings: ${JSON.stringify(res.findings)}`);
  assert.equal(await coreMode(page), 'main');
  assert.deepEqual(page.workers(), [], 'the worker that could not start is gone');
  // And an example, a second inspection, works there too.
  const ex = await inspect(page, () => page.locator('button[data-example="expired"]').click());
  assert.equal(ex.findings[0]?.id, 'expired');
});

test('without Worker at all, the page works on the main thread', async (ctx) => {
  const page = await ctx.open();
  await page.addInitScript(() => { delete window.Worker; });
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.verdict, 'trusted');
  assert.equal(await coreMode(page), 'main');
});

test('a worker that never starts: after the time limit it is ended and this inspection and the next run on the main thread', async (ctx) => {
  const page = await ctx.open();
  await silentWorker(page);
  const workers = watchWorkers(page);
  // The page starts loading the core at once; the wasm waits until the limit is set, so the
  // worker that load starts has it.
  const release = await hold(page, '**/pkg/certscope_bg.wasm');
  await page.goto(ctx.server.url);
  await timeLimit(page, 1000);
  release();
  await trust(page, ctx.pki.root, true);
  const started = Date.now();
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.error, null, `not an error: the inspection moved to the main thread: ${JSON.stringify(res)}`);
  assert.equal(res.verdict, 'trusted');
  assert.ok(Date.now() - started < 10_000, `answered soon after the 1 s limit: ${Date.now() - started} ms`);
  assert.equal(await coreMode(page), 'main');
  assert.equal(workers.length, 1, 'no second worker');
  await workers[0].closed;
  const again = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(again.verdict, 'trusted', `the next paste is answered too: ${JSON.stringify(again)}`);
  assert.deepEqual(page.workers(), []);
});

test('Cancel works while a worker starts (one that never answers): the worker is ended; an aborted API call settles too', async (ctx) => {
  const page = await ctx.open();
  await silentWorker(page);
  const workers = watchWorkers(page);
  await page.goto(ctx.server.url);
  // Long enough that no start runs out during the cancels below, short enough for the end.
  await timeLimit(page, 3000);
  await trust(page, ctx.pki.root, true);
  await input(page).fill(ctx.pki.chain);
  await page.locator('#host').fill(HOST);
  await inspectButton(page).click();
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await cancel.waitFor({ state: 'visible' });
  const stopped = await inspect(page, () => cancel.click());
  assert.match(stopped.notice ?? '', /stopped/, `a notice says the check was stopped: ${JSON.stringify(stopped)}`);
  assert.equal(stopped.error, null);
  await workers[0].closed;

  // The core's API: aborted 100 ms in, while the next worker starts, it settles at once.
  const aborted = await page.evaluate(async (text) => {
    const core = await import('/core.js');
    const t0 = performance.now();
    try {
      await core.inspect(text, {}, { signal: AbortSignal.timeout(100) });
      return { kind: 'answered' };
    } catch (e) {
      return { kind: e.kind, after: performance.now() - t0 };
    }
  }, ctx.pki.chain);
  assert.equal(aborted.kind, 'cancelled');
  assert.ok(aborted.after < 1000, `settled when aborted, not at the limit: ${aborted.after.toFixed(0)} ms`);

  // Every worker that never started is ended by its limit, and the page carries on without one.
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.verdict, 'trusted', JSON.stringify(res));
  assert.equal(await coreMode(page), 'main');
  await Promise.all(workers.map((w) => w.closed));
  assert.deepEqual(page.workers(), []);
});

test('on the main thread Cancel works while the core loads, and the next paste works', async (ctx) => {
  const page = await ctx.open();
  await page.addInitScript(() => { delete window.Worker; });
  const release = await hold(page, '**/pkg/certscope.js');
  await page.goto(ctx.server.url);
  await trust(page, ctx.pki.root, true);
  await input(page).fill(ctx.pki.chain);
  await page.locator('#host').fill(HOST);
  await inspectButton(page).click();
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await cancel.waitFor({ state: 'visible' });
  assert.equal(await coreMode(page), 'main');
  const stopped = await inspect(page, () => cancel.click());
  assert.match(stopped.notice ?? '', /stopped/, `a notice says the check was stopped: ${JSON.stringify(stopped)}`);
  release();
  const res = await pasteAndInspect(page, ctx.pki.chain, HOST);
  assert.equal(res.verdict, 'trusted', JSON.stringify(res));
});

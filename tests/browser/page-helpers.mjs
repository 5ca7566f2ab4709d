// Helpers for the page's tests (page.test.mjs, worker.test.mjs, privacy.test.mjs), written
// against the page's contract (see page.test.mjs): find the form's parts, inspect, and read what
// #results shows.
import assert from 'node:assert/strict';

export const input = (page) => page.getByLabel('Certificate or openssl s_client output');
export const host = (page) => page.locator('#host');
export const inspectButton = (page) => page.getByRole('button', { name: 'Inspect', exact: true });

/** Opens a fresh page (ctx.open's guards included) on the test server. */
export async function load(ctx, options) {
  const page = await ctx.open(options);
  await page.goto(ctx.server.url);
  return page;
}

/**
 * Runs `action` and waits for #results to be replaced by a new result (the page renders each
 * result as new nodes) and to be no longer busy. Returns what the result says.
 */
export async function inspect(page, action) {
  await page.evaluate(() => { window.__certscopeBefore = document.querySelector('#results')?.firstElementChild ?? null; });
  await action();
  await page.waitForFunction(() => {
    const r = document.querySelector('#results');
    const first = r?.firstElementChild;
    return first && first !== window.__certscopeBefore && !r.hasAttribute('aria-busy');
  });
  return result(page);
}

/** The verdict, the findings in order, whether an error or a notice (a cancelled check) is shown. */
export async function result(page) {
  return page.evaluate(() => {
    const r = document.querySelector('#results');
    return {
      verdict: r.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? null,
      findings: [...r.querySelectorAll('[data-finding-id]')].map((f) => ({ id: f.getAttribute('data-finding-id'), severity: f.getAttribute('data-severity') })),
      error: r.querySelector('[data-error]') ? r.querySelector('[data-error]').textContent : null,
      notice: r.querySelector('[data-notice]') ? r.querySelector('[data-notice]').textContent : null,
      roles: [...r.querySelectorAll('[data-role]')].map((c) => c.getAttribute('data-role')),
    };
  });
}

export const ids = (res) => res.findings.map((f) => f.id);

export function hasFinding(res, id, severity) {
  const f = res.findings.find((x) => x.id === id);
  assert.ok(f, `expected finding ${id}, got [${ids(res).join(', ')}] (verdict ${res.verdict})`);
  if (severity) assert.equal(f.severity, severity, `severity of ${id}`);
}

/** Puts PEM text under "Trusted CA certificates"; `only` ticks "trust only these". */
export async function trust(page, pem, only = false) {
  const details = page.locator('details:has(#trust)');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await page.locator('#trust').fill(pem);
  if (only) await page.locator('#only-trusted').check();
}

/** Fills the text box and the host, then presses Inspect. */
export async function pasteAndInspect(page, text, hostName) {
  await input(page).fill(text);
  if (hostName != null) await host(page).fill(hostName);
  return inspect(page, () => inspectButton(page).click());
}

export async function leafCardText(page) {
  return page.locator('#results [data-role="leaf"]').first().innerText();
}

/** The hook the glue's inspect() gets patched at (wasm-bindgen --target web writes it so). */
const GLUE_HOOK = 'export function inspect(input, options) {';

/**
 * Serves the wasm-bindgen glue (pkg/certscope.js) with `code` run first in its inspect(), for
 * the first `times` requests of it (each worker loads the glue afresh), then as it is. Resolves
 * to a function that says how many were patched.
 */
export async function patchGlue(page, code, times = Infinity) {
  let patched = 0;
  await page.route('**/pkg/certscope.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!body.includes(GLUE_HOOK)) throw new Error(`the glue has no "${GLUE_HOOK}"`);
    if (patched >= times) {
      await route.fulfill({ response, body });
      return;
    }
    patched += 1;
    await route.fulfill({ response, body: body.replace(GLUE_HOOK, `${GLUE_HOOK} ${code}`) });
  });
  return () => patched;
}

/** Every worker the page starts, in order, as { worker, url, closed } (`closed` resolves when it ends). */
export function watchWorkers(page) {
  const workers = [];
  page.on('worker', (w) => workers.push({ worker: w, url: w.url(), closed: new Promise((resolve) => w.once('close', resolve)) }));
  return workers;
}

/** Text in an input that makes a patched glue (slowGlue) busy. */
export const SLOW_MARK = 'certscope-test-slow';

/** Glue code that spins for `ms` when the input holds SLOW_MARK: a core that takes its time. */
export const slowGlue = (ms) => `if (String(input).includes(${JSON.stringify(SLOW_MARK)})) { const end = Date.now() + ${ms}; while (Date.now() < end); }`;

/**
 * Holds every request matching `pattern` until the returned function is called, then lets it
 * through: a slow network, on cue. Requests held when the page closes are dropped quietly.
 */
export async function hold(page, pattern) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  return release;
}

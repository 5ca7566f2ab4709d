// Tests of <cert-inspector> (www/cert-inspector.js) in host pages served on the test origin with
// real CSP headers: hostile CSS and a strict CSP, two elements on one page (and their one
// worker), each attribute and the provider preset, the API and the `report` event, theming, the
// hooks inside the shadow root, hostile certificates (markup, script URLs, bidi and invisible
// characters) pasted in, lazy loading and no request leaving the origin, and the element's
// payload (JS + wasm, brotli), printed and held to a budget.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { HOST, XSS_IMG, XSS_SCRIPT } from './pki.mjs';
import { elementReady, examplesJson, exampleText, hostFiles, hostHtml, ids, newResult, readmeCsp, resultIn, www } from './embed-helpers.mjs';
import { assertEscaped, assertInert, readDom, SHOWN_AS_TEXT } from './hostile-checks.mjs';
import { patchGlue, SLOW_MARK, slowGlue, watchWorkers } from './page-helpers.mjs';

export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const KiB = 1024;
/**
 * The element's payload budget, brotli q11: its JS modules and the wasm, as loaded for one
 * inspection. Measured 2026-11-22 (rustc 1.95, wasm-opt -Oz from binaryen 132): 301.1 KiB, of
 * which the wasm 279.8 KiB and the JS 21.3 KiB (an earlier wasm of the same day: 339.2 KiB).
 * The ceiling is the whole page's (scripts/size-budget.mjs): the element must never cost a help
 * page more than the page itself costs. Lower it as the wasm shrinks; never raise it without a
 * measurement and a reason here.
 */
const ELEMENT_BUDGET_BYTES = 360 * KiB;

/** The strictest policy the element can work under: only its own files, and wasm compilation. */
const MINIMAL_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/** Loads a host page at `path` whose body is `body`; resolves to the page. */
async function host(ctx, { path = '/host.html', body, head, lang, csp = readmeCsp(), files = {}, open = {}, before } = {}) {
  const page = await ctx.open(open);
  await before?.(page);
  await hostFiles(page, ctx.server.origin, { [path]: hostHtml({ head, body, lang }), ...files }, { csp });
  await page.goto(`${ctx.server.origin}${path}`);
  return page;
}

const example = (name) => {
  const all = examplesJson();
  const ex = all.examples.find((e) => e.name === name);
  return { ...ex, text: exampleText(ex), root: all.root };
};

/** Inspects example `name` through the element's API, with the example's host, date and root. */
async function inspectExample(page, name, sel = 'cert-inspector') {
  const ex = example(name);
  return newResult(page, () => page.evaluate(([s, e]) => document.querySelector(s).inspect(e.text, { host: e.host, port: e.port, at: e.at, trust: [e.root], onlyTrustedRoots: true }).catch(() => {}), [sel, ex]), sel);
}

// ---------------------------------------------------------------------------------------------

test('on a host page with hostile CSS and the README CSP as a header, the element works and nothing leaks either way', async (ctx) => {
  const hostile = `
    :root { --cs-text: rgb(255, 0, 0); --c: rgb(255, 0, 0); --b: rgb(255, 0, 0); --bg: rgb(255, 0, 0); --panel: rgb(255, 0, 0); }
    * { color: rgb(255, 0, 0) !important; font-family: fantasy !important; letter-spacing: 4px !important; line-height: 3 !important;
        text-transform: uppercase !important; box-sizing: content-box !important; text-align: right !important; visibility: visible; }
    div, p, section, article, form, h2, button, textarea, details { display: inline !important; margin: 40px !important; padding: 40px !important; border: 9px solid lime !important; background: yellow !important; }
    [hidden] { display: block !important; }
    [data-verdict], .verdict, .finding, #results, .cs-root, textarea { display: none !important; }
    textarea, input { width: 20px !important; }
    cert-inspector { font-size: 40px; }`;
  const page = await host(ctx, {
    head: '<link rel="stylesheet" href="/hostile.css">',
    body: `<h2 class="verdict panel">The host's own heading</h2><p class="finding hint">The host's paragraph.</p>
      <cert-inspector host="${HOST}"></cert-inspector>`,
    files: { '/hostile.css': hostile },
  });
  await elementReady(page);
  // Type into the element through its labels (they pierce the shadow root), as a user would.
  await page.getByLabel('Certificate or openssl s_client output').fill(ctx.pki.other + ctx.pki.intermediate);
  await page.locator('cert-inspector details.trust summary').click();
  await page.getByLabel('Trusted CA certificates (PEM)').fill(ctx.pki.root);
  await page.getByLabel('Trust only these CAs').check();
  const res = await newResult(page, () => page.getByRole('button', { name: 'Inspect', exact: true }).click(), 'cert-inspector');
  assert.equal(res.verdict, 'untrusted');
  assert.equal(res.findings[0]?.id, 'hostname_mismatch', `findings: ${ids(res)}`);

  const inside = await page.evaluate(() => {
    const root = document.querySelector('cert-inspector').shadowRoot;
    const cs = (sel) => getComputedStyle(root.querySelector(sel));
    const v = cs('[data-verdict]');
    const text = cs('.verdict-text');
    const box = root.querySelector('#input').getBoundingClientRect();
    return {
      verdictDisplay: v.display, verdictBg: v.backgroundColor, textColor: text.color, font: text.fontFamily,
      spacing: text.letterSpacing, transform: text.textTransform, align: text.textAlign, size: text.fontSize,
      inputWidth: box.width, hiddenShown: getComputedStyle(root.querySelector('#port-other-field')).display,
      button: cs('#inspect').display,
    };
  });
  assert.equal(inside.verdictDisplay, 'block', 'the verdict is shown');
  assert.notEqual(inside.textColor, 'rgb(255, 0, 0)', 'the host page colour does not reach the text');
  assert.notEqual(inside.verdictBg, 'rgb(255, 0, 0)', 'the host page custom properties do not reach the verdict');
  assert.ok(!/fantasy/.test(inside.font), `the host font does not reach the text: ${inside.font}`);
  assert.equal(inside.spacing, 'normal');
  assert.equal(inside.transform, 'none');
  assert.notEqual(inside.align, 'right');
  assert.ok(Number.parseFloat(inside.size) < 30, `the host's font-size on the element does not scale it: ${inside.size}`);
  assert.ok(inside.inputWidth > 200, `the text box keeps its width: ${inside.inputWidth}`);
  assert.equal(inside.hiddenShown, 'none', 'hidden parts stay hidden');
  assert.notEqual(inside.button, 'none');

  // And the other way: the inspector's styles do not touch the host page's .verdict / .finding.
  const outside = await page.evaluate(() => ({
    h2: getComputedStyle(document.querySelector('h2.verdict')).borderTopWidth,
    p: getComputedStyle(document.querySelector('p.finding')).borderLeftWidth,
    radius: getComputedStyle(document.querySelector('h2.verdict')).borderTopLeftRadius,
  }));
  assert.deepEqual(outside, { h2: '9px', p: '9px', radius: '0px' }, 'the host page keeps its own look');
  await ctx.shot(page, 'component-hostile-css');
});

test('under the minimal CSP (only script, style and connect from self, and wasm-unsafe-eval) it inspects; without wasm-unsafe-eval it says so', async (ctx) => {
  const page = await host(ctx, { csp: MINIMAL_CSP, body: '<cert-inspector></cert-inspector>' });
  await elementReady(page);
  const res = await inspectExample(page, 'valid');
  assert.equal(res.verdict, 'trusted', `findings: ${ids(res)}`);

  // Without 'wasm-unsafe-eval' the browser refuses to compile the wasm: the element shows an
  // error (data-error) instead of dying, and the page keeps working.
  const blocked = await host(ctx, { path: '/no-wasm.html', csp: "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'", body: '<cert-inspector></cert-inspector>' });
  blocked.expectedProblems = [/CSP violation|WebAssembly|wasm-unsafe-eval/i];
  await elementReady(blocked);
  const failed = await newResult(blocked, () => blocked.evaluate(() => document.querySelector('cert-inspector').inspect('x').catch(() => {})), 'cert-inspector');
  assert.ok(failed.error != null, 'an element with data-error');
});

test('two elements on one page: their own language, preset, input and result; one wasm download', async (ctx) => {
  const page = await host(ctx, {
    body: `<cert-inspector id="a" lang="en"></cert-inspector>
      <cert-inspector id="b" lang="de" provider-name="Hosting Example" expected-hosts="mail.hosting.example.net"></cert-inspector>`,
  });
  await elementReady(page, '#a');
  await elementReady(page, '#b');
  const events = [];
  await page.exposeFunction('__event', (id, verdict) => events.push([id, verdict]));
  await page.evaluate(() => document.addEventListener('report', (e) => window.__event(e.target.id, e.detail.verdict)));
  const a = await inspectExample(page, 'valid', '#a');
  const b = await inspectExample(page, 'wrong-host', '#b');
  assert.equal(a.verdict, 'trusted');
  assert.equal(b.verdict, 'untrusted');
  assert.equal((await resultIn(page, '#a')).verdict, 'trusted', 'the first keeps its own result');
  assert.deepEqual(events, [['a', 'trusted'], ['b', 'untrusted']], 'each element reports its own, and the event bubbles to the document');
  const words = await page.evaluate(() => ['#a', '#b'].map((s) => document.querySelector(s).shadowRoot.querySelector('#inspect').textContent));
  assert.deepEqual(words, ['Inspect', 'Prüfen']);
  const preset = await page.evaluate(() => ['#a', '#b'].map((s) => document.querySelector(s).shadowRoot.querySelectorAll('.preset').length));
  assert.equal(preset[0], 0, 'no preset advice in the element without a preset');
  assert.ok(preset[1] > 0, 'preset advice in the element with one');
  // The ids inside each shadow root repeat, but each element has its own.
  const inputs = await page.evaluate(() => ['#a', '#b'].map((s) => document.querySelector(s).shadowRoot.querySelector('#input').value.length));
  assert.ok(inputs[0] > 0 && inputs[1] > 0 && inputs[0] !== inputs[1], `separate inputs: ${inputs}`);
  const wasm = page.requests.filter((u) => u.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the wasm is downloaded once for both: ${wasm}`);
  await ctx.shot(page, 'component-two-elements');
});

test('attributes: host, port, lang, compact, theme, and changing them later', async (ctx) => {
  const page = await host(ctx, { body: `<cert-inspector host="imap.example.org" port="587" compact></cert-inspector>
    <cert-inspector id="other" port="2525" theme="dark"></cert-inspector>` });
  await elementReady(page);
  await elementReady(page, '#other');
  const state = () => page.evaluate(() => [...document.querySelectorAll('cert-inspector')].map((el) => {
    const r = el.shadowRoot;
    return {
      host: r.querySelector('#host').value, port: r.querySelector('#port').value, other: r.querySelector('#port-other').value,
      otherShown: !r.querySelector('#port-other-field').hidden, command: r.querySelector('#command').textContent,
      compact: r.querySelector('.cs-root').classList.contains('compact'), commandOpen: r.querySelector('details.fetch').open,
      inspect: r.querySelector('#inspect').textContent, lang: r.querySelector('.cs-root').lang,
      panel: getComputedStyle(r.querySelector('.panel')).backgroundColor,
    };
  }));
  const [first, second] = await state();
  assert.equal(first.host, 'imap.example.org');
  assert.equal(first.port, '587');
  assert.match(first.command, /-connect imap\.example\.org:587 -servername imap\.example\.org -showcerts -starttls smtp/);
  assert.ok(first.compact && !first.commandOpen, 'compact: slimmer, the command folded away');
  assert.equal(second.port, 'other');
  assert.equal(second.other, '2525');
  assert.ok(second.otherShown);
  assert.ok(!second.compact && second.commandOpen);
  const dark = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3 < 100;
  assert.ok(!dark(first.panel), `no theme: the page's (light) colour scheme: ${first.panel}`);
  assert.ok(dark(second.panel), `theme="dark": ${second.panel}`);

  // Changing attributes later changes the element.
  await page.evaluate(() => {
    const el = document.querySelector('cert-inspector');
    el.setAttribute('lang', 'de');
    el.setAttribute('host', 'mail.example.net');
    el.setAttribute('port', '995');
    el.removeAttribute('compact');
  });
  await page.waitForFunction(() => document.querySelector('cert-inspector').shadowRoot.querySelector('#inspect').textContent === 'Prüfen');
  const [changed] = await state();
  assert.equal(changed.lang, 'de');
  assert.equal(changed.host, 'mail.example.net');
  assert.equal(changed.port, '995');
  assert.ok(!changed.compact && changed.commandOpen);
  assert.match(changed.command, /mail\.example\.net:995/);
  await ctx.shot(page, 'component-attributes');
});

test('the provider preset: advice in the provider\'s terms for hostname_mismatch and self_signed, hints and the support link', async (ctx) => {
  const page = await host(ctx, {
    body: `<cert-inspector provider-name="Hosting Example" expected-hosts="mail.hosting.example.net, smtp.hosting.example.net"
      support-url="https://hosting.example.net/support"></cert-inspector>`,
  });
  await elementReady(page);
  const hints = await page.evaluate(() => {
    const r = document.querySelector('cert-inspector').shadowRoot;
    return { placeholder: r.querySelector('#host').placeholder, hint: r.querySelector('#host-hint').textContent };
  });
  assert.equal(hints.placeholder, 'mail.hosting.example.net', 'the host field suggests the provider\'s server');
  assert.match(hints.hint, /At Hosting Example, use mail\.hosting\.example\.net or smtp\.hosting\.example\.net as the incoming and outgoing server/);

  const res = await inspectExample(page, 'wrong-host');
  assert.equal(res.findings[0]?.id, 'hostname_mismatch');
  const advice = await page.evaluate(() => {
    const r = document.querySelector('cert-inspector').shadowRoot;
    const f = r.querySelector('[data-finding-id="hostname_mismatch"] .preset');
    const link = r.querySelector('[data-verdict] .support a');
    return { heading: f?.querySelector('h4').textContent, text: f?.querySelector('p').textContent, href: link?.href, target: link?.target, rel: link?.rel, link: link?.textContent };
  });
  assert.equal(advice.heading, 'Advice from Hosting Example');
  assert.match(advice.text, /^Use mail\.hosting\.example\.net or smtp\.hosting\.example\.net as the incoming and outgoing server in your mail app\./);
  assert.match(advice.text, /issued for Hosting Example's shared server \(\*\.hosting\.example\.net and hosting\.example\.net\), not for mail\.example\.com/);
  assert.equal(advice.href, 'https://hosting.example.net/support');
  assert.equal(advice.target, '_blank');
  assert.match(advice.rel, /noopener/);
  assert.match(advice.link, /Contact Hosting Example support/);
  await ctx.shot(page, 'component-preset-hostname-mismatch', page.locator('cert-inspector'));

  const self = await inspectExample(page, 'self-signed');
  assert.equal(self.findings[0]?.id, 'self_signed');
  const selfAdvice = await page.evaluate(() => document.querySelector('cert-inspector').shadowRoot.querySelector('[data-finding-id="self_signed"] .preset p')?.textContent);
  assert.match(selfAdvice ?? '', /Hosting Example's mail servers never use self-signed certificates\. Check that your mail app uses mail\.hosting\.example\.net or smtp\.hosting\.example\.net/);

  // A support link may only be a web or mail address; removing the preset removes the advice.
  await page.evaluate(() => document.querySelector('cert-inspector').setAttribute('support-url', 'javascript:alert(1)'));
  await page.waitForFunction(() => !document.querySelector('cert-inspector').shadowRoot.querySelector('[data-verdict] .support'));
  await page.evaluate(() => ['provider-name', 'expected-hosts', 'support-url'].forEach((a) => document.querySelector('cert-inspector').removeAttribute(a)));
  await page.waitForFunction(() => !document.querySelector('cert-inspector').shadowRoot.querySelector('.preset'));
  const plain = await page.evaluate(() => document.querySelector('cert-inspector').shadowRoot.querySelector('#host-hint').textContent);
  assert.equal(plain, 'The incoming or outgoing server set in your mail app.');
});

test('the API: inspect() resolves to the report, `report` holds it, the `report` event carries it; bad options reject and show an error', async (ctx) => {
  const page = await host(ctx, { body: '<cert-inspector></cert-inspector>' });
  await page.evaluate(() => {
    window.__events = [];
    document.querySelector('cert-inspector').addEventListener('report', (e) => window.__events.push(e.detail));
  });
  const ex = example('expired');
  const out = await page.evaluate(async (e) => {
    const el = document.querySelector('cert-inspector');
    const before = el.report;
    const report = await el.inspect(e.text, { host: e.host, port: e.port, at: e.at, trust: [e.root], onlyTrustedRoots: true });
    return {
      before, verdict: report.verdict, top: report.findings[0].id, same: el.report === report,
      event: window.__events.length === 1 && window.__events[0] === report,
      fields: { host: el.shadowRoot.querySelector('#host').value, at: el.shadowRoot.querySelector('#at').value, text: el.shadowRoot.querySelector('#input').value === e.text },
      shown: el.shadowRoot.querySelector('[data-verdict]').dataset.verdict,
    };
  }, ex);
  assert.equal(out.before, null, 'no report before the first inspection');
  assert.equal(out.verdict, 'untrusted');
  assert.equal(out.top, 'expired');
  assert.ok(out.same, 'el.report is the report inspect() resolved to');
  assert.ok(out.event, 'one report event with the report as detail');
  assert.deepEqual(out.fields, { host: ex.host, at: ex.at, text: true }, 'the fields show what was inspected');
  assert.equal(out.shown, 'untrusted');

  // Bytes (a DER file) are inspected as bytes.
  const der = [...ctx.pki.leafDer];
  const fromBytes = await page.evaluate((bytes) => document.querySelector('cert-inspector').inspect(new Uint8Array(bytes), { host: 'mail.example.test' }).then((r) => r.certificates[0].dns_names), der);
  assert.ok(fromBytes.includes(HOST));

  // Options the core cannot read: the promise rejects, the element shows data-error, and works again.
  const rejected = await page.evaluate(() => document.querySelector('cert-inspector').inspect('x', { at: 'not a date at all' }).then(() => null, (e) => e.message));
  assert.ok(rejected, 'inspect() rejects');
  assert.ok((await resultIn(page)).error != null, 'and the element shows the error');
  const again = await inspectExample(page, 'valid');
  assert.equal(again.verdict, 'trusted');
});

test('theming: custom properties and ::part() reach inside; the page\'s color-scheme gives dark', async (ctx) => {
  const css = `
    :root { color-scheme: dark; }
    cert-inspector { --certscope-accent: rgb(1, 2, 3); --certscope-font: monospace; --certscope-radius: 3px; }
    cert-inspector::part(primary-button) { border-radius: 999px; text-transform: uppercase; }
    cert-inspector::part(verdict) { outline: 5px solid rgb(4, 5, 6); }`;
  const page = await host(ctx, { head: '<link rel="stylesheet" href="/theme.css">', body: '<cert-inspector></cert-inspector>', files: { '/theme.css': css } });
  await elementReady(page);
  await inspectExample(page, 'valid');
  const s = await page.evaluate(() => {
    const r = document.querySelector('cert-inspector').shadowRoot;
    const b = getComputedStyle(r.querySelector('#inspect'));
    return {
      bg: b.backgroundColor, radius: b.borderTopLeftRadius, transform: b.textTransform,
      font: getComputedStyle(r.querySelector('.cs-root')).fontFamily, panelRadius: getComputedStyle(r.querySelector('.panel')).borderTopLeftRadius,
      outline: getComputedStyle(r.querySelector('[data-verdict]')).outlineColor, panel: getComputedStyle(r.querySelector('.panel')).backgroundColor,
    };
  });
  assert.equal(s.bg, 'rgb(1, 2, 3)', '--certscope-accent');
  assert.equal(s.font, 'monospace', '--certscope-font');
  assert.equal(s.panelRadius, '3px', '--certscope-radius');
  assert.equal(s.radius, '999px', '::part(primary-button)');
  assert.equal(s.transform, 'uppercase');
  assert.equal(s.outline, 'rgb(4, 5, 6)', '::part(verdict)');
  const avg = s.panel.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
  assert.ok(avg < 80, `dark panels under a dark page: ${s.panel}`);
  await ctx.shot(page, 'component-themed-dark');
});

test('the hooks are inside the shadow root; a certificate holding markup renders as inert text', async (ctx) => {
  const page = await host(ctx, { body: `<cert-inspector host="${HOST}"></cert-inspector>` });
  await elementReady(page);
  const res = await newResult(page, () => page.evaluate(([pem, root]) => document.querySelector('cert-inspector').inspect(pem, { trust: [root], onlyTrustedRoots: true }).catch(() => {}), [ctx.pki.xss + ctx.pki.intermediate, ctx.pki.root]), 'cert-inspector');
  assert.ok(res.verdict, 'a verdict');
  assert.ok(res.findings.every((f) => f.id && f.severity), 'findings carry data-finding-id and data-severity');
  assert.deepEqual(res.roles.slice(0, 3), ['leaf', 'intermediate', 'root']);
  await page.waitForTimeout(300);
  const dom = await page.evaluate(() => {
    const r = document.querySelector('cert-inspector').shadowRoot;
    return {
      light: document.querySelectorAll('[data-verdict], [data-finding-id]').length,
      xss: window.__xss,
      imgs: r.querySelectorAll('img').length,
      scripts: r.querySelectorAll('script').length,
      on: [...r.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      text: r.querySelector('#results').textContent,
    };
  });
  assert.equal(dom.light, 0, 'no hooks leak into the light DOM');
  assert.equal(dom.xss, undefined);
  assert.equal(dom.imgs, 0);
  assert.equal(dom.scripts, 0);
  assert.equal(dom.on, 0);
  assert.ok(dom.text.includes(XSS_IMG) && dom.text.includes(XSS_SCRIPT), 'the markup is shown as text');
});

/** Pastes `pem` into the element through its labels and presses its Inspect, as a user would. */
async function pasteIntoElement(page, pem, sel = 'cert-inspector') {
  await page.locator(`${sel} #input`).fill(pem);
  return newResult(page, () => page.locator(`${sel} #inspect`).click(), sel);
}

test('hostile certificates pasted into the element: markup and script URLs in every field render as inert text', async (ctx) => {
  const page = await host(ctx, { body: `<cert-inspector host="${HOST}"></cert-inspector>` });
  await elementReady(page);
  await page.locator('cert-inspector details.trust summary').click();
  await page.locator('cert-inspector #trust').fill(ctx.pki.root);
  await page.locator('cert-inspector #only-trusted').check();
  const res = await pasteIntoElement(page, ctx.pki.hostile + ctx.pki.hostileCa);
  assert.deepEqual(res.roles.slice(0, 3), ['leaf', 'intermediate', 'root']);
  await page.locator('cert-inspector #results details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  await page.waitForTimeout(300);
  assertInert(await readDom(page, 'cert-inspector'), SHOWN_AS_TEXT);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length), 0, 'nothing in the host page either');

  const spoof = await pasteIntoElement(page, ctx.pki.spoof + ctx.pki.intermediate);
  assert.ok(spoof.verdict);
  await page.waitForTimeout(300);
  const dom = await readDom(page, 'cert-inspector');
  assertInert(dom);
  assert.match(dom.visible, /pple\.com/);
  await ctx.shot(page, 'component-hostile-as-text', page.locator('cert-inspector'));
});

test('bidi, invisible and control characters in the element: shown escaped, flagged suspicious_characters (needs the core\'s escaping)', async (ctx) => {
  const page = await host(ctx, { body: `<cert-inspector host="${HOST}"></cert-inspector>` });
  await elementReady(page);
  await newResult(page, () => page.evaluate(([pem, root]) => document.querySelector('cert-inspector').inspect(pem, { trust: [root], onlyTrustedRoots: true }).catch(() => {}), [ctx.pki.spoof + ctx.pki.intermediate, ctx.pki.root]), 'cert-inspector');
  await page.locator('cert-inspector #results details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  const report = await page.evaluate(() => document.querySelector('cert-inspector').report);
  assertEscaped(await readDom(page, 'cert-inspector'), report);
  assert.ok((await resultIn(page)).findings.some((f) => f.id === 'suspicious_characters'), 'the finding is shown');
});

test('two elements share one worker: the second waits while the first works; Cancel in the first ends only its inspection, and the second is answered', async (ctx) => {
  const page = await ctx.open();
  await patchGlue(page, slowGlue(20_000));
  const workers = watchWorkers(page);
  await hostFiles(page, ctx.server.origin, { '/two.html': hostHtml({ body: `<cert-inspector id="a" host="${HOST}"></cert-inspector><cert-inspector id="b" host="${HOST}"></cert-inspector>` }) }, { csp: readmeCsp() });
  await page.goto(`${ctx.server.origin}/two.html`);
  await elementReady(page, '#a');
  await elementReady(page, '#b');
  // A takes its time (Working…, Cancel); B, asked meanwhile, waits its turn in the one worker.
  await page.locator('#a #input').fill(ctx.pki.selfSigned + SLOW_MARK);
  await page.locator('#a #inspect').click();
  await page.locator('#a #cancel').waitFor({ state: 'visible' });
  const b = newResult(page, () => page.evaluate((pem) => { document.querySelector('#b').inspect(pem).catch(() => {}); }, ctx.pki.selfSigned), '#b');
  await page.locator('#b #cancel').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.querySelector('#b').shadowRoot.querySelector('#status').textContent), 'Working…', 'B is busy too, waiting');
  // Cancel in A: A's inspection and its worker end; B's runs in a fresh worker.
  const a = await newResult(page, () => page.locator('#a #cancel').click(), '#a');
  assert.ok(a.error == null && (await page.evaluate(() => !!document.querySelector('#a').shadowRoot.querySelector('[data-notice]'))), 'A says it was stopped');
  const answered = await b;
  assert.ok(ids(answered).includes('self_signed'), `B is answered: ${ids(answered)}`);
  await workers[0].closed;
  assert.equal(workers.length, 2, 'one worker at a time: the first, then a fresh one');
  assert.equal(page.requests.filter((u) => u.endsWith('.wasm')).length, 1, 'the wasm was fetched once for both, and for both workers');
});

test('keyboard: Tab reaches the text box, host and Inspect inside the element; Enter inspects', async (ctx) => {
  const page = await host(ctx, { body: '<p><a href="#">before</a></p><cert-inspector></cert-inspector>' });
  await elementReady(page);
  const order = [];
  for (let i = 0; i < 60 && !order.includes('inspect'); i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.id || a?.localName;
    });
    order.push(id);
    if (id === 'input') await page.keyboard.insertText(ctx.pki.chain + ctx.pki.root);
    if (id === 'host') await page.keyboard.type(HOST);
  }
  const at = (x) => order.indexOf(x);
  assert.ok(at('input') >= 0 && at('host') > at('input') && at('inspect') > at('host'), `tab order: ${order.join(' ')}`);
  const res = await newResult(page, () => page.keyboard.press('Enter'), 'cert-inspector');
  assert.equal(res.verdict, 'untrusted');
  assert.ok(ids(res).includes('untrusted_root'), `findings: ${ids(res)}`);
});

test('the wasm loads when someone comes near the element, never from another origin; the payload (JS + wasm, brotli) is within its budget', async (ctx) => {
  const bodies = new Map();
  const page = await host(ctx, {
    body: '<cert-inspector></cert-inspector>',
    before: (p) => p.on('response', async (r) => {
      const { pathname } = new URL(r.url());
      if (/\.(js|wasm|css|json)$/.test(pathname)) bodies.set(pathname, await r.body().catch(() => Buffer.alloc(0)));
    }),
  });
  await elementReady(page);
  await page.waitForTimeout(200);
  assert.ok(!page.requests.some((u) => u.endsWith('.wasm')), 'no wasm before anyone uses the element');
  await page.locator('cert-inspector #input').focus();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
  const res = await inspectExample(page, 'missing-intermediate');
  assert.equal(res.verdict, 'untrusted');
  await page.waitForTimeout(200);
  const foreign = page.requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== ctx.server.origin);
  assert.deepEqual(foreign, []);

  const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
  const rows = [...bodies].filter(([p]) => !p.startsWith('/host')).map(([p, b]) => ({ path: p, raw: b.length, br: brotli(b) })).sort((a, b) => a.path.localeCompare(b.path));
  const sum = (re) => rows.filter((r) => re.test(r.path)).reduce((n, r) => n + r.br, 0);
  const js = sum(/\.js$/);
  const wasm = sum(/\.wasm$/);
  const rest = sum(/\.(css|json)$/);
  console.log('    element payload, as loaded for one inspection (bytes; brotli q11):');
  for (const r of rows) console.log(`      ${r.path.padEnd(32)} ${String(r.raw).padStart(9)} ${String(r.br).padStart(8)}`);
  console.log(`    element payload (JS + wasm, brotli): ${((js + wasm) / KiB).toFixed(1)} KiB (JS ${(js / KiB).toFixed(1)} KiB, wasm ${(wasm / KiB).toFixed(1)} KiB); with its CSS and English words ${((js + wasm + rest) / KiB).toFixed(1)} KiB; budget ${(ELEMENT_BUDGET_BYTES / KiB).toFixed(0)} KiB`);
  // Loaded what it needs and nothing of the page's own (app.js, the examples, style.css).
  for (const needed of ['/cert-inspector.js', '/inspector.js', '/render.js', '/core.js', '/worker.js', '/i18n.js', '/pkg/certscope.js', '/pkg/certscope_bg.wasm', '/inspector.css', '/locales/en.json']) {
    assert.ok(bodies.has(needed), `loaded ${needed}`);
  }
  for (const notNeeded of ['/app.js', '/style.css', '/examples/examples.json', '/locales/catalog-de.json']) assert.ok(!bodies.has(notNeeded), `did not load ${notNeeded}`);
  assert.ok(js + wasm <= ELEMENT_BUDGET_BYTES, `the element's payload ${((js + wasm) / KiB).toFixed(1)} KiB is over its budget`);
  // The measured files are the ones in www/ (no stale copy in a cache).
  assert.equal(bodies.get('/pkg/certscope_bg.wasm').length, readFileSync(join(www, 'pkg', 'certscope_bg.wasm')).length);
});

test('the demo help article: the preset, the example button and the report event', async (ctx) => {
  const page = await ctx.open();
  await page.goto(`${ctx.server.origin}/demo.html`);
  await elementReady(page, '#checker');
  const res = await newResult(page, () => page.getByRole('button', { name: 'Show me an example' }).click(), '#checker');
  assert.equal(res.findings[0]?.id, 'hostname_mismatch');
  await page.waitForFunction(() => document.querySelector('#log-ids').textContent.includes('hostname_mismatch'));
  const advice = await page.evaluate(() => document.querySelector('#checker').shadowRoot.querySelector('.preset p').textContent);
  assert.match(advice, /^Use mail\.hosting\.example\.net as the incoming and outgoing server/);
  await ctx.shot(page, 'component-demo');
  const dark = await ctx.open({ colorScheme: 'dark', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await dark.goto(`${ctx.server.origin}/demo.html`);
  await elementReady(dark, '#checker');
  await newResult(dark, () => dark.getByRole('button', { name: 'Show me an example' }).click(), '#checker');
  const width = await dark.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on a phone: ${width}`);
  await ctx.shot(dark, 'component-demo-phone-dark');
});

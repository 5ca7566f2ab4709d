// Tests of the translations: every locale bundle (www/locales/<lang>.json) has every key of
// English with the same placeholders, and the check notices when one does not; every key the
// code and the page use exists; the manifest and the catalog copies match their sources; a
// pseudo-locale run leaves no hard-coded English on screen, in the page and in the element; German
// is shown with German dates and numbers, chosen by ?lang=, the browser or the page's lang; and a
// language added as files alone appears and works.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesJson, exampleText, elementReady, hostFiles, hostHtml, ids, newResult, openAllDetails, pseudoString, readJson, repo, servePseudoLocale, unlocalizedText, www } from './embed-helpers.mjs';

export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const LOCALE_FILE = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/;
const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const placeholders = (s) => new Set([...s.matchAll(/\{([a-z_][a-z0-9_]*)\}/g)].map((m) => m[1]));
const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
const isPlural = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => PLURAL_FORMS.has(k));

/**
 * What is wrong with bundle `other` measured against English `en`: missing and extra keys,
 * a string where English has a subtree (or the reverse), placeholders that differ, plural
 * entries without an `other` form or with a form using a placeholder English does not have.
 * `meta` holds settings (direction, casing), not words: checked for presence only.
 */
export function compareBundles(en, other, path = '') {
  const problems = [];
  const here = (k) => (path ? `${path}.${k}` : k);
  for (const [k, v] of Object.entries(en)) {
    const o = other?.[k];
    const at = here(k);
    if (o === undefined) {
      problems.push(`missing key ${at}`);
    } else if (at.startsWith('meta.') || at === 'meta') {
      if (typeof v !== 'object' && typeof o !== typeof v) problems.push(`${at} should be a ${typeof v}`);
      else if (typeof v === 'object') problems.push(...compareBundles(v, o, at));
    } else if (typeof v === 'string') {
      if (typeof o !== 'string') problems.push(`${at} should be a string`);
      else if (!o.trim()) problems.push(`${at} is empty`);
      else if (!sameSet(placeholders(v), placeholders(o))) problems.push(`${at} has placeholders {${[...placeholders(o)].join('}, {')}}, English {${[...placeholders(v)].join('}, {')}}`);
    } else if (isPlural(v)) {
      if (typeof o !== 'object' || !isPlural(o)) problems.push(`${at} should be plural forms (${Object.keys(v).join(', ')})`);
      else if (typeof o.other !== 'string') problems.push(`${at} has no "other" form`);
      else {
        const all = new Set(Object.values(v).flatMap((s) => [...placeholders(s)]));
        if (!sameSet(placeholders(v.other), placeholders(o.other))) problems.push(`${at}.other has placeholders {${[...placeholders(o.other)].join('}, {')}}, English {${[...placeholders(v.other)].join('}, {')}}`);
        for (const [form, s] of Object.entries(o)) if ([...placeholders(s)].some((p) => !all.has(p))) problems.push(`${at}.${form} uses a placeholder English does not have`);
      }
    } else if (v && typeof v === 'object') {
      if (!o || typeof o !== 'object') problems.push(`${at} should be a group of keys`);
      else problems.push(...compareBundles(v, o, at));
    }
  }
  if (other && typeof other === 'object') for (const k of Object.keys(other)) if (!(k in en)) problems.push(`extra key ${here(k)} (not in English)`);
  return problems;
}

const localeTags = () => readdirSync(join(www, 'locales')).map((f) => LOCALE_FILE.exec(f)?.[1]).filter(Boolean).sort();
const bundle = (tag) => readJson(join(www, 'locales', `${tag}.json`));
const lookup = (tree, key) => key.split('.').reduce((n, k) => (n && typeof n === 'object' ? n[k] : undefined), tree);

// ---------------------------------------------------------------------------------------------
// The bundles themselves (no browser)

test('every locale bundle has every key of English, no others, the same placeholders and plural forms', async () => {
  const tags = localeTags();
  assert.ok(tags.includes('en') && tags.includes('de'), `English and German bundles: ${tags}`);
  const en = bundle('en');
  const problems = tags.filter((t) => t !== 'en').flatMap((t) => compareBundles(en, bundle(t)).map((p) => `${t}.json: ${p}`));
  assert.deepEqual(problems, [], problems.join('\n'));
  // The examples' words: a label and a description for every example, in every language.
  for (const ex of examplesJson().examples) {
    for (const t of tags) {
      assert.equal(typeof lookup(bundle(t), `examples.${ex.name}.label`), 'string', `${t}.json: examples.${ex.name}.label`);
      assert.equal(typeof lookup(bundle(t), `examples.${ex.name}.description`), 'string', `${t}.json: examples.${ex.name}.description`);
    }
  }
});

test('the bundle check notices a missing key, an extra key, a changed placeholder and a lost plural form', async () => {
  const en = bundle('en');
  const de = bundle('de');
  const broken = structuredClone(de);
  delete broken.form.inspect;
  broken.form.extra = 'Extra';
  broken.report.verdict.untrusted = broken.report.verdict.untrusted.replace('{reason}', '{grund}');
  delete broken.report.time.left.other;
  broken.preset.findings.hostname_mismatch = ['not', 'a', 'string'];
  const problems = compareBundles(en, broken);
  for (const expected of [/missing key form\.inspect/, /extra key form\.extra/, /report\.verdict\.untrusted has placeholders \{grund\}, English \{reason\}/,
    /report\.time\.left has no "other" form/, /preset\.findings\.hostname_mismatch should be a string/]) {
    assert.ok(problems.some((p) => expected.test(p)), `${expected} in:\n${problems.join('\n')}`);
  }
  assert.equal(problems.length, 5, problems.join('\n'));
});

test('every key the code and the page name is in the English bundle', async () => {
  const en = bundle('en');
  const missing = [];
  const code = readdirSync(www).filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(www, f), 'utf8')]);
  for (const [f, src] of code) {
    for (const m of src.matchAll(/['`]((?:page|form|app|report|preset|examples|meta)\.[A-Za-z0-9_.]+?)(\.\$\{[^}]*\}[^'`]*)?['`]/g)) {
      if (lookup(en, m[1]) === undefined) missing.push(`${f}: ${m[1]}`);
    }
    // F('subject') in render.js is report.f.subject.
    for (const m of src.matchAll(/\bF\('([a-zA-Z0-9]+)'\)/g)) if (lookup(en, `report.f.${m[1]}`) === undefined) missing.push(`${f}: report.f.${m[1]}`);
  }
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-content)?="([^"]+)"/g)) if (typeof lookup(en, m[1]) !== 'string') missing.push(`index.html: ${m[1]}`);
  const ports = /const PORTS = \[([^\]]+)\]/.exec(readFileSync(join(www, 'inspector.js'), 'utf8'))[1].match(/'([^']+)'/g).map((s) => s.slice(1, -1));
  for (const p of ports) if (typeof lookup(en, `form.ports.${p}`) !== 'string') missing.push(`inspector.js PORTS: form.ports.${p}`);
  for (const sev of ['error', 'warning', 'info']) if (!lookup(en, `report.severity.${sev}`)) missing.push(`report.severity.${sev}`);
  for (const v of ['trusted', 'untrusted', 'invalid_input']) if (!lookup(en, `report.label.${v}`)) missing.push(`report.label.${v}`);
  assert.deepEqual(missing, [], missing.join('\n'));
});

test('the manifest lists the bundles; the catalog copies are the catalog files', async () => {
  const manifest = readJson(join(www, 'locales', 'index.json'));
  assert.deepEqual(manifest.languages, localeTags(), 'locales/index.json lists exactly the bundles (node scripts/make-locales.mjs)');
  const catalogs = readdirSync(join(repo, 'catalog')).map((f) => LOCALE_FILE.exec(f)?.[1]).filter((t) => t && t !== 'en' && manifest.languages.includes(t)).sort();
  assert.deepEqual(manifest.catalogs, catalogs);
  for (const t of catalogs) {
    assert.deepEqual(readJson(join(www, 'locales', `catalog-${t}.json`)), readJson(join(repo, 'catalog', `${t}.json`)), `catalog-${t}.json is catalog/${t}.json`);
  }
});

// ---------------------------------------------------------------------------------------------
// Pseudo-locale: nothing on screen that did not come from a bundle

test('pseudo-locale on the page: every word on screen comes from a bundle (or is certificate data)', async (ctx) => {
  const page = await ctx.open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await servePseudoLocale(page, ctx.server.origin);
  await page.goto(`${ctx.server.url}?lang=en-XA`);
  const inspect = pseudoString('Inspect');
  await page.waitForFunction((name) => document.querySelector('#inspect')?.textContent === name, inspect);
  await page.waitForSelector('button[data-example]');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-XA');
  // Show every part: the other-port box, the trust box with its checkbox, a file's status.
  await page.selectOption('#port', 'other');
  await page.locator('details.trust summary').click();
  await page.locator('#trust').fill(ctx.pki.root);
  await page.locator('#host').fill('mail.example.test');
  await newResult(page, () => page.locator('#files').setInputFiles(ctx.pki.leafDerPath));
  await page.getByRole('button', { name: pseudoString('Copy report') }).click();
  await openAllDetails(page);
  let left = await unlocalizedText(page);
  assert.deepEqual(left, [], `text not from a bundle:\n${left.join('\n')}`);
  await ctx.shot(page, 'i18n-pseudo-page');
  // An example (its note and buttons) and the other verdicts.
  for (const name of ['wrong-host', 'valid', 'expired']) {
    await newResult(page, () => page.locator(`button[data-example="${name}"]`).click());
    await openAllDetails(page);
    left = await unlocalizedText(page);
    assert.deepEqual(left, [], `example ${name}, text not from a bundle:\n${left.join('\n')}`);
  }
  const invalid = await newResult(page, async () => {
    await page.locator('#input').fill('hello');
    await page.locator('#inspect').click();
  });
  assert.equal(invalid.verdict, 'invalid_input');
  left = await unlocalizedText(page);
  assert.deepEqual(left, [], `invalid input, text not from a bundle:\n${left.join('\n')}`);
});

test('pseudo-locale in the element with a preset: every word in its shadow root comes from a bundle', async (ctx) => {
  const page = await ctx.open();
  await servePseudoLocale(page, ctx.server.origin);
  await hostFiles(page, ctx.server.origin, {
    '/host.html': hostHtml({ body: `<cert-inspector lang="en-XA" provider-name="Hosting Example" expected-hosts="mail.hosting.example.net"
      support-url="https://hosting.example.net/support" port="587"></cert-inspector>` }),
  });
  await page.goto(`${ctx.server.origin}/host.html`);
  await page.waitForFunction((name) => document.querySelector('cert-inspector')?.shadowRoot?.querySelector('#inspect')?.textContent === name, pseudoString('Inspect'));
  const all = examplesJson();
  for (const name of ['wrong-host', 'self-signed', 'missing-intermediate', 'expired']) {
    const ex = all.examples.find((e) => e.name === name);
    const res = await newResult(page, () => page.evaluate(([text, e, root]) => document.querySelector('cert-inspector')
      .inspect(text, { host: e.host, at: e.at, trust: [root], onlyTrustedRoots: true }).catch(() => {}), [exampleText(ex), ex, all.root]), 'cert-inspector');
    assert.equal(res.findings[0]?.id, ex.top_finding, `example ${name}: ${ids(res)}`);
    await openAllDetails(page);
    const left = await unlocalizedText(page, 'cert-inspector');
    assert.deepEqual(left, [], `example ${name}, text not from a bundle:\n${left.join('\n')}`);
  }
  const preset = await page.evaluate(() => document.querySelector('cert-inspector').shadowRoot.querySelectorAll('.preset').length);
  assert.ok(preset > 0, 'the preset advice was on screen too');
  await ctx.shot(page, 'i18n-pseudo-element', page.locator('cert-inspector'));
});

// ---------------------------------------------------------------------------------------------
// German

test('?lang=de: the page in German, with German dates and numbers; switching back keeps the input', async (ctx) => {
  const page = await ctx.open();
  await page.goto(`${ctx.server.url}?lang=de`);
  await page.waitForFunction(() => document.querySelector('#inspect')?.textContent === 'Prüfen');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.match(await page.title(), /Serveridentität kann nicht überprüft werden/);
  assert.ok(await page.getByLabel('Zertifikat oder Ausgabe von openssl s_client').isVisible());
  const res = await newResult(page, () => page.locator('button[data-example="valid"]').click());
  assert.equal(res.verdict, 'trusted');
  const text = await page.locator('#results').innerText();
  assert.match(text, /Vertrauenswürdig/);
  assert.match(text, /Geprüft am\s*15\.02\.2026/, 'the check date as Germans write it');
  assert.match(text, /noch 1\.\d{3} Tage/, 'days left with a German thousands separator');
  assert.match(text, /von \d{1,2}\.\d\d\.\d{4}/, 'validity dates as Germans write them');
  assert.match(await page.locator('#example-note').textContent(), /^Beispiel: .* am 15\.02\.2026/);
  const expired = await newResult(page, () => page.locator('button[data-example="expired"]').click());
  assert.equal(expired.findings[0]?.id, 'expired');
  const finding = await page.locator('#results [data-finding-id="expired"]').innerText();
  assert.match(finding, /Das Zertifikat ist abgelaufen|abgelaufen/);
  assert.match(finding, /Was Sie tun können/);
  await ctx.shot(page, 'i18n-de-page');

  // Back to English: the words change, the input and the result stay.
  const before = await page.locator('#input').inputValue();
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('#inspect').textContent === 'Inspect');
  assert.equal(await page.locator('#input').inputValue(), before);
  assert.match(await page.locator('#results .verdict-label').textContent(), /Not trusted/);
  assert.match(await page.locator('#results').innerText(), /Checked at\s*Feb 15, 2026/);
});

test('the browser\'s language picks German; the element follows its page\'s lang', async (ctx) => {
  const page = await ctx.open({ locale: 'de-AT' });
  await page.goto(ctx.server.url);
  await page.waitForFunction(() => document.querySelector('#inspect')?.textContent === 'Prüfen');
  assert.equal(await page.evaluate(() => document.querySelector('#lang').value), 'de');

  const host = await ctx.open({ locale: 'en-US' });
  await hostFiles(host, ctx.server.origin, { '/host.html': hostHtml({ lang: 'de', body: '<cert-inspector></cert-inspector><cert-inspector lang="en" id="en"></cert-inspector>' }) });
  await host.goto(`${ctx.server.origin}/host.html`);
  await elementReady(host);
  await elementReady(host, '#en');
  const words = await host.evaluate(() => [...document.querySelectorAll('cert-inspector')].map((e) => e.shadowRoot.querySelector('#inspect').textContent));
  assert.deepEqual(words, ['Prüfen', 'Inspect']);
});

test('a language added as files only (bundle, manifest entry) is offered and used; its explanations fall back to English', async (ctx) => {
  const page = await ctx.open();
  const manifest = readJson(join(www, 'locales', 'index.json'));
  const fr = structuredClone(bundle('en'));
  fr.form.inspect = 'Analyser';
  fr.report.label.untrusted = 'Non fiable';
  await page.route(`${ctx.server.origin}/locales/index.json`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...manifest, languages: [...manifest.languages, 'fr'] }) }));
  await page.route(`${ctx.server.origin}/locales/fr.json`, (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(fr) }));
  await page.goto(ctx.server.url);
  const options = await page.locator('#lang option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options.find(([v]) => v === 'fr'), ['fr', 'Français'], `the picker offers it by its own name: ${JSON.stringify(options)}`);
  await page.selectOption('#lang', 'fr');
  await page.waitForFunction(() => document.querySelector('#inspect').textContent === 'Analyser');
  const res = await newResult(page, () => page.locator('button[data-example="wrong-host"]').click());
  assert.equal(res.verdict, 'untrusted');
  assert.equal(await page.locator('#results .verdict-label').textContent(), 'Non fiable');
  assert.equal(await page.locator('#results [data-finding-id="hostname_mismatch"] h3').textContent(), 'The certificate is for a different name', 'no French catalog yet: English explanations');
  assert.ok(!page.requests.some((u) => u.includes('catalog-fr')), 'no catalog asked for that the manifest does not list');
});

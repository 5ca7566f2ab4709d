// Helpers for the embedding tests (embed-run.mjs): host pages served on the test origin with
// real headers, waiting for a result inside an element's shadow root, the pseudo-locale, and
// the check that no text on screen escaped the locale bundles.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const www = join(repo, 'www');
export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
export const examplesJson = () => readJson(join(www, 'examples', 'examples.json'));
export const exampleText = (ex) => readFileSync(join(www, 'examples', ex.file), 'utf8');

/** The CSP line README-embed.md tells embedders to use, read from the README itself. */
export function readmeCsp() {
  const readme = readFileSync(join(repo, 'package', 'README-embed.md'), 'utf8');
  const m = /^Content-Security-Policy: (.+)$/m.exec(readme);
  if (!m) throw new Error('package/README-embed.md has no "Content-Security-Policy: ..." line');
  return m[1].trim();
}

/**
 * Serves `files` ({ "/path": body or { body, type, headers } }) on the test server's origin for
 * this page only, through Playwright routes; HTML gets `csp` as a real header.
 */
export async function hostFiles(page, origin, files, { csp } = {}) {
  for (const [path, spec] of Object.entries(files)) {
    const { body, type, headers = {} } = typeof spec === 'string' ? { body: spec } : spec;
    const contentType = type ?? (path.endsWith('.css') ? 'text/css' : path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8');
    await page.route(`${origin}${path}`, (route) => route.fulfill({
      status: 200,
      contentType,
      headers: { ...(csp && contentType.startsWith('text/html') ? { 'content-security-policy': csp } : {}), 'cache-control': 'no-store', ...headers },
      body,
    }));
  }
}

/** A host page: `head` and `body` markup, loading the element from the served www/. */
export const hostHtml = ({ head = '', body = '', lang = 'en' } = {}) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>host</title>
<script type="module" src="/cert-inspector.js"></script>${head}</head>
<body>${body}</body></html>`;

/** Waits until the element `sel` has its words (its Inspect button has a name). */
export async function elementReady(page, sel = 'cert-inspector') {
  await page.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('#inspect')?.textContent.trim(), sel);
}

/** What the element `sel` shows: verdict, findings, error, card roles (all inside its shadow root). */
export async function resultIn(page, sel = 'cert-inspector') {
  return page.evaluate((s) => {
    const r = document.querySelector(s).shadowRoot.querySelector('#results');
    return {
      verdict: r.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? null,
      findings: [...r.querySelectorAll('[data-finding-id]')].map((f) => ({ id: f.getAttribute('data-finding-id'), severity: f.getAttribute('data-severity') })),
      error: r.querySelector('[data-error]') ? r.querySelector('[data-error]').textContent : null,
      roles: [...r.querySelectorAll('[data-role]')].map((c) => c.getAttribute('data-role')),
    };
  }, sel);
}

/**
 * Runs `action` and waits for a new result in the element `sel` (or in the page's #results): the
 * renderer replaces the result's nodes, and the container is no longer busy. Functions, not
 * strings, are evaluated: the pages' CSP forbids eval.
 */
export async function newResult(page, action, sel = null) {
  await page.evaluate((s) => {
    const r = s ? document.querySelector(s)?.shadowRoot?.querySelector('#results') : document.querySelector('#results');
    window.__certscopeBefore = r?.firstElementChild ?? null;
  }, sel);
  await action();
  await page.waitForFunction((s) => {
    const r = s ? document.querySelector(s)?.shadowRoot?.querySelector('#results') : document.querySelector('#results');
    const first = r?.firstElementChild;
    return first && first !== window.__certscopeBefore && !r.hasAttribute('aria-busy');
  }, sel);
  return page.evaluate((s) => {
    const r = s ? document.querySelector(s).shadowRoot.querySelector('#results') : document.querySelector('#results');
    return {
      verdict: r.querySelector('[data-verdict]')?.getAttribute('data-verdict') ?? null,
      findings: [...r.querySelectorAll('[data-finding-id]')].map((f) => ({ id: f.getAttribute('data-finding-id'), severity: f.getAttribute('data-severity') })),
      error: r.querySelector('[data-error]') ? r.querySelector('[data-error]').textContent : null,
      roles: [...r.querySelectorAll('[data-role]')].map((c) => c.getAttribute('data-role')),
    };
  }, sel);
}

export const ids = (res) => res.findings.map((f) => f.id);

// ---------------------------------------------------------------------------------------------
// The pseudo-locale: every string of a bundle accented and wrapped in ⟦ ⟧, {placeholders} kept,
// so any text on screen that is not inside ⟦ ⟧ did not come from a bundle.

const ACCENTS = Object.fromEntries([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ']
  .map((c, i) => [c, [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]]));
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export function pseudoString(s) {
  const body = s.split(/(\{[a-z_][a-z0-9_]*\})/).map((part) => (/^\{[a-z_][a-z0-9_]*\}$/.test(part) ? part : [...part].map((c) => ACCENTS[c] ?? c).join(''))).join('');
  return `${PSEUDO_OPEN}${body}${PSEUDO_CLOSE}`;
}

/** A bundle or catalog with every string pseudo-localised (keys, numbers and booleans kept). */
export function pseudo(value) {
  if (typeof value === 'string') return pseudoString(value);
  if (Array.isArray(value)) return value.map(pseudo);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudo(v)]));
  return value;
}

/**
 * Serves the pseudo-locale en-XA beside the real ones, for this page: the manifest lists it,
 * en-XA.json and catalog-en-XA.json are the English ones pseudo-localised.
 */
export async function servePseudoLocale(page, origin, code = 'en-XA') {
  const manifest = readJson(join(www, 'locales', 'index.json'));
  const files = {
    '/locales/index.json': JSON.stringify({ ...manifest, languages: [...manifest.languages, code], catalogs: [...manifest.catalogs, code] }),
    [`/locales/${code}.json`]: JSON.stringify(pseudo(readJson(join(www, 'locales', 'en.json')))),
    [`/locales/catalog-${code}.json`]: JSON.stringify(pseudo(readJson(join(repo, 'catalog', 'en.json')))),
  };
  for (const [path, body] of Object.entries(files)) {
    await page.route(`${origin}${path}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  }
}

/**
 * Every piece of text a user can see (text nodes of rendered elements, in the document and in
 * every open shadow root; option texts; placeholder, aria-label and title attributes; the page
 * title) that holds a word outside ⟦ ⟧ (which nest: a pseudo sentence filled into a pseudo
 * template). Allowed: certificate data and technical tokens, which the page marks
 * translate="no", and dates standing alone in <time>, written by Intl. `within`: only inside
 * that element's shadow root (an element on a host page whose own words are not ours).
 */
export async function unlocalizedText(page, within = null) {
  return page.evaluate(([open, close, sel]) => {
    const strip = (s) => {
      let depth = 0;
      let out = '';
      for (const c of s) {
        if (c === open) depth += 1;
        else if (c === close && depth > 0) depth -= 1;
        // A close with no open: this text node is the rest of a bundle string an element (a
        // {slot}) interrupted, so all of it so far was inside the brackets.
        else if (c === close) out = '';
        else if (depth === 0) out += c;
      }
      return out;
    };
    const word = (s) => /\p{L}{2,}/u.test(strip(s));
    const exempt = (el) => !!el.closest('[translate="no"], time, script, style, noscript, template');
    const where = (el) => {
      const path = [];
      for (let e = el; e && e.nodeType === 1; e = e.parentElement ?? e.getRootNode()?.host) path.unshift(e.id ? `${e.localName}#${e.id}` : e.localName);
      return path.slice(-4).join(' > ');
    };
    const out = [];
    const roots = [sel ? document.querySelector(sel).shadowRoot : document];
    for (let i = 0; i < roots.length; i += 1) {
      const root = roots[i];
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        for (const a of ['placeholder', 'aria-label', 'title']) {
          if (el.hasAttribute(a) && !exempt(el) && word(el.getAttribute(a))) out.push(`${where(el)} [${a}]: ${el.getAttribute(a)}`);
        }
        if (el.localName === 'option' && !exempt(el) && word(el.textContent)) out.push(`${where(el)}: ${el.textContent}`);
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !/\S/.test(n.data) || exempt(el) || el.closest('head, select')) continue;
        if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
        if (word(n.data)) out.push(`${where(el)}: ${n.data.trim().slice(0, 120)}`);
      }
    }
    if (!sel && word(document.title)) out.push(`<title>: ${document.title}`);
    return out;
  }, [PSEUDO_OPEN, PSEUDO_CLOSE, within]);
}

/** Opens every <details> in the document and in open shadow roots, so their text is on screen. */
export async function openAllDetails(page) {
  await page.evaluate(() => {
    const roots = [document];
    for (let i = 0; i < roots.length; i += 1) {
      for (const el of roots[i].querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        if (el.localName === 'details') el.open = true;
      }
    }
  });
}

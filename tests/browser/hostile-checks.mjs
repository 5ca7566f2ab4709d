// Checks shared by the page's and the element's tests of hostile certificates (pki.mjs makes
// them): nothing a certificate carries becomes markup, a live link or a script; what it says is
// shown as text; and characters that mislead the eye (bidi controls, invisible and control
// characters) never reach the screen raw.
import assert from 'node:assert/strict';
import { CYRILLIC_APPLE, JS_URL, XSS_IMG, XSS_SCRIPT } from './pki.mjs';

/** Every element the renderer makes in #results (render.js, inspector.js); anything else came from elsewhere. */
const RENDERED_TAGS = ['div', 'p', 'span', 'h2', 'h3', 'h4', 'dl', 'dt', 'dd', 'ol', 'ul', 'li', 'a', 'time', 'section', 'article',
  'details', 'summary', 'pre', 'code', 'button'];

/**
 * Characters a certificate must not put on screen as they are: C0 and C1 controls (U+0000
 * among them; tab and newline are the renderer's own), bidi embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), and invisible ones (U+200B-U+200D,
 * U+2060-U+2064, U+FEFF).
 */
export const HIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/**
 * U+202E written out as text, as the core escapes it in every name (src/text.rs: Unicode's
 * notation in brackets, "[U+202E]"; a "\u{202e}" form is accepted too).
 */
const ESCAPED_RLO = /\[U\+202E\]|\\u\{202e\}/i;

/** What the hostile leaf (pki.hostile) and its CA carry, as it must be shown: as text. */
export const SHOWN_AS_TEXT = [XSS_IMG, XSS_SCRIPT, `${JS_URL}uri`, `${JS_URL}ou`, `${JS_URL}ca`];

/**
 * What the inspector shows after a hostile certificate, read in the page: `within` is an
 * element whose shadow root holds the inspector (null: the page itself).
 */
export function readDom(page, within = null) {
  return page.evaluate(([sel, tags]) => {
    const root = sel ? document.querySelector(sel).shadowRoot : document;
    const results = root.querySelector('#results');
    const all = [...results.querySelectorAll('*')];
    const withUrl = [...root.querySelectorAll('[href], [src], [action], [formaction], [srcdoc], [xlink\\:href], [ping]')];
    return {
      xss: window.__xss,
      foreignTags: [...new Set(all.map((e) => e.localName).filter((t) => !tags.includes(t)))],
      media: root.querySelectorAll('img, image, iframe, frame, object, embed, video, audio, source, svg image, use').length,
      scripts: [...root.querySelectorAll('script')].filter((s) => s.closest('#results') || s.textContent.includes('__xss')).length,
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
      urls: withUrl.map((e) => {
        const value = e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? e.getAttribute('xlink:href') ?? e.getAttribute('ping') ?? '';
        let scheme;
        try {
          scheme = new URL(value, document.baseURI).protocol;
        } catch {
          scheme = 'invalid:';
        }
        return { tag: e.localName, value, scheme, inResults: !!e.closest('#results') };
      }),
      text: results.textContent,
      visible: results.innerText,
      attributes: all.flatMap((e) => [...e.attributes].map((a) => a.value)).join('\n'),
    };
  }, [within, RENDERED_TAGS]);
}

/**
 * Asserts that the DOM read by readDom holds no element, handler, script or link made from a
 * certificate, and that `texts` are shown as text.
 */
export function assertInert(dom, texts = []) {
  assert.equal(dom.xss, undefined, 'window.__xss stays undefined');
  assert.deepEqual(dom.foreignTags, [], 'no element in the result the renderer does not make');
  assert.equal(dom.media, 0, 'no <img>, <iframe>, <object> or other media element');
  assert.equal(dom.scripts, 0, 'no <script> from a certificate');
  assert.deepEqual(dom.handlers, [], 'no on* attribute in the result');
  for (const u of dom.urls) {
    // data: is the page's own empty favicon (<link rel=icon href="data:,">), never a result's.
    assert.ok(!['javascript:', 'vbscript:'].includes(u.scheme) && !(u.inResults && u.scheme === 'data:'), `a link with a script URL: <${u.tag}> ${u.value}`);
    assert.ok(!/__xss|<|>/.test(u.value), `a link made from certificate data: <${u.tag}> ${u.value}`);
  }
  for (const t of texts) assert.ok(dom.visible.includes(t), `shown as text: ${t}`);
}

/**
 * Asserts that the spoofing certificate (pki.spoof) is shown with its misleading characters
 * escaped (the core writes them as "[U+202E]") and flagged by a suspicious_characters finding;
 * `report` is the report shown.
 */
export function assertEscaped(dom, report) {
  const raw = (s) => [...new Set([...s.matchAll(new RegExp(HIDDEN_CHARS.source, 'gu'))].map((m) => `U+${m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
  assert.deepEqual(raw(dom.text), [], 'no bidi, invisible or control character raw in the report\'s text');
  assert.deepEqual(raw(dom.attributes), [], 'nor in its attributes');
  assert.match(dom.visible, ESCAPED_RLO, 'the right-to-left override is shown written out');
  assert.match(dom.visible, /pple\.com/, `the Cyrillic look-alike (${CYRILLIC_APPLE}) is shown, as it is or escaped`);
  const found = (report?.findings ?? []).filter((f) => f.id === 'suspicious_characters');
  assert.ok(found.length > 0, `a suspicious_characters finding: ${(report?.findings ?? []).map((f) => f.id).join(', ')}`);
  const rlo = found.find((f) => ESCAPED_RLO.test(String(f.value)));
  assert.ok(rlo, `one names the value with U+202E written out: ${JSON.stringify(found)}`);
  assert.equal(typeof rlo.cert, 'number', 'its certificate');
  assert.equal(typeof rlo.field, 'string', 'its field');
  assert.ok(Array.isArray(rlo.kinds) && rlo.kinds.length > 0, `its kinds: ${JSON.stringify(rlo.kinds)}`);
  for (const f of found) assert.ok(!HIDDEN_CHARS.test(String(f.value)), `the finding's value is escaped: ${JSON.stringify(f.value)}`);
}

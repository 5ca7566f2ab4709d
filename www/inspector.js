// The inspector: the form (paste, files, drop, host, port, date, own CAs, command builder) and
// the results, built into a container with createElement and wired to the core. The page
// (app.js) puts one into its <main>, each <cert-inspector> one into its shadow root, so there is
// one implementation of both. Nothing leaves the browser and nothing is kept: no storage, no
// cookies, no URL state.
import { h, renderReport, renderError, renderNotice, reportText } from './render.js';
import { inspect as coreInspect, englishCatalog, ensureCore, INSPECT_TIMEOUT_MS } from './core.js';
import { loadWords, loadCatalog } from './i18n.js';

/** The port choices, in the order shown; their labels are form.ports.<value>. */
const PORTS = ['993', '143', '995', '110', '465', '587', '25', '443', 'other'];
const DEFAULT_PORT = '993';
/** Ports where TLS starts after a plain-text greeting, and the protocol s_client must speak. */
const STARTTLS = { 143: 'imap', 110: 'pop3', 587: 'smtp', 25: 'smtp' };
/** Schemes a provider's support link may use (no javascript:, no data:). */
const SUPPORT_SCHEMES = ['https:', 'http:', 'mailto:'];
const SVG = 'http://www.w3.org/2000/svg';
/**
 * How long an inspection may take before the busy state (Working…, Cancel) shows. Under about
 * 100-200 ms an answer feels immediate (Nielsen's response-time limits), and almost every input
 * is answered in a few milliseconds: a busy state shown for less than this would only flicker.
 */
const BUSY_DELAY_MS = 150;

/** A word to show, resolved when the words are loaded and again when the language changes. */
class Key {
  constructor(key, facts) {
    this.key = key;
    this.facts = facts;
  }
}
const k = (key, facts) => new Key(key, facts);

function asText(bytes) {
  try {
    return bytes.includes(0) ? null : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function base64(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/.{1,64}/g, '$&\n');
}

const read = (files) => Promise.all([...files].map(async (f) => {
  const bytes = new Uint8Array(await f.arrayBuffer());
  return { name: f.name, bytes, text: asText(bytes) };
}));

/** A support link the provider gave, if its scheme is one a link may have. */
export function safeUrl(url, base) {
  if (!url) return null;
  try {
    const u = new URL(url, base);
    return SUPPORT_SCHEMES.includes(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

/** Host names from an attribute: "mail.provider.example, *.provider.example". */
export const hostList = (s) => String(s ?? '').split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

export class Inspector {
  /**
   * Builds the inspector into `container` (an element or a shadow root).
   * options: {
   *   examples: { list() -> examples.json, text(file) -> string } or null,
   *   referenceUrl: (id) -> URL of the findings page, or null,
   *   onReport: (report) -> void, called after each report is shown,
   * }
   */
  constructor(container, options = {}) {
    this.container = container;
    this.options = options;
    this.binds = [];
    this.w = null;
    this.lang = null;
    this.preset = null;
    this.fileData = null;
    this.fileNames = [];
    this.presets = {};
    this.example = null;
    this.exampleText = null;
    this.runs = 0;
    this.stopping = null; // AbortController of the inspection under way
    this.last = null; // what #results shows: { report }, { error, detail, facts } or { notice }
    this.report = null;
    this.build();
    this.wire();
    // Settles once the first words are in (setLang), then with each language change.
    this.ready = new Promise((resolve) => { this.firstWords = resolve; });
  }

  // --- Building

  /** h() that also takes Key values (k('form.host')) for text, attributes and children. */
  hk(tag, props, ...kids) {
    const plain = {};
    const later = [];
    for (const [name, v] of Object.entries(props || {})) {
      if (v instanceof Key) later.push([name, v]);
      else plain[name] = v;
    }
    const el = h(tag, plain, ...kids.flat().map((kid) => (kid instanceof Key ? this.text(kid) : kid)));
    for (const [name, key] of later) {
      this.binds.push((w) => (name === 'text' ? (el.textContent = w.t(key.key, key.facts)) : el.setAttribute(name, w.t(key.key, key.facts))));
    }
    return el;
  }

  /** A text node showing `key` in the current language. */
  text(key) {
    const node = document.createTextNode('');
    this.binds.push((w) => { node.data = w.t(key.key, key.facts); });
    return node;
  }

  build() {
    const x = this.hk.bind(this);
    const el = {};
    const id = (name, node) => { el[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = node; return node; };
    const lock = document.createElementNS(SVG, 'svg');
    for (const [a, v] of Object.entries({ 'aria-hidden': 'true', viewBox: '0 0 16 16', width: '16', height: '16' })) lock.setAttribute(a, v);
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', 'M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z');
    lock.append(path);

    const field = (...kids) => x('div', { class: 'field', part: 'field' }, ...kids);
    const label = (forId, key, cls) => x('label', { for: forId, class: cls, part: 'label' }, k(key));
    const ports = PORTS.map((p) => x('option', { value: p, selected: p === DEFAULT_PORT }, k(`form.ports.${p}`)));

    this.root = x('div', { class: 'cs-root', part: 'root' },
      id('form', x('form', { id: 'form', class: 'panel', part: 'form', novalidate: true, 'aria-labelledby': 'check-h' },
        id('heading', x('h2', { id: 'check-h', class: 'form-heading' }, k('form.heading'))),
        id('examples', x('div', { class: 'examples', role: 'group', 'aria-labelledby': 'ex-label', hidden: true },
          x('span', { id: 'ex-label' }, k('form.examples')))),
        id('example-note', x('p', { id: 'example-note', class: 'note', hidden: true })),
        id('drop', x('div', { id: 'drop', class: 'drop' },
          label('input', 'form.input', 'big'),
          id('input', x('textarea', { id: 'input', rows: 9, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', 'aria-describedby': 'privacy', part: 'input textarea', placeholder: k('form.inputPlaceholder') })),
          x('div', { class: 'filerow' },
            label('files', 'form.upload'),
            id('files', x('input', { type: 'file', id: 'files', multiple: true, accept: '.pem,.crt,.cer,.der,.p7b,.p7c,.txt', part: 'input file' })),
            x('span', { class: 'hint' }, k('form.dropHint'))),
          id('file-status', x('p', { id: 'file-status', class: 'note', role: 'status', hidden: true })))),
        x('p', { id: 'privacy', class: 'privacy', part: 'privacy' }, lock, ' ', k('form.privacy')),
        x('div', { class: 'grid' },
          field(label('host', 'form.host'),
            id('host', x('input', { id: 'host', type: 'text', translate: 'no', inputmode: 'url', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': 'host-hint', part: 'input' })),
            id('host-hint', x('p', { id: 'host-hint', class: 'hint' }))),
          field(label('port', 'form.port'), id('port', x('select', { id: 'port', part: 'input select' }, ports))),
          id('port-other-field', x('div', { class: 'field', part: 'field', id: 'port-other-field', hidden: true },
            label('port-other', 'form.portOther'),
            id('port-other', x('input', { id: 'port-other', type: 'number', min: 1, max: 65535, inputmode: 'numeric', part: 'input' })))),
          field(label('at', 'form.at'),
            id('at', x('input', { id: 'at', type: 'date', 'aria-describedby': 'at-hint', part: 'input' })),
            x('p', { id: 'at-hint', class: 'hint' }, k('form.atHint')))),
        id('trust-box', x('details', { id: 'trust-box', class: 'trust', part: 'trust' },
          x('summary', null, k('form.trust')),
          x('p', { class: 'hint', id: 'trust-hint' }, k('form.trustHint')),
          label('trust', 'form.trustLabel'),
          id('trust', x('textarea', { id: 'trust', rows: 4, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', 'aria-describedby': 'trust-hint', part: 'input textarea' })),
          x('div', { class: 'filerow' },
            label('trust-files', 'form.trustUpload'),
            id('trust-files', x('input', { type: 'file', id: 'trust-files', multiple: true, accept: '.pem,.crt,.cer,.der,.txt', part: 'input file' }))),
          id('only-trusted-row', x('p', { id: 'only-trusted-row', class: 'check', hidden: true },
            id('only-trusted', x('input', { type: 'checkbox', id: 'only-trusted' })),
            label('only-trusted', 'form.onlyTrusted'),
            x('span', { class: 'hint' }, k('form.onlyTrustedHint')))))),
        x('div', { class: 'go' },
          id('inspect', x('button', { type: 'submit', id: 'inspect', class: 'primary', part: 'button primary-button' }, k('form.inspect'))),
          id('status', x('span', { id: 'status', class: 'hint', role: 'status' })),
          id('cancel', x('button', { type: 'button', id: 'cancel', part: 'button cancel-button', hidden: true }, k('app.cancel')))),
        id('fetch', x('details', { class: 'fetch', part: 'command', open: true },
          x('summary', { id: 'cmd-h' }, k('form.commandHeading')),
          x('p', { class: 'hint' }, k('form.commandHint')),
          x('div', { class: 'cmd' },
            id('command', x('code', { id: 'command', translate: 'no' })),
            id('copy-command', x('button', { type: 'button', id: 'copy-command', part: 'button' }, k('form.copy'))),
            x('span', { class: 'copied', role: 'status' })))))),
      id('results', x('section', { id: 'results', class: 'results', part: 'results', 'aria-live': 'polite', 'aria-label': k('form.results') })));
    this.el = el;
    this.container.append(this.root);
  }

  // --- Words

  /** Loads the words for `lang` and shows everything in that language. */
  setLang(lang) {
    if (lang === this.lang) return this.ready;
    this.lang = lang;
    const ready = loadWords(lang).then((w) => {
      if (this.lang !== lang) return undefined;
      this.w = w;
      this.root.lang = w.lang;
      this.root.dir = w.raw('meta.dir') === 'rtl' ? 'rtl' : 'ltr';
      this.localize();
      return this.redraw();
    });
    this.firstWords?.(ready);
    this.firstWords = null;
    this.ready = ready;
    return ready;
  }

  /** Fills every bound word, and the texts made from state (file status, example note, hints). */
  localize() {
    const { w, el } = this;
    if (!w) return;
    for (const bind of this.binds) bind(w);
    const p = this.presetFacts();
    el.host.placeholder = this.preset?.hosts?.[0] || w.t('form.hostPlaceholder');
    el.hostHint.textContent = p && this.preset.hosts.length ? w.t('preset.hostHint', p) : w.t('form.hostHint');
    this.showFileStatus();
    if (this.example) el.exampleNote.textContent = this.exampleNote(this.example);
    for (const b of el.examples.querySelectorAll('button[data-example]')) b.textContent = this.exampleLabel(b.dataset.example);
    this.sync();
  }

  presetFacts() {
    const p = this.preset;
    if (!p || (!p.provider && !p.hosts.length)) return null;
    const provider = p.provider || this.w.t('preset.yourProvider');
    return { provider, hosts: p.hosts.length ? this.w.list(p.hosts, 'or') : this.w.t('preset.anyHost', { provider }) };
  }

  /** Redraws the result shown (a new language, a new preset). */
  async redraw() {
    const last = this.last;
    if (!last || !this.w) return;
    if (last.report) {
      const view = await this.view();
      if (this.last === last) this.paint(last.report, view);
    } else if (last.notice) {
      renderNotice(this.el.results, this.w.t(last.notice));
    } else {
      renderError(this.el.results, this.w, this.w.t(last.error, last.facts), last.detail);
    }
  }

  async view() {
    const catalog = await loadCatalog(this.w.lang, await englishCatalog());
    return { w: this.w, catalog, preset: this.preset, referenceUrl: this.options.referenceUrl ?? null };
  }

  // --- Settings from attributes

  /** A provider's preset: { provider, hosts: [...], supportUrl }; null for none. */
  setPreset(preset) {
    this.preset = preset && (preset.provider || preset.hosts?.length || preset.supportUrl)
      ? { provider: preset.provider || null, hosts: preset.hosts || [], supportUrl: safeUrl(preset.supportUrl, document.baseURI) }
      : null;
    this.localize();
    this.redraw();
  }

  setHost(host) {
    this.el.host.value = host ?? '';
    this.sync();
  }

  setPort(port) {
    const p = port == null || port === '' ? DEFAULT_PORT : String(Number(port));
    if (PORTS.includes(p)) this.el.port.value = p;
    else if (Number.isInteger(Number(p)) && Number(p) > 0 && Number(p) < 65536) {
      this.el.port.value = 'other';
      this.el.portOther.value = p;
    }
    this.sync();
  }

  setCompact(on) {
    this.root.classList.toggle('compact', on);
    this.el.fetch.open = !on;
  }

  // --- Input

  setFileData(data, names = []) {
    this.fileData = data;
    this.fileNames = data ? names : [];
    this.showFileStatus();
  }

  showFileStatus() {
    const { el, w, fileData, fileNames } = this;
    el.fileStatus.hidden = !fileData;
    if (!fileData || !w) {
      el.fileStatus.replaceChildren();
      return;
    }
    const size = w.bytes(fileData.length);
    el.fileStatus.replaceChildren(
      fileNames.length === 1 ? w.t('app.usingFile', { name: fileNames[0], size }) : w.t('app.usingFiles', { n: fileNames.length, size }), ' ',
      h('button', { type: 'button', class: 'link', text: w.t('app.remove'), onclick: () => { this.setFileData(null); el.input.focus(); } }));
  }

  /** New input: clears what an example or an earlier capture put into fields the user left alone. */
  newInput() {
    const { el } = this;
    for (const [name, value] of Object.entries(this.presets)) if (el[name].value === value) el[name].value = name === 'port' ? DEFAULT_PORT : '';
    this.presets = {};
    this.example = null;
    el.exampleNote.hidden = true;
    this.sync();
  }

  /**
   * Makes one input of several files: text files joined with newlines; binary files (one or
   * several DER files, which may follow each other) as bytes; binary files among text files
   * as bare base64 lines, which the core reads as DER.
   */
  async takeFiles(files) {
    if (!files?.length) return;
    const parts = await read(files);
    this.newInput();
    if (parts.every((p) => p.text == null)) {
      const all = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
      parts.reduce((at, p) => (all.set(p.bytes, at), at + p.bytes.length), 0);
      this.el.input.value = '';
      this.setFileData(all, parts.map((p) => p.name));
    } else {
      this.setFileData(null);
      this.el.input.value = parts.map((p) => p.text ?? base64(p.bytes)).join('\n');
    }
    this.run().catch(() => {});
  }

  /** CA files as PEM text (the core takes trusted CAs as text): DER gets PEM armour. */
  async takeTrustFiles(files) {
    const texts = (await read(files)).map((p) => p.text ?? `-----BEGIN CERTIFICATE-----\n${base64(p.bytes)}-----END CERTIFICATE-----\n`);
    this.el.trust.value = [this.el.trust.value.trim(), ...texts].filter(Boolean).join('\n');
    this.sync();
    if (this.el.input.value.trim() || this.fileData) this.run().catch(() => {});
  }

  port() {
    const { el } = this;
    const n = Number(el.port.value === 'other' ? el.portOther.value : el.port.value);
    return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
  }

  formOptions() {
    const { el } = this;
    const host = el.host.value.trim();
    const trust = el.trust.value.trim();
    const port = this.port();
    return {
      ...(host && { host }),
      ...(port && { port }),
      ...(el.at.value && { at: el.at.value }),
      ...(trust && { trust: [trust], onlyTrustedRoots: el.onlyTrusted.checked }),
    };
  }

  /** Keeps dependent parts in step: the other-port box, the only-these-CAs box, the command. */
  sync() {
    const { el } = this;
    el.portOtherField.hidden = el.port.value !== 'other';
    el.onlyTrustedRow.hidden = !el.trust.value.trim();
    if (this.w) el.command.textContent = this.command();
  }

  /** The s_client command that prints the chain the server sends, for the host and port chosen. */
  command() {
    let host = this.el.host.value.trim();
    try {
      // The URL parser gives the A-label of an international name, which openssl needs.
      if (host) host = new URL(`https://${/:.*:/.test(host) && host[0] !== '[' ? `[${host}]` : host}/`).hostname;
    } catch {
      host = '';
    }
    if (!/^[\w.:[\]-]+$/.test(host)) host = this.w.t('form.hostToken');
    const p = this.port() || 443;
    // SNI carries names only, so an IP address gets no -servername.
    const ip = host[0] === '[' || /^[\d.]+$/.test(host);
    return ['openssl s_client -connect', `${host}:${p}`, !ip && `-servername ${host}`, '-showcerts', STARTTLS[p] && `-starttls ${STARTTLS[p]}`]
      .filter(Boolean).join(' ');
  }

  // --- Inspecting

  show(paint) {
    this.report = null;
    paint();
    this.idle();
  }

  /** Ends the busy state; focus on the vanishing Cancel button moves to Inspect. */
  idle() {
    const { el } = this;
    const focused = el.cancel.matches(':focus');
    el.status.textContent = '';
    el.cancel.hidden = true;
    el.results.removeAttribute('aria-busy');
    if (focused) el.inspect.focus();
  }

  /**
   * The busy state, for an answer slow to come: Working… (a status), Cancel, the old result
   * dimmed. Cancel works whenever it can be pressed: on the main thread (no worker) that is only
   * while the core loads, which a cancel ends; the analysis there holds the thread, so no click
   * is handled, and nothing paints, until it is over.
   */
  showBusy(run) {
    if (run !== this.runs || !this.w) return;
    const { el } = this;
    el.results.setAttribute('aria-busy', 'true');
    el.status.textContent = this.w.t('app.busy');
    el.cancel.hidden = false;
  }

  showError(key, detail, facts) {
    this.last = { error: key, detail, facts };
    this.show(() => renderError(this.el.results, this.w, this.w.t(key, facts), detail));
  }

  showNotice(key) {
    this.last = { notice: key };
    this.show(() => renderNotice(this.el.results, this.w.t(key)));
  }

  /** Stops the inspection under way (core.js ends its worker, or drops it if still waiting); the form keeps its input. */
  cancel() {
    this.stopping?.abort();
  }

  paint(report, view) {
    const { el } = this;
    renderReport(el.results, report, view);
    this.report = report;
    el.results.querySelector('#report-actions').append(
      h('button', { type: 'button', part: 'button', text: this.w.t('app.copyReport'), onclick: (e) => this.copy(reportText(report, view), e.currentTarget) }),
      h('button', { type: 'button', part: 'button', text: this.w.t('app.download'), onclick: () => this.download(report) }),
      h('span', { class: 'copied', role: 'status' }));
  }

  /**
   * Inspects what the form holds (or `override` options on top of it) and shows the result.
   * Resolves to the report; rejects when there is none (the error is shown too).
   */
  async run({ focus = false, override = {} } = {}) {
    const run = ++this.runs;
    const { el } = this;
    const input = this.fileData ?? el.input.value;
    const opts = { ...this.formOptions(), ...override };
    // A new inspection replaces one still under way, whose answer would only be thrown away.
    this.stopping?.abort();
    const stopping = new AbortController();
    this.stopping = stopping;
    await this.ready;
    const busy = setTimeout(() => this.showBusy(run), BUSY_DELAY_MS);
    let result;
    try {
      result = await coreInspect(input, opts, { signal: stopping.signal });
    } catch (e) {
      if (run === this.runs) {
        if (e?.kind === 'cancelled') this.showNotice('app.cancelled');
        else if (e?.kind === 'timeout') this.showError('report.error.timeout', e.message, { n: Math.round((e.limitMs ?? INSPECT_TIMEOUT_MS) / 1000) });
        else this.showError(e?.kind === 'crash' ? 'report.error.crash' : 'report.error.load', e?.message);
      }
      throw e;
    } finally {
      clearTimeout(busy);
      if (this.stopping === stopping) this.stopping = null;
    }
    if (result?.type !== 'ok') {
      if (run === this.runs) this.showError('report.error.failed', result?.error ?? '');
      throw new Error(result?.error || 'the options could not be read');
    }
    const { report } = result;
    const view = await this.view();
    if (run !== this.runs) return report;
    const c = report.context || {};
    if (c.host_from_capture && c.host && !el.host.value.trim()) {
      el.host.value = this.presets.host = c.host;
      this.sync();
    }
    this.last = { report };
    this.show(() => this.paint(report, view));
    if (focus) el.results.querySelector('#verdict')?.focus();
    this.options.onReport?.(report);
    return report;
  }

  /**
   * The API's inspect: shows `input` (text or bytes) in the form, applies `options` (host, port,
   * at, trust, onlyTrustedRoots) to the fields, and inspects.
   */
  inspect(input, options = {}) {
    const { el } = this;
    this.newInput();
    if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
      el.input.value = '';
      this.setFileData(new Uint8Array(input), ['input']);
    } else {
      this.setFileData(null);
      el.input.value = input == null ? '' : String(input);
    }
    const override = {};
    if (options.host != null) el.host.value = String(options.host);
    if (options.port != null) this.setPort(options.port);
    if (options.at != null) {
      if (/^\d{4}-\d\d-\d\d$/.test(String(options.at))) el.at.value = options.at;
      else override.at = options.at;
    }
    if (options.trust != null) el.trust.value = [].concat(options.trust).join('\n');
    if (options.onlyTrustedRoots != null) el.onlyTrusted.checked = !!options.onlyTrustedRoots;
    if (options.profile != null) override.profile = options.profile;
    this.sync();
    return this.run({ override });
  }

  download(report) {
    const url = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
    const a = h('a', { href: url, download: 'certscope-report.json', hidden: true });
    this.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async copy(text, button) {
    const out = button.parentElement.querySelector('.copied');
    try {
      await navigator.clipboard.writeText(text);
      out.textContent = this.w.t('app.copied');
    } catch {
      out.textContent = this.w.t('app.copyFailed');
    }
  }

  // --- Examples: fixed inputs with their host, date and root, so their verdicts never change.

  exampleLabel(name) {
    const ex = this.examplesData?.examples?.find((e) => e.name === name);
    const own = this.w?.raw(`examples.${name}.label`);
    return typeof own === 'string' ? own : ex?.label ?? name;
  }

  exampleNote(ex) {
    const own = this.w.raw(`examples.${ex.name}.description`);
    return this.w.t('app.example', { ...ex, description: typeof own === 'string' ? own : ex.description, at: this.w.date(ex.at) });
  }

  /** Shows the example buttons (the page has examples; the element does not). */
  async loadExamples() {
    const source = this.options.examples;
    if (!source) return;
    this.examplesData = await source.list();
    const { el } = this;
    el.examples.append(...this.examplesData.examples.map((ex) => h('button', { type: 'button', 'data-example': ex.name, part: 'button', text: this.exampleLabel(ex.name), onclick: () => this.showExample(ex.name) })));
    el.examples.hidden = false;
  }

  async showExample(name) {
    const { el } = this;
    let ex;
    try {
      const all = this.examplesData;
      ex = all.examples.find((e) => e.name === name);
      this.exampleText = el.input.value = await this.options.examples.text(ex.file);
      this.setFileData(null);
      this.presets = { host: ex.host, port: String(ex.port), at: ex.at, trust: all.root };
      for (const [field, v] of Object.entries(this.presets)) el[field].value = v;
      el.onlyTrusted.checked = false;
      await this.ready;
    } catch (e) {
      await this.ready;
      this.showError('app.exampleFailed', e?.message);
      return;
    }
    this.example = ex;
    el.exampleNote.textContent = this.exampleNote(ex);
    el.exampleNote.hidden = false;
    this.sync();
    await this.run({ focus: true }).catch(() => {});
  }

  // --- Wiring

  wire() {
    const { el } = this;
    el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.run({ focus: true }).catch(() => {});
    });
    el.input.addEventListener('paste', (e) => {
      // Pasting into an untouched example replaces it instead of adding to it.
      const text = e.clipboardData?.getData('text');
      if (this.exampleText != null && el.input.value === this.exampleText && text) {
        e.preventDefault();
        el.input.value = text;
      }
      this.exampleText = null;
      this.setFileData(null);
      this.newInput();
      // Inspect once the pasted text has landed in the box.
      setTimeout(() => this.run().catch(() => {}), 0);
    });
    el.input.addEventListener('input', () => this.fileData && this.setFileData(null));
    el.files.addEventListener('change', () => this.takeFiles(el.files.files).finally(() => { el.files.value = ''; }));
    el.trustFiles.addEventListener('change', () => this.takeTrustFiles(el.trustFiles.files).finally(() => { el.trustFiles.value = ''; }));
    for (const f of [el.host, el.port, el.portOther, el.trust]) f.addEventListener('input', () => this.sync());
    el.port.addEventListener('change', () => this.sync());

    // A file dropped on the inspector beside the drop zone must not make the browser leave the page.
    for (const type of ['dragover', 'drop']) this.root.addEventListener(type, (e) => e.preventDefault());
    el.drop.addEventListener('dragover', () => el.drop.classList.add('over'));
    el.drop.addEventListener('dragleave', (e) => el.drop.contains(e.relatedTarget) || el.drop.classList.remove('over'));
    el.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      el.drop.classList.remove('over');
      const dt = e.dataTransfer;
      if (dt?.files?.length) {
        this.takeFiles(dt.files);
      } else if (dt?.getData('text')) {
        this.setFileData(null);
        this.newInput();
        el.input.value = dt.getData('text');
        this.run().catch(() => {});
      }
    });
    el.copyCommand.addEventListener('click', () => this.copy(el.command.textContent, el.copyCommand));
    el.cancel.addEventListener('click', () => this.cancel());
    this.sync();
  }

  /** Loads the core ahead of the first inspection; a failure shows at once and Inspect retries. */
  preload() {
    ensureCore().catch(async (e) => {
      await this.ready;
      if (!this.last?.report) this.showError('report.error.load', e?.message);
    });
  }
}

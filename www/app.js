// The page: reads what the user gives, runs the WebAssembly core on it, shows the report.
// Nothing leaves the browser and nothing is kept: no storage, no cookies, no URL state.
import { S, h, fill, renderReport, renderError, reportText } from './render.js';

// Words this module writes (render.js has the report's).
const W = {
  busy: 'Checking…',
  copied: 'Copied.',
  copyFailed: 'Copying failed: select the text and copy it by hand.',
  usingFile: 'Using {name} ({size} bytes).',
  usingFiles: 'Using {n} files ({size} bytes).',
  remove: 'Remove',
  example: 'Example: {description} Checked for {host} on {at}, trusting the example root CA (under “Trusted CA certificates”).',
  exampleFailed: 'The example could not be loaded.',
  copyReport: 'Copy report',
  download: 'Download JSON',
  host: 'HOST',
};

// Ports where TLS starts after a plain-text greeting, and the protocol s_client must speak.
const STARTTLS = { 143: 'imap', 110: 'pop3', 587: 'smtp', 25: 'smtp' };

const $ = (id) => document.getElementById(id);
const el = Object.fromEntries(['form', 'input', 'files', 'drop', 'file-status', 'host', 'port', 'port-other', 'port-other-field',
  'at', 'trust', 'trust-files', 'only-trusted', 'only-trusted-row', 'command', 'copy-command', 'results', 'status', 'example-note']
  .map((id) => [id.replace(/-(\w)/g, (_, c) => c.toUpperCase()), $(id)]));

// --- The WebAssembly module

let core = null; // glue module of a live instance
let compiled = null; // Promise<WebAssembly.Module>: fetched and compiled once
let generation = 0;
let catalog = null;

/**
 * Loads the core. wasm-bindgen's init() keeps its first instance forever, and an instance that
 * trapped (a Rust panic) is unusable, so each load imports the glue under a new specifier (a
 * URL fragment: same file and cache entry, new module record) and instantiates the compiled
 * module afresh.
 */
let loading = null;
const ensureCore = () => (core ? Promise.resolve() : (loading ??= loadCore().finally(() => { loading = null; })));

async function loadCore() {
  compiled ??= fetch(new URL('./pkg/certscope_bg.wasm', import.meta.url))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${r.url}`))))
    .then((bytes) => WebAssembly.compile(bytes));
  try {
    const module = await compiled;
    generation += 1;
    const glue = await import(generation === 1 ? './pkg/certscope.js' : `./pkg/certscope.js#${generation}`);
    await glue.default({ module_or_path: module });
    catalog ??= glue.catalog();
    core = glue;
  } catch (e) {
    compiled = null;
    throw e;
  }
}

// --- Input

let fileData = null; // bytes of uploaded binary files, inspected instead of the text box
let presets = {}; // field values an example or a capture set; cleared when new input arrives

function setFileData(data, names = []) {
  fileData = data;
  el.fileStatus.hidden = !data;
  el.fileStatus.replaceChildren(...(data ? [
    fill(names.length === 1 ? W.usingFile : W.usingFiles, { name: names[0], n: names.length, size: data.length.toLocaleString('en') }), ' ',
    h('button', { type: 'button', class: 'link', text: W.remove, onclick: () => { setFileData(null); el.input.focus(); } })] : []));
}

/** New input: clears what an example or an earlier capture put into fields the user left alone. */
function newInput() {
  for (const [id, value] of Object.entries(presets)) if (el[id].value === value) el[id].value = id === 'port' ? '993' : '';
  presets = {};
  el.exampleNote.hidden = true;
  sync();
}

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

/**
 * Makes one input of several files: text files joined with newlines; binary files (one or
 * several DER files, which may follow each other) as bytes; binary files among text files
 * as bare base64 lines, which the core reads as DER.
 */
async function takeFiles(files) {
  if (!files?.length) return;
  const parts = await read(files);
  newInput();
  if (parts.every((p) => p.text == null)) {
    const all = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
    parts.reduce((at, p) => (all.set(p.bytes, at), at + p.bytes.length), 0);
    el.input.value = '';
    setFileData(all, parts.map((p) => p.name));
  } else {
    setFileData(null);
    el.input.value = parts.map((p) => p.text ?? base64(p.bytes)).join('\n');
  }
  inspect();
}

/** CA files as PEM text (the core takes trusted CAs as text): DER gets PEM armour. */
async function takeTrustFiles(files) {
  const texts = (await read(files)).map((p) => p.text ?? `-----BEGIN CERTIFICATE-----\n${base64(p.bytes)}-----END CERTIFICATE-----\n`);
  el.trust.value = [el.trust.value.trim(), ...texts].filter(Boolean).join('\n');
  sync();
  if (el.input.value.trim() || fileData) inspect();
}

function port() {
  const n = Number(el.port.value === 'other' ? el.portOther.value : el.port.value);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

function options() {
  const host = el.host.value.trim();
  const trust = el.trust.value.trim();
  return {
    ...(host && { host }),
    ...(port() && { port: port() }),
    ...(el.at.value && { at: el.at.value }),
    ...(trust && { trust: [trust], onlyTrustedRoots: el.onlyTrusted.checked }),
  };
}

/** Keeps dependent parts in step: the other-port box, the only-these-CAs box, the command. */
function sync() {
  el.portOtherField.hidden = el.port.value !== 'other';
  el.onlyTrustedRow.hidden = !el.trust.value.trim();
  el.command.textContent = command();
}

/** The s_client command that prints the chain the server sends, for the host and port chosen. */
function command() {
  let host = el.host.value.trim();
  try {
    // The URL parser gives the A-label of an international name, which openssl needs.
    if (host) host = new URL(`https://${/:.*:/.test(host) && host[0] !== '[' ? `[${host}]` : host}/`).hostname;
  } catch {
    host = '';
  }
  if (!/^[\w.:[\]-]+$/.test(host)) host = W.host;
  const p = port() || 443;
  // SNI carries names only, so an IP address gets no -servername.
  const ip = host[0] === '[' || /^[\d.]+$/.test(host);
  return ['openssl s_client -connect', `${host}:${p}`, !ip && `-servername ${host}`, '-showcerts', STARTTLS[p] && `-starttls ${STARTTLS[p]}`]
    .filter(Boolean).join(' ');
}

// --- Inspecting

let runs = 0;
let lastReport = null;

function show(paint) {
  lastReport = null;
  paint();
  el.status.textContent = '';
  el.results.removeAttribute('aria-busy');
}

async function inspect({ focus = false } = {}) {
  const run = ++runs;
  const input = fileData ?? el.input.value;
  const opts = options();
  el.status.textContent = W.busy;
  el.results.setAttribute('aria-busy', 'true');
  let result;
  try {
    await ensureCore();
  } catch (e) {
    if (run === runs) show(() => renderError(el.results, S.error.load, e?.message));
    return;
  }
  try {
    result = core.inspect(input, opts);
  } catch (e) {
    // A panic traps the instance; the next inspection makes a fresh one.
    core = null;
    if (run === runs) show(() => renderError(el.results, S.error.crash, e?.message));
    return;
  }
  if (run !== runs) return;
  if (result?.type !== 'ok') {
    show(() => renderError(el.results, fill(S.error.failed, { error: result?.error ?? '' })));
    return;
  }
  const report = result.report;
  const c = report.context || {};
  if (c.host_from_capture && c.host && !el.host.value.trim()) {
    el.host.value = presets.host = c.host;
    sync();
  }
  show(() => {
    lastReport = report;
    renderReport(el.results, report, catalog);
    $('report-actions').append(
      h('button', { type: 'button', text: W.copyReport, onclick: (e) => copy(reportText(report, catalog), e.currentTarget) }),
      h('button', { type: 'button', text: W.download, onclick: download }),
      h('span', { class: 'copied', role: 'status' }));
    if (focus) $('verdict').focus();
  });
}

function download() {
  if (!lastReport) return;
  const url = URL.createObjectURL(new Blob([JSON.stringify(lastReport, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: 'certscope-report.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function copy(text, button) {
  const out = button.parentElement.querySelector('.copied');
  try {
    await navigator.clipboard.writeText(text);
    out.textContent = W.copied;
  } catch {
    out.textContent = W.copyFailed;
  }
}

// --- Examples: fixed inputs with their host, date and root, so their verdicts never change.

let examples = null;
let exampleText = null;

async function example(name) {
  try {
    examples ??= await fetch('examples/examples.json').then((r) => r.json());
    const ex = examples.examples.find((e) => e.name === name);
    const r = await fetch(`examples/${ex.file}`);
    if (!r.ok) throw new Error(`${r.status} ${r.url}`);
    exampleText = el.input.value = await r.text();
    setFileData(null);
    presets = { host: ex.host, port: String(ex.port), at: ex.at, trust: examples.root };
    for (const [id, v] of Object.entries(presets)) el[id].value = v;
    el.onlyTrusted.checked = false;
    el.exampleNote.textContent = fill(W.example, ex);
    el.exampleNote.hidden = false;
    sync();
    inspect({ focus: true });
  } catch (e) {
    renderError(el.results, W.exampleFailed, e?.message);
  }
}

// --- Wiring

el.form.addEventListener('submit', (e) => {
  e.preventDefault();
  inspect({ focus: true });
});
el.input.addEventListener('paste', (e) => {
  // Pasting into an untouched example replaces it instead of adding to it.
  const text = e.clipboardData?.getData('text');
  if (exampleText != null && el.input.value === exampleText && text) {
    e.preventDefault();
    el.input.value = text;
  }
  exampleText = null;
  setFileData(null);
  newInput();
  // Inspect once the pasted text has landed in the box.
  setTimeout(inspect, 0);
});
el.input.addEventListener('input', () => fileData && setFileData(null));
el.files.addEventListener('change', () => takeFiles(el.files.files).finally(() => { el.files.value = ''; }));
el.trustFiles.addEventListener('change', () => takeTrustFiles(el.trustFiles.files).finally(() => { el.trustFiles.value = ''; }));
for (const f of [el.host, el.port, el.portOther, el.trust]) f.addEventListener('input', sync);

// A file dropped beside the drop zone must not make the browser leave the page.
for (const type of ['dragover', 'drop']) document.addEventListener(type, (e) => e.preventDefault());
el.drop.addEventListener('dragover', () => el.drop.classList.add('over'));
el.drop.addEventListener('dragleave', (e) => el.drop.contains(e.relatedTarget) || el.drop.classList.remove('over'));
el.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  el.drop.classList.remove('over');
  const dt = e.dataTransfer;
  if (dt?.files?.length) {
    takeFiles(dt.files);
  } else if (dt?.getData('text')) {
    setFileData(null);
    newInput();
    el.input.value = dt.getData('text');
    inspect();
  }
});

for (const b of document.querySelectorAll('[data-example]')) b.addEventListener('click', () => example(b.dataset.example));
el.copyCommand.addEventListener('click', () => copy(el.command.textContent, el.copyCommand));

sync();
// Load now so the first inspection is quick; a failure shows at once and Inspect retries.
ensureCore().catch((e) => renderError(el.results, S.error.load, e?.message));

#!/usr/bin/env node
// Writes the single-file offline build: www/index.html with its CSS, its JavaScript (every module
// and the wasm-bindgen glue), the wasm (base64, handed to init as bytes), the locale bundles and
// the examples inlined, for machines with no network and for handing to someone by email. It
// works opened from disk (file://): it loads nothing, and its Content-Security-Policy says so
// (connect-src 'none'; its one script and one style allowed by hash).
//
// The core runs in a worker here too (www/worker.js and the glue, bundled into a string the page
// turns into a Blob: a file cannot start a worker from another file). A classic worker, not a
// module worker: Chromium refuses a module worker from a blob: URL of a file:// page (its
// origin is opaque, and module scripts are fetched with CORS). So the policy has
// `worker-src blob:`. That opens nothing an injection could use: a blob: URL can only be made by
// script already running in the page, which the hash allows for this file's own script alone;
// and a worker made from a blob: URL inherits this policy, so it cannot fetch anything either.
// Where the worker still cannot start, core.js runs the core on the main thread (its fallback).
//
//   node scripts/make-single-file.mjs [OUT]    (default www/certscope-offline.html)
//
// Needs the built page (./build.sh build: www/pkg/). Runs scripts/make-locales.mjs first.
//
// The bundling is deliberately small: our modules are plain ES modules whose imports and
// exports are single lines of the forms handled below; anything else stops the build with the
// line, rather than producing a file that fails on someone's machine later.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(repo, 'www');
const out = resolve(process.argv[2] || join(www, 'certscope-offline.html'));
/** The page's entry module and the module the offline build replaces with inlined data. */
const ENTRY = 'app.js';
const SOURCES = 'sources.js';
const GLUE = 'pkg/certscope.js';
/** The worker's module (it imports the glue). */
const WORKER = 'worker.js';
const WASM = 'pkg/certscope_bg.wasm';

const read = (p) => readFileSync(join(www, p), 'utf8');
const fail = (msg) => {
  throw new Error(msg);
};

// ---------------------------------------------------------------------------------------------
// Modules

const ident = (file) => `__m_${file.replace(/[^A-Za-z0-9]/g, '_')}`;

/** `a, b as c` -> [["a", "a"], ["b", "c"]] (imported name, local name). */
const names = (list) => list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
  const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
  if (!m) fail(`cannot read the import/export list entry "${s}"`);
  return [m[1], m[2] || m[1]];
});

/**
 * One module as a function body that returns its exports, with its static imports taken from
 * the modules bundled before it. Returns { deps, code }.
 */
function transform(file, source, replace = {}) {
  const deps = [];
  const exports = [];
  const lines = source.split('\n').map((line, i) => {
    const where = `${file}:${i + 1}`;
    let m;
    if ((m = /^import \{([^}]*)\} from '(\.\/[^']+)';\s*$/.exec(line))) {
      const dep = replace[m[2]] ?? join(dirname(file), m[2]).split('\\').join('/');
      deps.push(dep);
      return `const { ${names(m[1]).map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = ${ident(dep)};`;
    }
    if ((m = /^export (?:async )?function\*? ?([\w$]+)/.exec(line)) || (m = /^export (?:const|let|class) ([\w$]+)/.exec(line))) {
      exports.push([m[1], m[1]]);
      return line.replace(/^export /, '');
    }
    if ((m = /^export \{([^}]*)\};?\s*$/.exec(line))) {
      exports.push(...names(m[1]));
      return '';
    }
    if ((m = /^export default ([\w$]+);\s*$/.exec(line))) {
      exports.push([m[1], 'default']);
      return '';
    }
    if (/^\s*(import|export)\b(?!\()/.test(line) && !/^\s*import\.meta/.test(line)) fail(`${where}: an import or export the single-file build cannot bundle: ${line.trim()}`);
    return line;
  });
  const ret = exports.map(([local, name]) => (local === name ? local : `${name}: ${local}`)).join(', ');
  return { deps, code: `${lines.join('\n')}\nreturn { ${ret} };` };
}

/** The modules `entry` needs, dependencies first, each as `const __m_x = (() => { ... })();`. */
function bundle(entry, replacements) {
  const done = new Map();
  const visit = (file, stack = []) => {
    if (done.has(file)) return;
    if (stack.includes(file)) fail(`an import cycle: ${[...stack, file].join(' -> ')}`);
    const source = replacements[file] ?? read(file);
    const t = transform(file, source, {});
    for (const d of t.deps) visit(d, [...stack, file]);
    done.set(file, `// ---- ${file}\nconst ${ident(file)} = (() => {\n${t.code}\n})();`);
  };
  visit(entry);
  return [...done.values()].join('\n\n');
}

/** The wasm-bindgen glue as a factory: each call is a fresh module state, as core.js wants after a trap. */
function glueFactory() {
  const source = read(GLUE);
  if (/^import\b/m.test(source)) fail(`${GLUE} imports other modules: the single-file build expects a self-contained glue (wasm-bindgen --target web)`);
  const t = transform(GLUE, source);
  for (const name of ['inspect', 'catalog', 'default']) if (!new RegExp(`\\b${name}\\b`).test(t.code.split('\n').at(-1))) fail(`${GLUE} does not export ${name}`);
  return `// ---- ${GLUE} (wasm-bindgen), one module state per call\nconst __glue = () => {\n${t.code}\n};`;
}

/** JSON for a <script> body: no "<" at all, so no "</script>" or "<!--" can appear. */
const scriptJson = (v) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function offlineSources(worker) {
  const manifest = JSON.parse(read('locales/index.json'));
  const locales = { 'index.json': manifest };
  for (const lang of manifest.languages) locales[`${lang}.json`] = JSON.parse(read(`locales/${lang}.json`));
  for (const lang of manifest.catalogs) locales[`catalog-${lang}.json`] = JSON.parse(read(`locales/catalog-${lang}.json`));
  const examples = JSON.parse(read('examples/examples.json'));
  const files = Object.fromEntries(examples.examples.map((e) => [e.file, read(`examples/${e.file}`)]));
  const wasm = readFileSync(join(www, WASM));
  new WebAssembly.Module(wasm); // fails here, not on someone's machine, if the wasm does not compile
  return `// The single-file build's stand-in for sources.js: everything inlined, nothing fetched.
import { configureCore } from './core.js';
import { configureLocales } from './i18n.js';

const LOCALES = ${scriptJson(locales)};
const EXAMPLES = ${scriptJson(examples)};
const EXAMPLE_FILES = ${scriptJson(files)};
const WASM_BASE64 = '${wasm.toString('base64')}';
/** worker.js and the glue, bundled: the source of the (classic) worker the core runs in. */
const WORKER_SOURCE = ${scriptJson(worker)};

function wasmBytes() {
  const bin = atob(WASM_BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

let workerUrl = null;
configureCore({
  glue: async () => __glue(),
  wasm: async () => wasmBytes(),
  worker: () => {
    workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    return new Worker(workerUrl);
  },
});
configureLocales(async (name) => {
  if (!Object.hasOwn(LOCALES, name)) throw new Error(\`no locale file \${name} in this file\`);
  return structuredClone(LOCALES[name]);
});

export const examples = {
  list: async () => structuredClone(EXAMPLES),
  text: async (file) => EXAMPLE_FILES[file] ?? Promise.reject(new Error(\`no example \${file}\`)),
};
/** No reference page beside a single file. */
export const referenceUrl = null;
`;
}

/**
 * The worker's bundle as a classic script: the glue's one `import.meta.url` (the default place
 * of the wasm, unused: the worker is given the compiled module) becomes the worker's own URL.
 */
function classicWorker(js) {
  const out = js.replace(/\bimport\.meta\.url\b/g, 'self.location.href');
  const left = /\bimport\s*(\.\s*meta|\()/.exec(out);
  if (left) fail(`the worker's bundle still holds "${left[0]}", which a classic worker cannot run`);
  return `${out}\n`;
}

// ---------------------------------------------------------------------------------------------
// The page

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Replaces exactly one occurrence of `from` (a string or a regexp) in `html`, or stops. */
function once(html, from, to, what) {
  const n = typeof from === 'string' ? html.split(from).length - 1 : (html.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`)) || []).length;
  if (n !== 1) fail(`www/index.html: expected one ${what}, found ${n}`);
  return html.replace(from, () => to);
}

function main() {
  for (const f of [GLUE, WASM, WORKER, 'index.html', 'examples/examples.json']) {
    if (!existsSync(join(www, f))) fail(`www/${f} is missing: run ./build.sh build first`);
  }
  execFileSync(process.execPath, [join(repo, 'scripts', 'make-locales.mjs')], { stdio: 'inherit' });

  const worker = classicWorker(bundle(WORKER, {}));
  const sources = offlineSources(worker);
  const js = `${glueFactory()}\n\n${bundle(ENTRY, { [SOURCES]: sources })}\n`;
  // An inline script ends at the first "</script"; "<!--" and "<script" change how it is parsed.
  const bad = /<\/script|<!--|<script/i.exec(js);
  if (bad) fail(`the bundle holds "${bad[0]}" at ${bad.index}: it cannot be inlined`);
  const css = `${read('style.css')}\n${read('inspector.css')}`;
  if (/<\/style/i.test(css)) fail('the CSS holds "</style"');

  const csp = ["default-src 'none'", `script-src ${sha256(js)} 'wasm-unsafe-eval'`, 'worker-src blob:', `style-src ${sha256(css)}`,
    'img-src data:', "connect-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');
  let html = read('index.html');
  html = once(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP meta tag');
  html = once(html, /<link rel="stylesheet" href="style\.css">\n<link rel="stylesheet" href="inspector\.css">/, `<style>${css}</style>`, 'pair of stylesheet links');
  html = once(html, '<script type="module" src="app.js"></script>', `<script type="module">${js}</script>`, 'app.js script tag');
  // Links to files beside the page (the findings reference) go nowhere from a single file.
  html = html.replace(/ *<a [^>]*\bdata-served-only\b[^>]*>[^<]*<\/a>/g, '');
  html = once(html, '<html lang="en">', `<html lang="en">\n<!-- certscope, single-file offline build: written by scripts/make-single-file.mjs from www/; do not edit. -->`, '<html> tag');
  // Nothing may point at a file: every src and href is inline, a fragment or a data: URL.
  const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !/^(#|data:)/.test(u));
  if (refs.length) fail(`the single file still refers to files: ${refs.join(' ')}`);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  console.log(`make-single-file: wrote ${relative(process.cwd(), out) || out} (${(html.length / 1024).toFixed(0)} KiB; JS ${(js.length / 1024).toFixed(0)} KiB of which the wasm as base64 ${(readFileSync(join(www, WASM)).length * 4 / 3 / 1024).toFixed(0)} KiB)`);
}

try {
  main();
} catch (e) {
  console.error(`make-single-file: ${e.message}`);
  process.exitCode = 1;
}

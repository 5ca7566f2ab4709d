// certscope as a library: the WebAssembly core with its loading handled (compiled once, a fresh
// instance after a trap), the explanations in every language, and the renderer the page uses.
//
//   import { inspect, catalog } from 'certscope';
//   const result = await inspect(pem, { host: 'mail.example.com', port: 993 });
//   if (result.type === 'ok') console.log(result.report.verdict, result.report.findings.map((f) => f.id));
import { inspect as coreInspect, englishCatalog, configureCore } from './core.js';
import { languages, loadWords, loadCatalog, configureLocales } from './i18n.js';
import { renderReport as paint, reportText as text, verdictSentence as sentence } from './render.js';
import { safeUrl } from './inspector.js';

export { CoreError } from './core.js';
export { languages };

/**
 * Where the wasm and the locale files come from, when not from beside this module:
 * `{ wasm: () => bytes | WebAssembly.Module, locales: (name) => object }`.
 */
export function configure({ wasm, locales } = {}) {
  if (wasm) configureCore({ wasm });
  if (locales) configureLocales(locales);
}

/**
 * Inspects a paste (string) or a file (bytes) in the core's worker. Resolves to
 * `{type: "ok", report}` or `{type: "failed", error}`; never rejects for a bad certificate, only
 * with a CoreError when the core cannot load, traps, runs past its time limit, or `signal` (an
 * AbortSignal) cancels it, at any point before the answer: while the wasm loads, while a worker
 * starts, while it works (the next call uses a fresh worker).
 */
export const inspect = (input, options, { signal } = {}) => coreInspect(input, options, { signal });

/** The explanation catalog in `lang` (English under any entry it lacks). */
export async function catalog(lang = 'en') {
  return loadCatalog(lang, await englishCatalog());
}

async function view(lang = 'en', preset = null) {
  const w = await loadWords(lang);
  const p = preset && { provider: preset.provider || null, hosts: preset.hosts || [], supportUrl: safeUrl(preset.supportUrl, globalThis.location?.href) };
  return { w, catalog: await loadCatalog(w.lang, await englishCatalog()), preset: p, referenceUrl: null };
}

/** Renders a report into `root` as the page does (use inspector.css for its look). */
export async function renderReport(root, report, { lang, preset } = {}) {
  paint(root, report, await view(lang, preset));
}

/** The report as plain text for a support ticket, in `lang`. */
export async function reportText(report, { lang } = {}) {
  return text(report, await view(lang));
}

/** The one-sentence verdict, in `lang`. */
export async function verdictSentence(report, { lang } = {}) {
  return sentence(report, await view(lang));
}

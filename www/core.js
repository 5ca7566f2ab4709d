// The WebAssembly core, shared by every inspector on a page: fetched and compiled once,
// instantiated again after a trap. Nothing here knows about certificates; it only loads the
// module and calls it.

/** Why an inspection has no result: the core could not load, or it trapped (a Rust panic). */
export class CoreError extends Error {
  constructor(kind, cause) {
    super(cause?.message || String(cause ?? kind));
    this.name = 'CoreError';
    this.kind = kind; // "load" | "crash"
  }
}

let generation = 0;
let source = {
  /** The wasm-bindgen glue module, a new module record for each generation. */
  glue: (n) => import(n === 1 ? './pkg/certscope.js' : `./pkg/certscope.js#${n}`),
  /** The wasm module's bytes. */
  wasm: () => fetch(new URL('./pkg/certscope_bg.wasm', import.meta.url))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${r.url}`)))),
};

/**
 * Replaces where the glue and the wasm come from: `{ glue(n) -> module, wasm() -> bytes }`.
 * The single-file build passes the inlined glue and bytes; a package user may pass `wasm` to
 * load the module from a CDN path of their own.
 */
export function configureCore(s) {
  source = { ...source, ...s };
}

let core = null; // glue module of a live instance
let compiled = null; // Promise<WebAssembly.Module>
let loading = null;
let english = null;

/**
 * Loads the core. wasm-bindgen's init() keeps its first instance forever, and an instance that
 * trapped is unusable, so each load takes the glue afresh (a URL fragment: same file and cache
 * entry, new module record) and instantiates the compiled module again.
 */
export function ensureCore() {
  if (core) return Promise.resolve(core);
  loading ??= load().finally(() => { loading = null; });
  return loading;
}

async function load() {
  compiled ??= Promise.resolve().then(source.wasm).then((bytes) => (bytes instanceof WebAssembly.Module ? bytes : WebAssembly.compile(bytes)));
  try {
    const module = await compiled;
    generation += 1;
    const glue = await source.glue(generation);
    await glue.default({ module_or_path: module });
    english ??= glue.catalog();
    core = glue;
    return glue;
  } catch (e) {
    compiled = null;
    throw new CoreError('load', e);
  }
}

/**
 * Inspects `input` (text or bytes) with `options`; resolves to `{type: "ok", report}` or
 * `{type: "failed", error}` as the wasm returns them. Rejects with a CoreError when the core
 * cannot load or traps; the next call then loads a fresh instance.
 */
export async function inspect(input, options = {}) {
  const glue = await ensureCore();
  try {
    return glue.inspect(input, options);
  } catch (e) {
    // A panic traps the instance; the next inspection makes a fresh one.
    core = null;
    throw new CoreError('crash', e);
  }
}

/** The English explanation catalog the wasm carries. */
export async function englishCatalog() {
  await ensureCore();
  return english;
}

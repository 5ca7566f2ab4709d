// The WebAssembly core, shared by every inspector on a page. The wasm is fetched and compiled
// once, here on the main thread, and the compiled module is handed to a module Web Worker
// (worker.js) that runs every inspection: a large or hostile input never freezes the page, and a
// trap, a runaway or a cancelled inspection ends that worker, not the page. The next inspection
// starts a fresh worker from the same compiled module (nothing is fetched or compiled again).
//
// Where no worker can start (no Worker at all, a host page's CSP that forbids it, a browser
// without module workers), the core runs on the main thread as before: slower to recover from a
// runaway input, but it works. Nothing here knows about certificates; it only loads and calls.

/** Why an inspection has no result: the core could not load, trapped, ran too long, or was cancelled. */
export class CoreError extends Error {
  constructor(kind, cause) {
    super(cause?.message || String(cause ?? kind));
    this.name = 'CoreError';
    this.kind = kind; // "load" | "crash" | "timeout" | "cancelled"
  }
}

/**
 * The longest one inspection may take before its worker is stopped and an error shown. The core
 * bounds its own work (src/limits.rs: 256 certificates, 100 signature checks, 20,000 path-builder
 * calls). Measured in Chromium on a 2-core machine (2026-12-05): 200 certificates take 25 ms,
 * the slowest input of tests/hostile (x509-limbo's pathological same-subject chain) 60 ms, and
 * the first inspection in a new worker up to 150 ms; a slow phone is about ten times slower.
 * 20 s is a hundred times past that, and about where a person gives up waiting anyway. It is
 * also the only sign of a worker that died without a word (an out-of-memory kill sends no event).
 * Starting a worker gets the same time (the 150 ms above includes starting one): a worker that has
 * not answered by then is taken to be unable to start here, like one that failed to.
 */
export const INSPECT_TIMEOUT_MS = 20_000;

let source = {
  /** The wasm-bindgen glue module for the main-thread fallback, a new module record for each generation. */
  glue: (n) => import(n === 1 ? './pkg/certscope.js' : `./pkg/certscope.js#${n}`),
  /** The wasm module's bytes (or a compiled WebAssembly.Module). */
  wasm: () => fetch(new URL('./pkg/certscope_bg.wasm', import.meta.url))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${r.url}`)))),
  /** A new worker running worker.js; null or a throw means: run on the main thread. */
  worker: () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
};
let timeoutMs = INSPECT_TIMEOUT_MS;

/**
 * Replaces where the glue, the wasm and the worker come from: `{ glue(n) -> module,
 * wasm() -> bytes, worker() -> Worker | null }` (null: the main thread), and `timeoutMs`, the
 * limit on one inspection. The single-file build passes the inlined glue and bytes and a worker
 * made from a Blob; a package user may pass `wasm` to load the module from a CDN path of their
 * own (a worker must come from the page's origin: from elsewhere it cannot start, and the core
 * runs on the main thread).
 */
export function configureCore({ timeoutMs: limit, ...s }) {
  source = { ...source, ...s };
  if (Number.isFinite(limit) && limit > 0) timeoutMs = limit;
}

let compiled = null; // Promise<WebAssembly.Module>
let prepared = null; // Promise: the core is ready (a worker answered, or the main thread has an instance)
let mode = null; // "worker" | "main", decided by the first worker that starts or fails to
let english = null;

/** The compiled module; fetched and compiled once (again only after a failure). */
function compile() {
  compiled ??= Promise.resolve().then(source.wasm)
    .then((bytes) => (bytes instanceof WebAssembly.Module ? bytes : WebAssembly.compile(bytes)))
    .catch((e) => {
      compiled = null;
      throw new CoreError('load', e);
    });
  return compiled;
}

/**
 * Loads the core ahead of the first inspection: compiles the wasm and starts a worker with it (or,
 * where none can start, an instance on the main thread). Resolves when the core can answer;
 * rejects with a CoreError ("load"), and the next call tries again. inspect() does not wait for
 * it: each inspection starts what it needs itself, under its own signal and time limit.
 */
export function ensureCore() {
  prepared ??= prepare().catch((e) => {
    prepared = null;
    throw e;
  });
  return prepared;
}

async function prepare() {
  await compile();
  while (mode !== 'main') {
    const me = live ?? spawn();
    try {
      await me.ready;
      return;
    } catch (e) {
      // A worker stopped while starting (its inspection was cancelled) says nothing about this
      // browser: wait for the next one. Any other failure means no worker can start here.
      if (!e?.stopped) fallBack();
    }
  }
  await loadHere();
}

// ---------------------------------------------------------------------------------------------
// The jobs: one at a time, one worker at a time. A job waits for the wasm to compile, then in
// `queue`; `running` is the one the core has (or is starting a worker for). Cancelling a job
// settles it wherever it is; one that is cancelled or times out while running ends its worker,
// and the next job starts a fresh one.
//
// Time limits: starting a worker and each inspection in it get `timeoutMs` each. A worker that
// has not answered `ready` by then counts as one that cannot start: it is ended and the core
// moves to the main thread, where the job waiting for it runs. Loading the wasm has no limit (a
// slow network is not a stuck core, and its 1 MB can take longer than 20 s on one), but a cancel
// ends the wait.

let live = null; // { worker, ready: Promise<void>, started: boolean, timer }
let running = null;
const queue = [];
let nextId = 1;

/** Starts a worker with the compiled module; `ready` settles when it has instantiated it. */
function spawn() {
  const me = { worker: null, ready: null, started: false, fail: null, timer: null };
  me.ready = new Promise((resolve, reject) => {
    me.fail = reject;
    compile().then((module) => {
      if (live !== me) return;
      const worker = source.worker?.();
      if (!worker) throw new Error('no worker');
      me.worker = worker;
      const limitMs = timeoutMs;
      me.timer = setTimeout(() => reject(new Error(`the worker did not start within ${limitMs} ms`)), limitMs);
      worker.onmessage = ({ data }) => {
        if (data?.type === 'ready') {
          clearTimeout(me.timer);
          english ??= data.catalog;
          me.started = true;
          mode = 'worker';
          resolve();
        } else if (data?.type === 'failed') {
          reject(new Error(data.error));
        } else {
          answer(me, data);
        }
      };
      // An uncaught error in the worker: before it started, it cannot start here (no module
      // workers, a CSP that forbids it, its script missing); after, it died working.
      worker.onerror = (e) => {
        e.preventDefault();
        const error = new Error(e.message || 'the worker stopped');
        if (me.started) died(me, error);
        else reject(error);
      };
      worker.onmessageerror = () => died(me, new Error('an answer from the worker could not be read'));
      worker.postMessage({ type: 'init', module, catalog: english == null });
    }).catch(reject);
  });
  me.ready.catch(() => retire(me));
  live = me;
  return me;
}

/**
 * Ends worker `me` (the live one by default): a trapped, runaway or cancelled worker is not
 * reused. One still starting fails its `ready` with `stopped` set: it was ended, not refused.
 */
function retire(me = live) {
  if (!me) return;
  clearTimeout(me.timer);
  me.worker?.terminate();
  if (live === me) live = null;
  if (!me.started) me.fail(Object.assign(new Error('the worker was stopped while starting'), { stopped: true }));
}

/** No worker can start here: every job from now on, the one waiting for the worker first, runs on the main thread. */
function fallBack() {
  if (mode === 'main') return;
  mode = 'main';
  retire();
  if (running) queue.unshift(running);
  running = null;
  pump();
}

function settle(job, result, error) {
  if (job.done) return;
  job.done = true;
  clearTimeout(job.timer);
  job.signal?.removeEventListener('abort', job.onAbort);
  if (running === job) running = null;
  if (error) job.reject(error);
  else job.resolve(result);
}

/** Starts `job`'s time limit: when it runs out the job is stopped as a timeout. */
function startClock(job) {
  const limitMs = timeoutMs;
  job.timer = setTimeout(() => stop(job, Object.assign(new CoreError('timeout', new Error(`no answer after ${limitMs} ms`)), { limitMs })), limitMs);
}

/** Starts the next job, if the core is free: in the worker (started first if need be), or on the main thread. */
function pump() {
  if (running || !queue.length) return;
  const job = queue.shift();
  running = job;
  if (mode === 'main') {
    runHere(job);
    return;
  }
  const me = live ?? spawn();
  me.ready.then(() => {
    if (running !== job || live !== me) return;
    startClock(job);
    me.worker.postMessage({ type: 'inspect', id: job.id, input: job.input, options: job.options });
  }, (e) => {
    if (running === job && !e?.stopped) fallBack();
  });
}

/** An answer from worker `me`: the result, or a trap (the instance is unusable: end the worker). */
function answer(me, data) {
  const job = running;
  if (me !== live || !job || data?.id !== job.id) return;
  if (data.type === 'crash') {
    retire(me);
    settle(job, null, new CoreError('crash', new Error(data.error)));
  } else {
    settle(job, data.result);
  }
  pump();
}

/** Worker `me` died while working: the job it had fails as a crash. */
function died(me, error) {
  if (me !== live) return;
  retire(me);
  if (running) settle(running, null, new CoreError('crash', error));
  pump();
}

/** Cancels or times out `job`: dropped if it still waits; if it runs in a worker (or starts one), that worker is ended. */
function stop(job, error) {
  if (job.done) return;
  const at = queue.indexOf(job);
  if (at >= 0) queue.splice(at, 1);
  else if (running === job && mode !== 'main') retire();
  settle(job, null, error);
  pump();
}

// ---------------------------------------------------------------------------------------------
// The main thread, where no worker can run. wasm-bindgen's init() keeps its first instance
// forever, and an instance that trapped is unusable, so each load takes the glue afresh (a URL
// fragment: same file and cache entry, new module record) and instantiates the module again.

let generation = 0;
let glue = null; // glue module of a live main-thread instance
let loading = null;

function loadHere() {
  if (glue) return Promise.resolve(glue);
  loading ??= (async () => {
    const module = await compile();
    try {
      generation += 1;
      const g = await source.glue(generation);
      await g.default({ module_or_path: module });
      english ??= g.catalog();
      glue = g;
      return g;
    } catch (e) {
      throw new CoreError('load', e);
    }
  })().finally(() => { loading = null; });
  return loading;
}

/**
 * Runs `job` on the main thread. Until the instance is loaded the job can still be cancelled or
 * time out; the analysis itself holds the thread, so nothing can stop it once it has begun.
 */
async function runHere(job) {
  startClock(job);
  try {
    const g = await loadHere();
    if (job.done) return;
    let result;
    try {
      result = g.inspect(job.input, job.options);
    } catch (e) {
      // A panic traps the instance; the next inspection makes a fresh one.
      glue = null;
      throw new CoreError('crash', e);
    }
    settle(job, result);
  } catch (e) {
    settle(job, null, e);
  } finally {
    pump();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Inspects `input` (text or bytes) with `options`; resolves to `{type: "ok", report}` or
 * `{type: "failed", error}` as the wasm returns them. Rejects with a CoreError when the core
 * cannot load ("load"), traps or its worker dies ("crash"), takes longer than the limit
 * ("timeout"), or `signal` aborts it ("cancelled"); the next call then uses a fresh worker.
 * `signal` applies from the call on, while the wasm loads and a worker starts too; a worker that
 * does not start within the limit is ended and the inspection runs on the main thread instead.
 * There an analysis that has begun holds the thread: it cannot be cancelled or timed out.
 */
export async function inspect(input, options = {}, { signal } = {}) {
  const cancelled = () => new CoreError('cancelled', new Error('the inspection was cancelled'));
  if (signal?.aborted) throw cancelled();
  return new Promise((resolve, reject) => {
    const job = { id: nextId++, input, options, resolve, reject, signal, done: false, timer: null };
    job.onAbort = () => stop(job, cancelled());
    signal?.addEventListener('abort', job.onAbort, { once: true });
    compile().then(() => {
      if (job.done) return;
      queue.push(job);
      pump();
    }, (e) => settle(job, null, e));
  });
}

/** Where inspections run: "worker", "main" (no worker could start), or null before the core loaded. */
export const coreMode = () => mode;

/** The English explanation catalog the wasm carries. */
export async function englishCatalog() {
  await ensureCore();
  if (english == null) await loadHere();
  return english;
}

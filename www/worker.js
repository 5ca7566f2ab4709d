// The worker the core runs in (core.js starts it, one at a time): analysis happens here, off the
// page's thread, so a large or hostile input never freezes the page, and a trap or a runaway
// input ends this worker, not the page. It never fetches the wasm: core.js sends the module it
// compiled, which is instantiated here once. Then it answers one inspection per message.
//
//   -> { type: "init", module, catalog }    <- { type: "ready", catalog | null } or { type: "failed", error }
//   -> { type: "inspect", id, input, options }   <- { type: "result", id, result } or { type: "crash", id, error }
//
// Nothing is kept or sent anywhere: each answer goes back to the page that asked, and the input
// lives only as long as its message.
import { default as init, inspect, catalog } from './pkg/certscope.js';

self.onmessage = ({ data }) => {
  if (data?.type === 'init') {
    init({ module_or_path: data.module })
      .then(() => self.postMessage({ type: 'ready', catalog: data.catalog ? catalog() : null }))
      .catch((e) => self.postMessage({ type: 'failed', error: String(e?.message ?? e) }));
  } else if (data?.type === 'inspect') {
    let answer;
    try {
      answer = { type: 'result', id: data.id, result: inspect(data.input, data.options) };
    } catch (e) {
      // A Rust panic, or running out of memory, traps the instance: it is unusable from now on,
      // and core.js ends this worker when it reads this.
      answer = { type: 'crash', id: data.id, error: String(e?.message ?? e) };
    }
    // Not caught: an answer that cannot be sent is an uncaught error here, which core.js sees
    // (the worker's error event) as this worker dying, and reports as a crash.
    self.postMessage(answer);
  }
};

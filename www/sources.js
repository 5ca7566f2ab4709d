// Where the page's own files come from when it is served: the examples and the findings
// reference page beside it. The single-file build (scripts/make-single-file.mjs) swaps this
// module for one that holds them inlined.

const get = (path, as) => fetch(path).then((r) => (r.ok ? r[as]() : Promise.reject(new Error(`${r.status} ${r.url}`))));

/** The built-in examples: examples/examples.json and the certificate files it names. */
export const examples = {
  list: () => get('examples/examples.json', 'json'),
  text: (file) => get(`examples/${file}`, 'text'),
};

/** The reference page's anchor for a finding id. */
export const referenceUrl = (id) => `findings.html#${encodeURIComponent(id)}`;

// Locale bundles: every word the page and the element show, in one language, and the Intl
// formatting of names, dates, numbers and lists for that language.
//
// www/locales/<lang>.json holds the interface's words; locales/catalog-<lang>.json the finding
// explanations (copied from catalog/<lang>.json by scripts/make-locales.mjs, which also writes
// locales/index.json, the list of languages). English explanations come from the wasm, which
// carries catalog/en.json. Adding a language is adding those two files: no code names a language.

/** The language every other one falls back to, key by key. */
export const BASE_LANG = 'en';

let readJson = (name) => fetch(new URL(`./locales/${name}`, import.meta.url)).then((r) => {
  if (!r.ok) throw new Error(`${r.status} ${r.url}`);
  return r.json();
});

/** Replaces where bundles come from (the single-file build passes them inlined). */
export function configureLocales(read) {
  readJson = read;
}

let manifest = null;

/** The languages there are: `{ languages: ["de", "en"], catalogs: ["de"] }`. */
export function languages() {
  manifest ??= readJson('index.json')
    .then((m) => ({ languages: Array.isArray(m?.languages) && m.languages.length ? m.languages : [BASE_LANG], catalogs: Array.isArray(m?.catalogs) ? m.catalogs : [] }))
    .catch(() => ({ languages: [BASE_LANG], catalogs: [] }));
  return manifest;
}

/**
 * The best of `available` for the `wanted` language tags, most wanted first: an exact match,
 * then the same base language ("de-AT" gets "de"), else English.
 */
export function negotiate(wanted, available) {
  const tags = wanted.filter(Boolean).map((t) => String(t).trim()).filter(Boolean);
  const lower = available.map((a) => a.toLowerCase());
  for (const t of tags) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0) return available[i];
  }
  for (const t of tags) {
    const base = t.toLowerCase().split('-')[0];
    const i = lower.findIndex((a) => a === base || a.split('-')[0] === base);
    if (i >= 0) return available[i];
  }
  return available.includes(BASE_LANG) ? BASE_LANG : available[0] || BASE_LANG;
}

const bundles = new Map();
const bundle = (lang) => {
  if (!bundles.has(lang)) {
    const p = readJson(`${lang}.json`);
    p.catch(() => bundles.delete(lang));
    bundles.set(lang, p);
  }
  return bundles.get(lang);
};

/** The words for `lang`, English under them for any key a bundle lacks. */
export async function loadWords(lang) {
  const base = await bundle(BASE_LANG);
  const own = lang === BASE_LANG ? base : await bundle(lang).catch(() => null);
  return new Words(own ? lang : BASE_LANG, own || base, base);
}

const catalogs = new Map();

/**
 * The explanation catalog for `lang`: its translated entries over the English ones (from the
 * wasm, `english`), entry by entry, so a missing translation shows English, not nothing.
 */
export async function loadCatalog(lang, english) {
  const { catalogs: have } = await languages();
  if (lang === BASE_LANG || !have.includes(lang)) return english;
  if (!catalogs.has(lang)) {
    const p = readJson(`catalog-${lang}.json`);
    p.catch(() => catalogs.delete(lang));
    catalogs.set(lang, p);
  }
  const own = await catalogs.get(lang).catch(() => ({}));
  return Object.fromEntries(Object.entries(english).map(([id, e]) => [id, merge(e, own?.[id])]));
}

function merge(base, over) {
  if (over == null) return base;
  if (typeof base !== 'object' || base == null || Array.isArray(base) || typeof over !== 'object' || Array.isArray(over)) return over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

const lookup = (tree, key) => key.split('.').reduce((node, k) => (node != null && typeof node === 'object' ? node[k] : undefined), tree);

/** Facts shown as written, without digit grouping: ports, versions, line numbers, bits. */
const NO_GROUPING = /port|version|line|depth|index|bits|cert|path_len|year/;
const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::\d\d)?Z)?$/;

/** Makes an Intl formatter for `lang`, or for English when the tag is one Intl rejects. */
function intl(Kind, lang, options) {
  try {
    return new Kind(lang, options);
  } catch {
    return new Kind(BASE_LANG, options);
  }
}

/** One language's words and formats. */
export class Words {
  constructor(lang, strings, base) {
    this.lang = lang;
    this.strings = strings;
    this.base = base;
    this.plurals = intl(Intl.PluralRules, lang);
    this.dates = intl(Intl.DateTimeFormat, lang, { dateStyle: 'medium', timeZone: 'UTC' });
    this.times = intl(Intl.DateTimeFormat, lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
    this.lists = intl(Intl.ListFormat, lang, { style: 'long', type: 'conjunction' });
    this.orLists = intl(Intl.ListFormat, lang, { style: 'long', type: 'disjunction' });
    this.bytesFormat = intl(Intl.NumberFormat, lang, { style: 'unit', unit: 'byte', unitDisplay: 'long' });
    this.numbers = intl(Intl.NumberFormat, lang);
    this.plainNumbers = intl(Intl.NumberFormat, lang, { useGrouping: false });
  }

  /** The raw entry at a dotted key (a string, a plural object or a subtree), or undefined. */
  raw(key) {
    return lookup(this.strings, key) ?? lookup(this.base, key);
  }

  /** The string at `key` filled with `facts` (and the report's context); plural entries pick by facts.n. */
  t(key, facts = {}, report) {
    let v = this.raw(key);
    if (v != null && typeof v === 'object' && !Array.isArray(v)) v = this.pick(v, facts.n);
    return typeof v === 'string' ? this.fill(v, facts, report) : key;
  }

  /** The plural form for `n` of an entry like { one: "...", other: "..." }. */
  pick(forms, n) {
    const rule = typeof n === 'number' ? this.plurals.select(n) : 'other';
    return forms[rule] ?? forms.other ?? Object.values(forms).find((x) => typeof x === 'string');
  }

  /**
   * Fills {name} from facts ({cert} is "#index"), then from the report's context; leaves unknown
   * names as they are. Dates, numbers and lists are formatted for the language.
   */
  fill(template, facts = {}, report) {
    return String(template).replace(/\{([a-z_][a-z0-9_]*)\}/g, (all, k) => {
      if (k === 'cert' && typeof facts.cert === 'number') return `#${facts.cert}`;
      if (Object.hasOwn(facts, k)) return this.fact(facts[k], k);
      const ctx = report?.context;
      return ctx?.[k] != null ? this.fact(ctx[k], k) : all;
    });
  }

  /** A fact as text: dates and numbers for the language, lists joined. */
  fact(v, key = '') {
    if (v == null) return this.t('report.unknown');
    if (Array.isArray(v)) return v.length ? this.list(v.map((x) => this.fact(x, key))) : this.t('report.none');
    if (typeof v === 'number') return this.number(v, key);
    if (typeof v === 'string') return ISO_TIME.test(v) ? this.date(v) : v;
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  number(n, key = '') {
    return (NO_GROUPING.test(key) ? this.plainNumbers : this.numbers).format(n);
  }

  bytes(n) {
    return this.bytesFormat.format(n);
  }

  list(items, type = 'and') {
    return (type === 'or' ? this.orLists : this.lists).format(items.map(String));
  }

  /** A report time as people read it: the date, with the time unless it is a day's start or end. */
  date(iso) {
    const m = ISO_TIME.exec(String(iso ?? ''));
    if (!m) return iso == null ? this.t('report.unknown') : String(iso);
    const when = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)));
    if (Number.isNaN(when.getTime())) return String(iso);
    const dayOnly = m[4] == null || `${m[4]}:${m[5]}` === '00:00' || `${m[4]}:${m[5]}` === '23:59';
    return (dayOnly ? this.dates : this.times).format(when);
  }

  /** A language's own name for itself ("Deutsch"), for the language picker. */
  static languageName(code) {
    try {
      const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
      return name ? name[0].toLocaleUpperCase(code) + name.slice(1) : code;
    } catch {
      return code;
    }
  }
}

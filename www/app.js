// The page: the inspector in <main>, the page's own words in the chosen language, and a
// language picker. The language is ?lang=, else the browser's first language certscope has,
// else English. Nothing leaves the browser and nothing is kept: no storage, no cookies.
import { Inspector } from './inspector.js';
import { languages, negotiate, Words } from './i18n.js';
import { examples, referenceUrl } from './sources.js';

const inspector = new Inspector(document.getElementById('app'), { examples, referenceUrl });

// A file dropped beside the drop zone must not make the browser leave the page.
for (const type of ['dragover', 'drop']) document.addEventListener(type, (e) => e.preventDefault());

/** Puts the page's words (data-i18n elements, the title, the description) in the current language. */
function localizePage(w) {
  document.documentElement.lang = w.lang;
  document.documentElement.dir = w.raw('meta.dir') === 'rtl' ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const template = w.t(el.dataset.i18n);
    if (el.tagName === 'TITLE') {
      document.title = template;
      continue;
    }
    // {slot} placeholders keep the element marked data-slot="slot" (inline code in a sentence).
    const slots = Object.fromEntries([...el.querySelectorAll('[data-slot]')].map((s) => [s.dataset.slot, s]));
    el.replaceChildren(...template.split(/(\{[a-z_]+\})/).filter(Boolean).map((part) => slots[part.slice(1, -1)] ?? part));
  }
  for (const el of document.querySelectorAll('[data-i18n-content]')) el.setAttribute('content', w.t(el.dataset.i18nContent));
}

async function setLang(lang) {
  await inspector.setLang(lang);
  if (inspector.w) localizePage(inspector.w);
}

/** The language picker: one option per locale bundle, each named in its own language. */
function picker(langs, current) {
  const select = document.getElementById('lang');
  select.replaceChildren(...langs.map((code) => {
    const o = document.createElement('option');
    o.value = code;
    o.lang = code;
    o.translate = false;
    o.textContent = Words.languageName(code);
    o.selected = code === current;
    return o;
  }));
  select.addEventListener('change', () => setLang(select.value));
  document.getElementById('lang-pick').hidden = langs.length < 2;
}

async function start() {
  const { languages: langs } = await languages();
  const asked = new URLSearchParams(location.search).get('lang');
  const lang = negotiate([asked, ...(navigator.languages || [navigator.language])], langs);
  picker(langs, lang);
  await setLang(lang);
}

start();
inspector.loadExamples().catch(() => {});
// Load the core now so the first inspection is quick; a failure shows at once and Inspect retries.
inspector.preload();

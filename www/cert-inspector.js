// <cert-inspector>: the whole inspector (input, verdict, findings with both explanations, chain,
// command builder) in any page, with one module script and the element:
//
//   <script type="module" src="/certscope/cert-inspector.js"></script>
//   <cert-inspector provider-name="Example Mail" expected-hosts="mail.provider.example"></cert-inspector>
//
// Attributes: host, port, lang, compact, provider-name, expected-hosts, support-url, theme.
// API: el.inspect(text, options) -> Promise<Report>; el.report (the report shown, or null);
// a `report` event (bubbles, detail: the report) after each inspection.
// Shadow DOM (open); styles from inspector.css beside this file (a <link>, so a host page's
// CSP needs no 'unsafe-inline'); the wasm and the locale files are loaded from beside it too.
import { Inspector, hostList } from './inspector.js';
import { languages, negotiate } from './i18n.js';

const STYLESHEET = new URL('./inspector.css', import.meta.url).href;
const REFERENCE = new URL('./findings.html', import.meta.url).href;
const PRESET_ATTRIBUTES = ['provider-name', 'expected-hosts', 'support-url'];

export class CertInspector extends HTMLElement {
  static observedAttributes = ['host', 'port', 'lang', 'compact', ...PRESET_ATTRIBUTES];

  #inspector;
  #started = null;
  #presetQueued = false;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    shadow.append(link);
    this.#inspector = new Inspector(shadow, {
      referenceUrl: (id) => `${REFERENCE}#${encodeURIComponent(id)}`,
      onReport: (report) => this.dispatchEvent(new CustomEvent('report', { detail: report, bubbles: true, composed: true })),
    });
    // Shown once its styles are in (or failed to load), so it never flashes unstyled.
    const root = this.#inspector.root;
    root.hidden = true;
    const show = () => { root.hidden = false; };
    link.addEventListener('load', show, { once: true });
    link.addEventListener('error', show, { once: true });
    // The wasm (the largest part) loads when someone comes near the inspector, not with the page.
    const preload = () => this.#inspector.preload();
    for (const type of ['focusin', 'pointerenter', 'dragenter', 'paste']) this.addEventListener(type, preload, { once: true });
  }

  connectedCallback() {
    this.#start();
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    const ins = this.#inspector;
    if (name === 'host') ins.setHost(value);
    else if (name === 'port') ins.setPort(value);
    else if (name === 'compact') ins.setCompact(value != null);
    else if (name === 'lang') {
      if (this.#started) this.#started = this.#setLang();
    } else if (!this.#presetQueued) {
      // The three preset attributes usually change together: apply them once.
      this.#presetQueued = true;
      queueMicrotask(() => {
        this.#presetQueued = false;
        ins.setPreset({
          provider: this.getAttribute('provider-name')?.trim() || null,
          hosts: hostList(this.getAttribute('expected-hosts')),
          supportUrl: this.getAttribute('support-url')?.trim() || null,
        });
      });
    }
  }

  #start() {
    this.#started ??= this.#setLang();
    return this.#started;
  }

  /** The language: lang on the element or an ancestor, then the browser's, then English. */
  async #setLang() {
    const { languages: available } = await languages();
    const own = this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    await this.#inspector.setLang(negotiate([own, ...(navigator.languages || [navigator.language])], available));
  }

  /**
   * Shows `input` (text, or the bytes of a DER/PKCS#7 file) in the inspector, applies `options`
   * ({host, port, at, trust, onlyTrustedRoots}) to its fields, and inspects it. Resolves to the
   * report (also in `report` and the `report` event); rejects when there is none (the reason is
   * shown too): options the core cannot read, or a core that failed to load.
   */
  async inspect(input, options = {}) {
    await this.#start();
    return this.#inspector.inspect(input, options);
  }

  /** The report shown, or null. */
  get report() {
    return this.#inspector.report;
  }
}

if (!customElements.get('cert-inspector')) customElements.define('cert-inspector', CertInspector);
export default CertInspector;

// Types for `certscope/element` (cert-inspector.js): the <cert-inspector> custom element.
import type { InspectOptions, Report } from './pkg/certscope.js';

export type { InspectOptions, Report } from './pkg/certscope.js';

export interface CertInspectorEventMap extends HTMLElementEventMap {
  /** After each inspection that produced a report; `detail` is the report. */
  report: CustomEvent<Report>;
}

/**
 * <cert-inspector host port lang compact provider-name expected-hosts support-url theme>
 *
 * - host, port: fill in the host name and port fields.
 * - lang: the language ("en", "de"); default: the nearest lang attribute, then the browser's.
 * - compact: a slimmer layout for narrow article columns.
 * - provider-name, expected-hosts ("mail.provider.example, *.provider.example"), support-url:
 *   a provider's preset; the explanations then use the provider's terms.
 * - theme: "light", "dark" or "auto"; default: the page's color-scheme.
 */
export declare class CertInspector extends HTMLElement {
  static readonly observedAttributes: string[];
  /**
   * Shows `input` in the inspector, applies `options` to its fields and inspects it. Resolves
   * to the report; rejects when there is none (options the core cannot read, a core that did
   * not load); the reason is shown in the element too.
   */
  inspect(input: string | Uint8Array, options?: InspectOptions): Promise<Report>;
  /** The report shown, or null. */
  readonly report: Report | null;

  addEventListener<K extends keyof CertInspectorEventMap>(type: K, listener: (this: CertInspector, ev: CertInspectorEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CertInspectorEventMap>(type: K, listener: (this: CertInspector, ev: CertInspectorEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export default CertInspector;

declare global {
  interface HTMLElementTagNameMap {
    'cert-inspector': CertInspector;
  }
}

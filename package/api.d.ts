// Types for `certscope` (api.js): the WebAssembly core with its loading handled, the
// explanations in every language, and the page's renderer.
import type { Catalog, InspectOptions, InspectResult, Report } from './pkg/certscope.js';

export type * from './pkg/certscope.js';

/**
 * Why an inspection has no result: the core could not load ("load"), trapped or its worker died
 * ("crash"), took longer than the time limit ("timeout"), or was cancelled through the signal
 * or by a newer inspection ("cancelled").
 */
export declare class CoreError extends Error {
  readonly kind: 'load' | 'crash' | 'timeout' | 'cancelled';
}

/** A provider's preset: the words the explanations use for the provider's own servers. */
export interface Preset {
  /** The provider's name, e.g. "Example Mail". */
  provider?: string | null;
  /** The server names customers should use, e.g. ["mail.provider.example"]. */
  hosts?: string[];
  /** A support page (http:, https: or mailto:); other schemes are ignored. */
  supportUrl?: string | null;
}

/** The languages there are locale bundles for, and those with translated explanations. */
export declare function languages(): Promise<{ languages: string[]; catalogs: string[] }>;

/**
 * Where the wasm and the locale files come from, when not from beside this module (a CDN, a
 * bundler's asset URL, bytes you already have).
 */
export declare function configure(options: {
  wasm?: () => BufferSource | WebAssembly.Module | Promise<BufferSource | WebAssembly.Module>;
  locales?: (name: string) => unknown | Promise<unknown>;
}): void;

/**
 * Inspects a paste (string) or a file (bytes: PEM, DER, PKCS#7 or `openssl s_client` output).
 * Resolves to `{type: "ok", report}` or `{type: "failed", error}`; rejects only with a
 * CoreError (the core did not load, trapped, timed out or was cancelled: the next call gets a
 * fresh instance). The analysis runs in a Web Worker (`worker.js`, beside this module), or on
 * the main thread where no worker can start; `signal` cancels it.
 */
export declare function inspect(input: string | Uint8Array, options?: InspectOptions, control?: { signal?: AbortSignal }): Promise<InspectResult>;

/** The explanation catalog in `lang` ("en", "de", ...), English under any entry it lacks. */
export declare function catalog(lang?: string): Promise<Catalog>;

/** Renders a report into `root` as the page does; style it with `certscope/inspector.css`. */
export declare function renderReport(root: Element | DocumentFragment, report: Report, options?: { lang?: string; preset?: Preset | null }): Promise<void>;

/** The report as plain text for a support ticket. */
export declare function reportText(report: Report, options?: { lang?: string }): Promise<string>;

/** The one-sentence verdict a non-expert understands. */
export declare function verdictSentence(report: Report, options?: { lang?: string }): Promise<string>;

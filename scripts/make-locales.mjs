#!/usr/bin/env node
// Writes the locale files the page and the element load, from the sources:
//   catalog/<lang>.json  -> www/locales/catalog-<lang>.json   (explanations; not English, which
//                                                            the wasm carries)
//   www/locales/<lang>.json present                        -> www/locales/index.json, the list
//                                                            of languages offered
// A language is offered when it has interface words (www/locales/<lang>.json); its explanations
// fall back to English, entry by entry, until catalog/<lang>.json exists. Adding a language is
// adding those two files and running this (./build.sh build does).
//
//   node scripts/make-locales.mjs [--out DIR]     (default www/locales)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** A locale file's name: a BCP 47 tag (en, de, pt-BR, sr-Latn), not catalog-*.json or index.json. */
const LOCALE_FILE = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/;
/** The language the others fall back to; its catalog is in the wasm. */
const BASE = 'en';

const args = process.argv.slice(2);
const out = resolve(args[0] === '--out' ? args[1] : join(repo, 'www', 'locales'));
const uiDir = join(repo, 'www', 'locales');
const catalogDir = join(repo, 'catalog');

const tags = (dir) => readdirSync(dir).map((f) => LOCALE_FILE.exec(f)?.[1]).filter(Boolean).sort();
const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${e.message}`);
  }
};

const ui = tags(uiDir);
if (!ui.includes(BASE)) throw new Error(`no ${BASE}.json in ${uiDir}`);
for (const t of ui) readJson(join(uiDir, `${t}.json`));
mkdirSync(out, { recursive: true });
if (out !== uiDir) for (const t of ui) copyFileSync(join(uiDir, `${t}.json`), join(out, `${t}.json`));

const catalogs = [];
for (const t of tags(catalogDir)) {
  if (t === BASE) continue;
  if (!ui.includes(t)) {
    console.warn(`make-locales: catalog/${t}.json has no www/locales/${t}.json: not offered`);
    continue;
  }
  // Parsed and written back compactly: a check that it is JSON, and fewer bytes to send.
  writeFileSync(join(out, `catalog-${t}.json`), JSON.stringify(readJson(join(catalogDir, `${t}.json`))));
  catalogs.push(t);
}
for (const t of ui) if (t !== BASE && !catalogs.includes(t)) console.warn(`make-locales: no catalog/${t}.json: ${t} shows English explanations`);
const manifest = { generator: 'scripts/make-locales.mjs', languages: ui, catalogs };
writeFileSync(join(out, 'index.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`make-locales: ${out}: languages ${ui.join(', ')}; explanations ${[BASE, ...catalogs].join(', ')}`);
if (!existsSync(join(out, 'index.json'))) process.exitCode = 1;

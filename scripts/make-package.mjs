#!/usr/bin/env node
// Assembles the publishable npm package `certscope` (the <cert-inspector> element, the library,
// the wasm, the locale files, types, README, licence) from www/ and package/ into
// target/package/certscope/, and with --pack runs `npm pack` on it.
//
//   node scripts/make-package.mjs [--pack] [--out DIR]
//
// Needs the built page (./build.sh build: www/pkg/, www/findings.html). The package keeps
// www/'s layout, so the modules find each other, the wasm and the locales by relative URL.
// Prints the package's files and, with --pack, the tarball's path on the last line.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(repo, 'www');
const src = join(repo, 'package');

/** What the package takes from www/ (path in www -> path in the package). */
const FROM_WWW = {
  'api.js': 'api.js',
  'cert-inspector.js': 'cert-inspector.js',
  'inspector.js': 'inspector.js',
  'render.js': 'render.js',
  'core.js': 'core.js',
  'worker.js': 'worker.js',
  'i18n.js': 'i18n.js',
  'inspector.css': 'inspector.css',
  'findings.html': 'findings.html',
  'pkg/certscope.js': 'pkg/certscope.js',
  'pkg/certscope_bg.wasm': 'pkg/certscope_bg.wasm',
  // The hand-written types of the wasm API (wasm-bindgen's say `any`).
  'certscope.d.ts': 'pkg/certscope.d.ts',
};
/** What it takes from package/. */
const FROM_PACKAGE = {
  'api.d.ts': 'api.d.ts',
  'cert-inspector.d.ts': 'cert-inspector.d.ts',
  'README-embed.md': 'README.md',
  LICENSE: 'LICENSE',
  'LICENSE-APACHE': 'LICENSE-APACHE',
};

function cargoVersion() {
  const m = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(readFileSync(join(repo, 'Cargo.toml'), 'utf8'));
  if (!m) throw new Error('no [package] version in Cargo.toml');
  return m[1];
}

function copy(from, to) {
  if (!existsSync(from)) throw new Error(`${relative(repo, from)} is missing${from.startsWith(www) ? ': run ./build.sh build first' : ''}`);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

/** Every relative module specifier in the package's JS resolves to a file in the package. */
function checkImports(dir) {
  const missing = [];
  for (const f of readdirSync(dir, { recursive: true }).filter((x) => String(x).endsWith('.js'))) {
    const code = readFileSync(join(dir, f), 'utf8');
    for (const m of code.matchAll(/(?:from\s+|import\(\s*|new URL\(\s*)['"`](\.\.?\/[^'"`#$]+)/g)) {
      if (!existsSync(join(dir, dirname(String(f)), m[1]))) missing.push(`${f}: ${m[1]}`);
    }
  }
  if (missing.length) throw new Error(`the package's modules name files it does not hold:\n  ${missing.join('\n  ')}`);
}

function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outRoot = resolve(outIndex >= 0 ? args[outIndex + 1] : join(repo, 'target', 'package'));
  const dir = join(outRoot, 'certscope');
  execFileSync(process.execPath, [join(repo, 'scripts', 'make-locales.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [from, to] of Object.entries(FROM_WWW)) copy(join(www, from), join(dir, to));
  for (const [from, to] of Object.entries(FROM_PACKAGE)) copy(join(src, from), join(dir, to));
  for (const f of readdirSync(join(www, 'locales')).filter((x) => x.endsWith('.json'))) copy(join(www, 'locales', f), join(dir, 'locales', f));

  const pkg = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
  pkg.version = cargoVersion();
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);

  // Every export target is in the package.
  const targets = Object.values(pkg.exports).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)));
  for (const t of targets) {
    const path = t.replace(/\*$/, '');
    if (!existsSync(join(dir, path))) throw new Error(`package.json exports ${t}, which is not in the package`);
  }
  checkImports(dir);
  console.log(`make-package: ${relative(process.cwd(), dir) || dir}: certscope ${pkg.version}`);

  if (args.includes('--pack')) {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', outRoot], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const [info] = JSON.parse(out);
    console.log(`make-package: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked`);
    for (const f of info.files) console.log(`  ${f.path} (${f.size} bytes)`);
    console.log(join(outRoot, info.filename));
  }
}

try {
  main();
} catch (e) {
  console.error(`make-package: ${e.message}`);
  process.exitCode = 1;
}

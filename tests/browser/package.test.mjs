// Tests of the npm package (scripts/make-package.mjs): `npm pack`, install the tarball into a
// sample site in a temp folder (offline: the package has no dependencies), serve it, and run the
// element and the library in Chromium under the README's CSP. Also: the exports resolve, the
// types and the licence are in, nothing of the page or the tests is.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST } from './pki.mjs';
import { elementReady, examplesJson, exampleText, hostFiles, ids, newResult, readmeCsp } from './embed-helpers.mjs';

export const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

/** Packs the package and installs the tarball into a new sample site; returns { site, tarball, files }. */
function packAndInstall(ctx) {
  const out = ctx.tmp('certscope-pack-');
  const log = execFileSync(process.execPath, [join(ctx.repo, 'scripts', 'make-package.mjs'), '--pack', '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = log.trim().split('\n').at(-1);
  assert.ok(tarball.endsWith('.tgz') && existsSync(tarball), `a tarball: ${tarball}`);
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
  const site = ctx.tmp('certscope-site-');
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'sample-help-site', private: true, type: 'module' }));
  npm(['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], site);
  return { site, tarball, files };
}

test('npm pack holds the element, the library, the wasm, the locales, types, README and licence, and nothing else', async (ctx) => {
  const { site, files } = packAndInstall(ctx);
  for (const f of ['package.json', 'README.md', 'LICENSE', 'LICENSE-APACHE', 'api.js', 'api.d.ts', 'cert-inspector.js', 'cert-inspector.d.ts',
    'inspector.js', 'render.js', 'core.js', 'i18n.js', 'inspector.css', 'pkg/certscope.js', 'pkg/certscope_bg.wasm', 'pkg/certscope.d.ts',
    'locales/index.json', 'locales/en.json', 'locales/de.json', 'locales/catalog-de.json', 'findings.html']) {
    assert.ok(files.includes(f), `the tarball holds ${f}`);
  }
  for (const f of files) assert.ok(!/^(app|sources|demo)\.js$|\.html$(?<!findings\.html)|^tests\/|^examples\/|\.gitignore$|certscope-offline/.test(f), `the tarball holds no ${f}`);

  const pkg = JSON.parse(readFileSync(join(site, 'node_modules', 'certscope', 'package.json'), 'utf8'));
  const cargo = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ctx.repo, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(pkg.version, cargo, 'the version is the crate\'s');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.equal(pkg.exports['.'].types, './api.d.ts');
  assert.equal(pkg.exports['./element'].types, './cert-inspector.d.ts');
  // The exports resolve from an installing project, as Node and bundlers resolve them.
  const resolved = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e',
    "console.log(JSON.stringify(['certscope', 'certscope/element', 'certscope/inspector.css', 'certscope/wasm', 'certscope/locales/de.json'].map((s) => import.meta.resolve(s))))"],
  { cwd: site, encoding: 'utf8' }));
  for (const url of resolved) assert.ok(existsSync(new URL(url)), `resolves to a file: ${url}`);
  assert.match(resolved[0], /\/node_modules\/certscope\/api\.js$/);
  assert.match(resolved[1], /\/node_modules\/certscope\/cert-inspector\.js$/);
  // The README for embedders has the snippets and the CSP line with 'wasm-unsafe-eval'.
  const readme = readFileSync(join(site, 'node_modules', 'certscope', 'README.md'), 'utf8');
  assert.ok(readme.includes(`Content-Security-Policy: ${readmeCsp()}`));
  assert.match(readmeCsp(), /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(readme, /<script type="module" src="\/certscope\/cert-inspector\.js"><\/script>/);
  assert.match(readme, /<cert-inspector[\s\S]*provider-name=/);
});

test('the installed tarball in a sample site: the element and the library work under the README\'s CSP, from the site\'s origin only', async (ctx) => {
  const { site } = packAndInstall(ctx);
  const csp = readmeCsp();
  writeFileSync(join(site, 'app.js'), `
import { inspect, catalog, reportText, languages } from './node_modules/certscope/api.js';
const out = document.getElementById('out');
const pem = document.getElementById('pem').content.textContent;
const result = await inspect(pem, { host: 'mail.example.com', at: '2026-02-15' });
const de = await catalog('de');
out.dataset.done = JSON.stringify({
  type: result.type, verdict: result.report?.verdict, ids: result.report?.findings.map((f) => f.id),
  german: de.hostname_mismatch.title, text: (await reportText(result.report, { lang: 'de' })).split('\\n')[0],
  languages: (await languages()).languages,
});
`);
  const ex = examplesJson().examples.find((e) => e.name === 'wrong-host');
  writeFileSync(join(site, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sample help site</title>
<script type="module" src="node_modules/certscope/cert-inspector.js"></script>
<script type="module" src="app.js"></script></head>
<body><h1>Mail help</h1>
<cert-inspector provider-name="Hosting Example" expected-hosts="mail.hosting.example.net" port="993"></cert-inspector>
<template id="pem">${exampleText(ex)}</template><output id="out"></output></body></html>`);
  const server = await ctx.serve(site);
  const page = await ctx.open({ allow: (u) => new URL(u).origin === server.origin });
  // The README's CSP as a real header on the sample page.
  await hostFiles(page, server.origin, { '/index.html': readFileSync(join(site, 'index.html'), 'utf8') }, { csp });
  await page.goto(`${server.origin}/index.html`);

  await page.waitForFunction(() => document.getElementById('out').dataset.done);
  const lib = JSON.parse(await page.evaluate(() => document.getElementById('out').dataset.done));
  assert.equal(lib.type, 'ok');
  assert.equal(lib.verdict, 'untrusted');
  assert.ok(lib.ids.includes('hostname_mismatch'), `findings: ${lib.ids}`);
  assert.equal(lib.german, 'Das Zertifikat ist für einen anderen Namen ausgestellt');
  assert.match(lib.text, /^certscope-Bericht/);
  assert.deepEqual(lib.languages, ['de', 'en']);

  await elementReady(page);
  const all = examplesJson();
  const res = await newResult(page, () => page.evaluate(([text, root]) => document.querySelector('cert-inspector')
    .inspect(text, { host: 'mail.example.com', at: '2026-02-15', trust: [root], onlyTrustedRoots: true }).catch(() => {}), [exampleText(ex), all.root]), 'cert-inspector');
  assert.equal(res.findings[0]?.id, 'hostname_mismatch', `findings: ${ids(res)}`);
  const advice = await page.evaluate(() => document.querySelector('cert-inspector').shadowRoot.querySelector('.preset p')?.textContent);
  assert.match(advice ?? '', /^Use mail\.hosting\.example\.net as the incoming and outgoing server/);
  // Typed in by hand, too.
  await page.getByLabel('Certificate or openssl s_client output').fill(ctx.pki.selfSigned);
  await page.getByLabel('Host name').fill(HOST);
  const typed = await newResult(page, () => page.getByRole('button', { name: 'Inspect', exact: true }).click(), 'cert-inspector');
  assert.ok(ids(typed).includes('self_signed'), `findings: ${ids(typed)}`);
  const paths = page.requests.map((u) => new URL(u).pathname);
  assert.ok(paths.includes('/node_modules/certscope/pkg/certscope_bg.wasm'), 'the wasm came from the installed package');
  assert.ok(paths.includes('/node_modules/certscope/inspector.css'), 'the styles came from the installed package');
  await ctx.shot(page, 'package-sample-site');
});

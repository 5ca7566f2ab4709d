// The demo article's script: a button that shows an example through the element's API, and the
// `report` event a provider might log (finding ids only, kept on the page here).
const checker = document.getElementById('checker');
const log = document.getElementById('log-ids');

checker.addEventListener('report', (e) => {
  const ids = e.detail.findings.map((f) => f.id);
  log.textContent = `${e.detail.verdict}: ${ids.join(', ') || 'no findings'}`;
});

document.getElementById('try-example').addEventListener('click', async () => {
  const list = await fetch('examples/examples.json').then((r) => r.json());
  const ex = list.examples.find((x) => x.name === 'wrong-host');
  const pem = await fetch(`examples/${ex.file}`).then((r) => r.text());
  await customElements.whenDefined('cert-inspector');
  await checker.inspect(pem, { host: ex.host, port: ex.port, at: ex.at, trust: [list.root], onlyTrustedRoots: true }).catch(() => {});
  checker.scrollIntoView({ block: 'start', behavior: 'smooth' });
});

// Turns a certscope report into DOM and into plain text. Every node is made with
// createElement and textContent: certificate fields are attacker-controlled text.

// Every word the page writes about a report, in one place (a later issue moves them into
// locale bundles). Whole sentences; {name} placeholders are filled from the report.
export const S = {
  verdict: {
    trusted: 'Your mail app should connect to {host} without a warning: the certificate covers this name, is valid, and leads to a trusted root.',
    trustedBut: 'Your mail app should connect to {host} without a warning today, but {reason}.',
    trustedNoHost: 'The certificate is valid and leads to a trusted root; type the host name your mail app uses to check that the certificate covers it.',
    untrusted: "Your mail app will say it cannot verify the server's identity, because {reason}.",
    untrustedPlain: "Your mail app will say it cannot verify the server's identity.",
    invalid: 'There is nothing to check, because {reason}.',
    invalidPlain: 'There is no certificate to check in what was given.',
  },
  label: { trusted: 'Trusted', untrusted: 'Not trusted', invalid_input: 'No certificate' },
  ctx: { host: 'Host', port: 'Port', at: 'Checked at', roots: 'Trusted roots', noHost: 'none given' },
  roots: { mozilla: 'Mozilla root list', both: 'Mozilla root list and {n} of yours', yours: 'only your {n}' },
  severity: { error: 'Problem', warning: 'Warning', info: 'Note' },
  found: 'What certscope found',
  noFindings: 'Nothing to fix: no problems were found.',
  meaning: 'What this means',
  danger: 'Is it dangerous?',
  actions: 'What you can do',
  apps: 'Tips for your mail app',
  appNames: { ios: 'iPhone and iPad', macos: 'Mac (Apple Mail)', outlook: 'Outlook', thunderbird: 'Thunderbird', android: 'Android' },
  admin: 'For the server administrator',
  cause: 'Cause',
  fix: 'Fix',
  check: 'Check',
  technical: 'Technical detail',
  rule: 'Rule',
  aboutCert: 'About certificate {cert}',
  reference: 'Reference: {id}',
  chain: 'The certificate chain',
  offPath: 'Other certificates (not on the chain)',
  role: { leaf: 'Server certificate', intermediate: 'Intermediate CA', root: 'Root CA', missing: 'Missing intermediate CA', none: 'Certificate' },
  badge: { sent: 'Sent by the server', user_trust: 'Your CA', trust_store: 'From the trust store', missing: 'Missing', problem: 'Problem', warning: 'Warning', unused: 'Not on the chain' },
  missingText: 'The server did not send this certificate and it is not a trusted root, so the mail app cannot link the server certificate to a root it trusts.',
  storeText: "This root is in Mozilla's list of trusted root CAs, which certscope carries: mail apps have their own copy.",
  f: {
    subject: 'Subject', names: 'Names', cnOnly: '{names} (Common Name only)', issuer: 'Issued by', validity: 'Valid',
    key: 'Key', sig: 'Signature', serial: 'Serial number', sha256: 'SHA-256', sha1: 'SHA-1', more: 'All fields',
    version: 'Version', ca: 'CA', pathLen: 'Path length limit', selfSigned: 'Self-signed', ku: 'Key usage',
    eku: 'Extended key usage', ski: 'Subject key ID', aki: 'Authority key ID', ext: 'Extensions', origin: 'Found in',
    parseError: 'Could not read', critical: '{name} (critical)', line: '{format}, line {line}', depth: '{format}, depth {depth}',
  },
  yes: 'yes', no: 'no', none: '(none)', unknown: 'unknown',
  time: { from: 'from {date}', to: 'to {date}', left: '{n} days left', leftOne: '1 day left', expired: 'expired {n} days before the check date', expiredToday: 'expired on the check date', notYet: 'not valid until {date}' },
  format: { pem: 'PEM', der: 'DER', base64: 'Base64', pkcs7: 'PKCS#7', s_client: 'openssl s_client output' },
  error: { heading: 'Something went wrong', load: 'The certificate checker could not be loaded. Check your connection and press Inspect to try again.', crash: 'The certificate checker stopped on this input. This is a bug in certscope; press Inspect to try again, or report the input.', failed: 'The options could not be read: {error}' },
  text: { title: 'certscope report (version {version})', findings: 'Findings', chain: 'Chain ({status})', missing: 'Missing: {v} (not sent, not a trusted root)', others: 'Other certificates', left: '{from} to {to} ({n} days left)' },
};

const DAY = 86400000;

/** Creates an element: props sets attributes (class, text, on* listeners), kids are nodes or text. */
export function h(tag, props, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) if (kid != null && kid !== false) el.append(kid);
  return el;
}

/** A report time as people read it: the date, and the time unless it is a day's start or end. */
export function showDate(iso) {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d):\d\dZ$/.exec(String(iso));
  if (!m) return String(iso ?? S.unknown);
  return m[2] === '00:00' || m[2] === '23:59' ? m[1] : `${m[1]} ${m[2]} UTC`;
}

function factText(v) {
  if (v == null) return S.unknown;
  if (Array.isArray(v)) return v.length ? v.map(factText).join(', ') : S.none;
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\dT/.test(v) ? showDate(v) : v;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Fills {name} from facts ({cert} is "#index"), then from the report's context; leaves unknown names. */
export function fill(template, facts = {}, report) {
  return String(template).replace(/\{([a-z_][a-z0-9_]*)\}/g, (all, k) => {
    if (k === 'cert' && typeof facts.cert === 'number') return `#${facts.cert}`;
    if (Object.hasOwn(facts, k)) return factText(facts[k]);
    const ctx = report?.context;
    return ctx?.[k] != null ? factText(ctx[k]) : all;
  });
}

// A catalog sentence made to follow "because": no final stop, lower-case first word.
function reason(f, catalog, report) {
  const e = catalog?.[f.id] || {};
  const s = fill(e.summary || e.title || f.message, f, report).trim().replace(/[.!]+$/, '');
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/** The one-sentence verdict, from the verdict and the most important finding. */
export function verdictSentence(report, catalog) {
  const { verdict, findings = [], context = {} } = report;
  const host = context.host_normalized || context.host;
  const V = S.verdict;
  if (verdict === 'trusted') {
    const warn = findings.find((f) => f.severity !== 'info');
    if (!host) return V.trustedNoHost;
    return warn ? fill(V.trustedBut, { host, reason: reason(warn, catalog, report) }) : fill(V.trusted, { host });
  }
  const top = findings.find((f) => f.severity === 'error') || findings[0];
  if (verdict === 'invalid_input') return top ? fill(V.invalid, { reason: reason(top, catalog, report) }) : V.invalidPlain;
  return top ? fill(V.untrusted, { reason: reason(top, catalog, report) }) : V.untrustedPlain;
}

const cn = (dn) => /(?:^|,\s*)CN=((?:[^,\\]|\\.)*)/.exec(dn || '')?.[1] || dn || S.unknown;
const certName = (c) => c.common_names?.[0] || cn(c.subject);
const str = (v) => (typeof v === 'string' ? v : '');
const obj = (v) => (v && typeof v === 'object' ? v : {});
const pair = (k, v) => h('div', null, h('dt', { text: k }), h('dd', null, v));

function row(label, value, cls) {
  if (value == null || value === '' || (Array.isArray(value) && !value.length)) return null;
  const r = pair(label, Array.isArray(value) ? value.join(', ') : value);
  if (cls) r.className = cls;
  return r;
}

function renderVerdict(report, catalog) {
  const c = report.context || {};
  const n = c.user_anchors;
  const roots = !c.mozilla_roots ? fill(S.roots.yours, { n }) : n ? fill(S.roots.both, { n }) : S.roots.mozilla;
  return h('div', { class: 'verdict', 'data-verdict': report.verdict, tabindex: '-1', id: 'verdict' },
    h('h2', { class: 'verdict-label', text: S.label[report.verdict] || report.verdict }),
    h('p', { class: 'verdict-text', text: verdictSentence(report, catalog) }),
    h('dl', { class: 'context' }, pair(S.ctx.host, c.host_normalized || c.host || S.ctx.noHost),
      c.port != null && pair(S.ctx.port, String(c.port)), pair(S.ctx.at, showDate(c.at)), pair(S.ctx.roots, roots)));
}

function renderFinding(f, catalog, report, n) {
  const e = catalog?.[f.id] || {};
  const user = obj(e.user);
  const admin = obj(e.admin);
  const tx = (t) => fill(t, f, report);
  const art = h('article', { class: 'finding', 'data-finding-id': f.id, 'data-severity': f.severity, 'aria-labelledby': `finding-${n}` },
    h('p', { class: `sev sev-${f.severity}`, text: S.severity[f.severity] || f.severity }),
    h('h3', { id: `finding-${n}`, text: e.title || f.id }),
    str(e.summary) && h('p', { class: 'summary', text: tx(e.summary) }));
  const part = (parent, title, node) => parent.append(h('h4', { text: title }), node);
  if (!str(user.meaning)) art.append(h('p', { class: 'message', text: f.message }));
  if (str(user.meaning)) part(art, S.meaning, h('p', { text: tx(user.meaning) }));
  if (str(user.danger)) part(art, S.danger, h('p', { text: tx(user.danger) }));
  const actions = Array.isArray(user.actions) ? user.actions.filter(str) : [];
  if (actions.length) part(art, S.actions, h('ul', null, actions.map((a) => h('li', { text: tx(a) }))));
  const tips = obj(user.apps);
  const apps = [...new Set([...Object.keys(S.appNames), ...Object.keys(tips)])].filter((k) => str(tips[k]));
  if (apps.length) {
    art.append(h('details', { class: 'apps' }, h('summary', { text: S.apps }),
      h('dl', null, apps.map((k) => pair(S.appNames[k] || k, tx(tips[k]))))));
  }
  const adm = h('details', { class: 'admin' }, h('summary', { text: S.admin }));
  if (str(admin.cause)) part(adm, S.cause, h('p', { text: tx(admin.cause) }));
  if (str(admin.fix)) part(adm, S.fix, h('pre', null, h('code', { text: tx(admin.fix) })));
  if (str(admin.check)) part(adm, S.check, h('pre', null, h('code', { text: tx(admin.check) })));
  part(adm, S.technical, h('p', { class: 'message', text: f.message }));
  if (str(e.severity_reason)) adm.append(h('p', { class: 'cite', text: e.severity_reason }));
  if (str(e.cite)) adm.append(h('p', { class: 'cite' }, `${S.rule}: `, h('cite', { text: e.cite })));
  const cert = report.certificates?.[f.cert ?? -1];
  art.append(adm, h('p', { class: 'links' },
    cert && h('a', { href: `#cert-${cert.index}`, text: `${fill(S.aboutCert, f)} (${certName(cert)})` }),
    h('a', { href: `findings.html#${encodeURIComponent(f.id)}`, text: fill(S.reference, { id: f.id }) })));
  return art;
}

function timeline(c, at) {
  const [nb, na, now] = [c.not_before, c.not_after, at].map(Date.parse);
  if (!(nb <= na) || Number.isNaN(now)) return `${showDate(c.not_before)} – ${showDate(c.not_after)}`;
  const pct = `${(100 * Math.min(1, Math.max(0, (now - nb) / Math.max(1, na - nb)))).toFixed(1)}%`;
  let state = 'bad';
  let label;
  if (now < nb) label = fill(S.time.notYet, { date: showDate(c.not_before) });
  else if (now > na) {
    // Whole days since expiry, as the expired finding counts them.
    const n = Math.floor((now - na) / DAY);
    label = n ? fill(S.time.expired, { n }) : S.time.expiredToday;
  } else {
    const n = c.days_left ?? Math.floor((na - now) / DAY);
    state = n < 30 ? 'soon' : 'ok';
    label = n === 1 ? S.time.leftOne : fill(S.time.left, { n });
  }
  const bar = h('span', { class: 'tl-fill' });
  const mark = h('span', { class: 'tl-mark' });
  bar.style.width = pct;
  mark.style.left = pct;
  return h('div', { class: `timeline tl-${state}` },
    h('p', { class: 'tl-left', text: label }),
    h('div', { class: 'tl-bar', 'aria-hidden': 'true' }, bar, mark),
    h('p', { class: 'tl-dates' }, h('span', { text: fill(S.time.from, { date: showDate(c.not_before) }) }),
      h('span', { text: fill(S.time.to, { date: showDate(c.not_after) }) })));
}

function names(c) {
  const all = [c.dns_names, c.ip_addresses, c.email_addresses, c.uris].flatMap((l) => l || []);
  if (all.length) return all.join(', ');
  return c.common_names?.length && !c.is_ca ? fill(S.f.cnOnly, { names: c.common_names }) : null;
}

function origin(o) {
  if (!o) return null;
  const format = S.format[o.format] || o.format;
  if (o.depth != null) return fill(S.f.depth, { format, depth: o.depth });
  return o.line != null ? fill(S.f.line, { format, line: o.line }) : format;
}

function renderCert(c, report, onPath) {
  const sev = (report.findings || []).filter((f) => f.cert === c.index).map((f) => f.severity);
  const role = (onPath && c.role) || 'none';
  const yesNo = (b) => (b == null ? null : b ? S.yes : S.no);
  const F = S.f;
  const more = h('dl', { class: 'fields' },
    row(F.version, c.version?.toString()), row(F.ca, yesNo(c.is_ca)), row(F.pathLen, c.path_len?.toString()),
    row(F.selfSigned, yesNo(c.self_signed)), row(F.ku, c.key_usage), row(F.eku, c.extended_key_usage),
    row(F.ski, c.subject_key_id, 'hex'), row(F.aki, c.authority_key_id, 'hex'),
    row(F.ext, (c.extensions || []).map((x) => (x.critical ? fill(F.critical, x) : x.name))), row(F.origin, origin(c.origin)));
  return h('article', {
    class: `cert${sev.includes('error') ? ' has-problem' : ''}`, id: `cert-${c.index}`,
    'data-role': onPath ? role : null, 'data-source': c.source, 'data-cert-index': c.index,
  },
  h('p', { class: 'role' }, h('span', { class: 'num', text: `#${c.index}` }), ' ', S.role[role] || role),
  h('h3', { text: certName(c) }),
  h('p', { class: 'badges' },
    h('span', { class: `badge src-${c.source}`, text: S.badge[c.source] || c.source }),
    !onPath && h('span', { class: 'badge', text: S.badge.unused }),
    sev.includes('error') ? h('span', { class: 'badge bad', text: S.badge.problem })
      : sev.includes('warning') && h('span', { class: 'badge warn', text: S.badge.warning })),
  c.parse_error && h('p', { class: 'parse-error', text: `${F.parseError}: ${c.parse_error}` }),
  c.source === 'trust_store' && !c.not_before && h('p', { class: 'note', text: S.storeText }),
  h('dl', { class: 'fields' },
    row(F.subject, c.subject), row(F.names, names(c)), row(F.issuer, c.issuer),
    c.not_before && c.not_after && row(F.validity, timeline(c, report.context?.at)),
    row(F.key, c.key), row(F.sig, c.signature_algorithm),
    row(F.serial, c.serial, 'hex'), row(F.sha256, c.sha256, 'hex'), row(F.sha1, c.sha1, 'hex')),
  more.childElementCount > 0 && h('details', null, h('summary', { text: F.more }), more));
}

function renderMissing(dn) {
  return h('article', { class: 'cert missing', 'data-role': 'missing', 'data-source': 'missing' },
    h('p', { class: 'role', text: S.role.missing }), h('h3', { text: cn(dn) }),
    h('p', { class: 'badges' }, h('span', { class: 'badge bad', text: S.badge.missing })),
    h('p', { text: S.missingText }), h('dl', { class: 'fields' }, row(S.f.subject, dn)));
}

const section = (id, title, body) => h('section', { 'aria-labelledby': id, class: 'block' }, h('h2', { id, text: title }), body);

/** Replaces the contents of `root` with the whole report. */
export function renderReport(root, report, catalog) {
  const findings = report.findings || [];
  const certs = report.certificates || [];
  const chain = report.chain || {};
  const onPath = chain.path || [];
  const off = certs.filter((c) => !onPath.includes(c.index));
  const list = h('ol', { class: 'chain', 'aria-label': S.chain },
    onPath.map((i) => certs[i] && h('li', null, renderCert(certs[i], report, true))),
    chain.missing_issuer && h('li', null, renderMissing(chain.missing_issuer)));
  root.replaceChildren(...[
    renderVerdict(report, catalog),
    h('div', { class: 'actions', id: 'report-actions' }),
    section('findings-h', S.found, findings.length
      ? h('ol', { class: 'findings' }, findings.map((f, n) => h('li', null, renderFinding(f, catalog, report, n))))
      : h('p', { class: 'none', text: S.noFindings })),
    list.childElementCount > 0 && section('chain-h', S.chain, list),
    off.length > 0 && section('off-h', S.offPath, h('ul', { class: 'chain off' }, off.map((c) => h('li', null, renderCert(c, report, false))))),
  ].filter(Boolean));
}

/** Shows an error in `root`, with no verdict. */
export function renderError(root, message, detail) {
  root.replaceChildren(h('div', { class: 'error', 'data-error': '', role: 'alert' },
    h('h2', { text: S.error.heading }), h('p', { text: message }), detail && h('p', { class: 'message', text: String(detail) })));
}

/** The report as plain text for a support ticket: verdict, findings, chain. Holds no key: the report has none. */
export function reportText(report, catalog) {
  const c = report.context || {};
  const certs = report.certificates || [];
  const chain = report.chain || {};
  const F = S.f;
  const kv = (k, v) => (v == null || v === '' ? [] : [`${k}: ${v}`]);
  const out = [fill(S.text.title, c), `${S.label[report.verdict] || report.verdict}: ${verdictSentence(report, catalog)}`,
    ...kv(S.ctx.host, c.host_normalized || c.host || S.ctx.noHost), ...kv(S.ctx.port, c.port), ...kv(S.ctx.at, c.at), '', `${S.text.findings}:`];
  (report.findings || []).forEach((f, i) => out.push(`${i + 1}. [${f.severity}] ${catalog?.[f.id]?.title || f.id}`, `   ${f.message}`));
  const lines = (x) => [`#${x.index} ${S.role[x.role || 'none']} (${S.badge[x.source] || x.source})`,
    ...[...kv(F.subject, x.subject), ...kv(F.names, names(x)), ...kv(F.issuer, x.issuer),
      ...kv(F.validity, x.not_before && fill(S.text.left, { from: x.not_before, to: x.not_after, n: x.days_left })),
      ...kv(F.key, x.key), ...kv(F.sha256, x.sha256), ...kv(F.sha1, x.sha1)].map((l) => `   ${l}`)];
  out.push('', `${fill(S.text.chain, chain)}:`, ...(chain.path || []).flatMap((i) => (certs[i] ? lines(certs[i]) : [])));
  if (chain.missing_issuer) out.push(fill(S.text.missing, { v: chain.missing_issuer }));
  const off = certs.filter((x) => !(chain.path || []).includes(x.index));
  if (off.length) out.push('', `${S.text.others}:`, ...off.flatMap(lines));
  return `${out.join('\n')}\n`;
}

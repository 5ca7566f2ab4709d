// Turns a certscope report into DOM and into plain text: the one renderer of the page, the
// <cert-inspector> element and the single-file build. Every node is made with createElement and
// textContent: certificate fields are attacker-controlled text. Every word comes from the
// locale bundle (`w`, a Words from i18n.js) and the explanation catalog; certificate data is
// marked translate="no", so browser translators (and the pseudo-locale test) leave it alone, and
// a date standing alone is a <time> (written by Intl for the language, not by a bundle).
//
// `view` is { w, catalog, preset, referenceUrl }:
//   w            Words for the language shown
//   catalog      finding id -> explanation entry, in that language
//   preset       { provider, hosts: [], supportUrl } from a provider's embedding, or null
//   referenceUrl (id) -> URL of the findings reference page, or null for no link

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

/** Certificate data as an inline element browsers and translators must not translate. */
const data = (text, cls) => h('span', { translate: 'no', class: cls, text });

// A catalog sentence made to follow "because": no final stop, lower-case first word.
function reason(f, view, report) {
  const e = view.catalog?.[f.id] || {};
  const s = view.w.fill(e.summary || e.title || f.message, f, report).trim().replace(/[.!]+$/, '');
  // Languages that capitalise nouns (German) say so in their bundle: meta.lowercaseReason false.
  return view.w.raw('meta.lowercaseReason') !== false && /^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLocaleLowerCase(view.w.lang) + s.slice(1) : s;
}

/** The one-sentence verdict, from the verdict and the most important finding. */
export function verdictSentence(report, view) {
  const { verdict, findings = [], context = {} } = report;
  const { w } = view;
  const host = context.host_normalized || context.host;
  if (verdict === 'trusted') {
    const warn = findings.find((f) => f.severity !== 'info');
    if (!host) return w.t('report.verdict.trustedNoHost');
    return warn ? w.t('report.verdict.trustedBut', { host, reason: reason(warn, view, report) }) : w.t('report.verdict.trusted', { host });
  }
  const top = findings.find((f) => f.severity === 'error') || findings[0];
  if (verdict === 'invalid_input') return top ? w.t('report.verdict.invalid', { reason: reason(top, view, report) }) : w.t('report.verdict.invalidPlain');
  return top ? w.t('report.verdict.untrusted', { reason: reason(top, view, report) }) : w.t('report.verdict.untrustedPlain');
}

const cn = (dn) => /(?:^|,\s*)CN=((?:[^,\\]|\\.)*)/.exec(dn || '')?.[1] || dn || null;
const certName = (c, w) => c.common_names?.[0] || cn(c.subject) || w.t('report.unknown');
const str = (v) => (typeof v === 'string' ? v : '');
const obj = (v) => (v && typeof v === 'object' ? v : {});
const pair = (k, v, part) => h('div', part ? { part } : null, h('dt', { text: k }), h('dd', null, v));

/** A field row; `isData` marks the value as certificate data. Nothing for an empty value. */
function row(label, value, { cls, isData = false } = {}) {
  if (value == null || value === '' || (Array.isArray(value) && !value.length)) return null;
  const text = Array.isArray(value) ? value.join(', ') : value;
  const r = pair(label, isData && typeof text === 'string' ? data(text) : text);
  if (cls) r.className = cls;
  return r;
}

/** The preset's words: the provider's name and its server names, as the explanations use them. */
function presetFacts(view) {
  const p = view.preset;
  if (!p || (!p.provider && !p.hosts?.length)) return null;
  const { w } = view;
  const provider = p.provider || w.t('preset.yourProvider');
  return { provider, hosts: p.hosts?.length ? w.list(p.hosts, 'or') : w.t('preset.anyHost', { provider }) };
}

function renderVerdict(report, view) {
  const { w } = view;
  const c = report.context || {};
  const n = c.user_anchors;
  const roots = !c.mozilla_roots ? w.t('report.roots.yours', { n }) : n ? w.t('report.roots.both', { n }) : w.t('report.roots.mozilla');
  const preset = presetFacts(view);
  const support = preset && view.preset.supportUrl && report.verdict !== 'trusted'
    && h('p', { class: 'support', part: 'support' },
      h('a', { href: view.preset.supportUrl, target: '_blank', rel: 'noopener noreferrer', text: w.t('preset.support', preset) }),
      ' ', h('span', { text: w.t('preset.supportNote', preset) }));
  const host = c.host_normalized || c.host;
  return h('div', { class: 'verdict', part: `verdict verdict-${report.verdict}`, 'data-verdict': report.verdict, tabindex: '-1', id: 'verdict' },
    h('h2', { class: 'verdict-label', text: w.t(`report.label.${report.verdict}`) }),
    h('p', { class: 'verdict-text', text: verdictSentence(report, view) }),
    h('dl', { class: 'context' }, pair(w.t('report.ctx.host'), host ? data(host) : w.t('report.ctx.noHost')),
      c.port != null && pair(w.t('report.ctx.port'), data(w.number(c.port, 'port'))),
      pair(w.t('report.ctx.at'), h('time', { datetime: c.at, text: w.date(c.at) })), pair(w.t('report.ctx.roots'), roots)),
    support);
}

/** Scrolls to and focuses the element with `id` in the same document or shadow root. */
function jump(e, id) {
  const target = e.currentTarget.getRootNode().getElementById?.(id);
  if (!target) return;
  e.preventDefault();
  target.scrollIntoView({ block: 'start', behavior: 'smooth' });
  target.focus({ preventScroll: true });
}

function renderFinding(f, view, report, n) {
  const { w } = view;
  const e = view.catalog?.[f.id] || {};
  const user = obj(e.user);
  const admin = obj(e.admin);
  const tx = (t) => w.fill(t, f, report);
  const technical = str(e.message) ? tx(e.message) : f.message;
  const art = h('article', { class: 'finding', part: `finding finding-${f.severity}`, 'data-finding-id': f.id, 'data-severity': f.severity, 'aria-labelledby': `finding-${n}` },
    h('p', { class: `sev sev-${f.severity}`, text: w.t(`report.severity.${f.severity}`) }),
    h('h3', { id: `finding-${n}`, text: str(e.title) || f.id }),
    str(e.summary) && h('p', { class: 'summary', text: tx(e.summary) }));
  const preset = presetFacts(view);
  const advice = preset && w.raw(`preset.findings.${f.id}`);
  if (typeof advice === 'string') {
    art.append(h('div', { class: 'preset', part: 'preset' },
      h('h4', { text: w.t('preset.heading', preset) }), h('p', { text: w.fill(advice, { ...f, ...preset }, report) })));
  }
  const part = (parent, title, node) => parent.append(h('h4', { text: title }), node);
  if (!str(user.meaning)) art.append(h('p', { class: 'message', text: technical }));
  if (str(user.meaning)) part(art, w.t('report.meaning'), h('p', { text: tx(user.meaning) }));
  if (str(user.danger)) part(art, w.t('report.danger'), h('p', { text: tx(user.danger) }));
  const actions = Array.isArray(user.actions) ? user.actions.filter(str) : [];
  if (actions.length) part(art, w.t('report.actions'), h('ul', null, actions.map((a) => h('li', { text: tx(a) }))));
  const tips = obj(user.apps);
  const appNames = obj(w.raw('report.appNames'));
  const apps = [...new Set([...Object.keys(appNames), ...Object.keys(tips)])].filter((k) => str(tips[k]));
  if (apps.length) {
    art.append(h('details', { class: 'apps' }, h('summary', { text: w.t('report.apps') }),
      h('dl', null, apps.map((k) => pair(str(appNames[k]) || k, tx(tips[k]))))));
  }
  const adm = h('details', { class: 'admin', part: 'admin' }, h('summary', { text: w.t('report.admin') }));
  if (str(admin.cause)) part(adm, w.t('report.cause'), h('p', { text: tx(admin.cause) }));
  if (str(admin.fix)) part(adm, w.t('report.fix'), h('pre', null, h('code', { text: tx(admin.fix) })));
  if (str(admin.check)) part(adm, w.t('report.check'), h('pre', null, h('code', { text: tx(admin.check) })));
  part(adm, w.t('report.technical'), h('p', { class: 'message', text: technical }));
  if (str(e.severity_reason)) adm.append(h('p', { class: 'cite', text: e.severity_reason }));
  if (str(e.cite)) adm.append(h('p', { class: 'cite', text: w.t('report.rule', { cite: e.cite }) }));
  const cert = report.certificates?.[f.cert ?? -1];
  const ref = view.referenceUrl?.(f.id);
  art.append(adm, h('p', { class: 'links' },
    cert && h('a', { href: `#cert-${cert.index}`, onclick: (ev) => jump(ev, `cert-${cert.index}`), text: w.t('report.aboutCert', { cert: f.cert, name: certName(cert, w) }) }),
    ref && h('a', { href: ref, text: w.t('report.reference', { id: f.id }) })));
  return art;
}

function timeline(c, at, w) {
  const [nb, na, now] = [c.not_before, c.not_after, at].map(Date.parse);
  if (!(nb <= na) || Number.isNaN(now)) return w.t('report.time.range', { from: w.date(c.not_before), to: w.date(c.not_after) });
  const pct = `${(100 * Math.min(1, Math.max(0, (now - nb) / Math.max(1, na - nb)))).toFixed(1)}%`;
  let state = 'bad';
  let label;
  if (now < nb) label = w.t('report.time.notYet', { date: w.date(c.not_before) });
  else if (now > na) {
    // Whole days since expiry, as the expired finding counts them.
    const n = Math.floor((now - na) / DAY);
    label = n ? w.t('report.time.expired', { n }) : w.t('report.time.expiredToday');
  } else {
    const n = c.days_left ?? Math.floor((na - now) / DAY);
    state = n < 30 ? 'soon' : 'ok';
    label = w.t('report.time.left', { n });
  }
  const bar = h('span', { class: 'tl-fill' });
  const mark = h('span', { class: 'tl-mark' });
  bar.style.width = pct;
  mark.style.left = pct;
  return h('div', { class: `timeline tl-${state}` },
    h('p', { class: 'tl-left', text: label }),
    h('div', { class: 'tl-bar', 'aria-hidden': 'true' }, bar, mark),
    h('p', { class: 'tl-dates' }, h('span', { text: w.t('report.time.from', { date: w.date(c.not_before) }) }),
      h('span', { text: w.t('report.time.to', { date: w.date(c.not_after) }) })));
}

/** The names a certificate covers: data, or a sentence about a Common Name only. */
function names(c, w) {
  const all = [c.dns_names, c.ip_addresses, c.email_addresses, c.uris].flatMap((l) => l || []);
  if (all.length) return { text: all.join(', '), isData: true };
  return c.common_names?.length && !c.is_ca ? { text: w.t('report.f.cnOnly', { names: c.common_names }), isData: false } : null;
}

function origin(o, w) {
  if (!o) return null;
  const format = w.raw(`report.format.${o.format}`) ?? o.format;
  if (o.depth != null) return w.t('report.f.depth', { format, depth: o.depth });
  return o.line != null ? w.t('report.f.line', { format, line: o.line }) : format;
}

function extensions(list, w) {
  if (!list?.length) return null;
  const out = h('span');
  list.forEach((x, i) => {
    if (i) out.append(', ');
    out.append(x.critical ? w.t('report.f.critical', x) : data(x.name));
  });
  return out;
}

function renderCert(c, report, onPath, view) {
  const { w } = view;
  const sev = (report.findings || []).filter((f) => f.cert === c.index).map((f) => f.severity);
  const role = (onPath && c.role) || 'none';
  const yesNo = (b) => (b == null ? null : w.t(b ? 'report.yes' : 'report.no'));
  const F = (k) => w.t(`report.f.${k}`);
  const hex = { cls: 'hex', isData: true };
  const nm = names(c, w);
  const more = h('dl', { class: 'fields' },
    row(F('version'), c.version != null ? w.number(c.version, 'version') : null), row(F('ca'), yesNo(c.is_ca)),
    row(F('pathLen'), c.path_len != null ? w.number(c.path_len, 'path_len') : null),
    row(F('selfSigned'), yesNo(c.self_signed)), row(F('ku'), c.key_usage, { isData: true }), row(F('eku'), c.extended_key_usage, { isData: true }),
    row(F('ski'), c.subject_key_id, hex), row(F('aki'), c.authority_key_id, hex),
    row(F('ext'), extensions(c.extensions, w)), row(F('origin'), origin(c.origin, w)));
  return h('article', {
    class: `cert${sev.includes('error') ? ' has-problem' : ''}`, part: 'cert', id: `cert-${c.index}`, tabindex: '-1',
    'data-role': onPath ? role : null, 'data-source': c.source, 'data-cert-index': c.index,
  },
  h('p', { class: 'role' }, data(`#${c.index}`, 'num'), ' ', w.t(`report.role.${role}`)),
  h('h3', { translate: 'no', text: certName(c, w) }),
  h('p', { class: 'badges' },
    h('span', { class: `badge src-${c.source}`, text: c.source ? w.t(`report.badge.${c.source}`) : '' }),
    !onPath && h('span', { class: 'badge', text: w.t('report.badge.unused') }),
    sev.includes('error') ? h('span', { class: 'badge bad', text: w.t('report.badge.problem') })
      : sev.includes('warning') && h('span', { class: 'badge warn', text: w.t('report.badge.warning') })),
  c.parse_error && h('p', { class: 'parse-error', text: w.t('report.f.parseError', { error: c.parse_error }) }),
  c.source === 'trust_store' && !c.not_before && h('p', { class: 'note', text: w.t('report.storeText') }),
  h('dl', { class: 'fields' },
    row(F('subject'), c.subject, { isData: true }), nm && row(F('names'), nm.text, { isData: nm.isData }), row(F('issuer'), c.issuer, { isData: true }),
    c.not_before && c.not_after && row(F('validity'), timeline(c, report.context?.at, w)),
    row(F('key'), c.key, { isData: true }), row(F('sig'), c.signature_algorithm, { isData: true }),
    row(F('serial'), c.serial, hex), row(F('sha256'), c.sha256, hex), row(F('sha1'), c.sha1, hex)),
  more.childElementCount > 0 && h('details', null, h('summary', { text: F('more') }), more));
}

function renderMissing(dn, view) {
  const { w } = view;
  return h('article', { class: 'cert missing', part: 'cert cert-missing', 'data-role': 'missing', 'data-source': 'missing' },
    h('p', { class: 'role', text: w.t('report.role.missing') }), h('h3', { translate: 'no', text: cn(dn) || dn }),
    h('p', { class: 'badges' }, h('span', { class: 'badge bad', text: w.t('report.badge.missing') })),
    h('p', { text: w.t('report.missingText') }), h('dl', { class: 'fields' }, row(w.t('report.f.subject'), dn, { isData: true })));
}

const section = (id, title, body, part) => h('section', { 'aria-labelledby': id, class: 'block', part }, h('h2', { id, text: title }), body);

/** Replaces the contents of `root` with the whole report. */
export function renderReport(root, report, view) {
  const { w } = view;
  const findings = report.findings || [];
  const certs = report.certificates || [];
  const chain = report.chain || {};
  const onPath = chain.path || [];
  const off = certs.filter((c) => !onPath.includes(c.index));
  const list = h('ol', { class: 'chain', 'aria-label': w.t('report.chain') },
    onPath.map((i) => certs[i] && h('li', null, renderCert(certs[i], report, true, view))),
    chain.missing_issuer && h('li', null, renderMissing(chain.missing_issuer, view)));
  root.replaceChildren(...[
    renderVerdict(report, view),
    h('div', { class: 'actions', id: 'report-actions' }),
    section('findings-h', w.t('report.found'), findings.length
      ? h('ol', { class: 'findings' }, findings.map((f, n) => h('li', null, renderFinding(f, view, report, n))))
      : h('p', { class: 'none', text: w.t('report.noFindings') }), 'findings'),
    list.childElementCount > 0 && section('chain-h', w.t('report.chain'), list, 'chain'),
    off.length > 0 && section('off-h', w.t('report.offPath'), h('ul', { class: 'chain off' }, off.map((c) => h('li', null, renderCert(c, report, false, view)))), 'chain'),
  ].filter(Boolean));
}

/** Shows an error in `root`, with no verdict; `detail` is technical text, shown as it is. */
export function renderError(root, w, message, detail) {
  root.replaceChildren(h('div', { class: 'error', part: 'error', 'data-error': '', role: 'alert' },
    h('h2', { text: w.t('report.error.heading') }), h('p', { text: message }),
    detail && h('p', { class: 'message', translate: 'no', text: String(detail) })));
}

/** Shows a short notice in `root` in place of a result (an inspection the user stopped). */
export function renderNotice(root, message) {
  root.replaceChildren(h('div', { class: 'notice-box', part: 'notice', 'data-notice': '' }, h('p', { text: message })));
}

/** The report as plain text for a support ticket: verdict, findings, chain. Holds no key: the report has none. */
export function reportText(report, view) {
  const { w } = view;
  const c = report.context || {};
  const certs = report.certificates || [];
  const chain = report.chain || {};
  const F = (k) => w.t(`report.f.${k}`);
  const kv = (k, v) => (v == null || v === '' ? [] : [`${k}: ${v}`]);
  const out = [w.t('report.text.title', c), `${w.t(`report.label.${report.verdict}`)}: ${verdictSentence(report, view)}`,
    ...kv(w.t('report.ctx.host'), c.host_normalized || c.host || w.t('report.ctx.noHost')), ...kv(w.t('report.ctx.port'), c.port),
    ...kv(w.t('report.ctx.at'), c.at && w.date(c.at)), '', `${w.t('report.text.findings')}:`];
  (report.findings || []).forEach((f, i) => {
    const e = view.catalog?.[f.id];
    out.push(`${i + 1}. [${f.severity}] ${e?.title || f.id} (${f.id})`, `   ${str(e?.message) ? w.fill(e.message, f, report) : f.message}`);
  });
  const lines = (x) => [`#${x.index} ${w.t(`report.role.${x.role || 'none'}`)} (${x.source ? w.t(`report.badge.${x.source}`) : ''})`,
    ...[...kv(F('subject'), x.subject), ...kv(F('names'), names(x, w)?.text), ...kv(F('issuer'), x.issuer),
      ...kv(F('validity'), x.not_before && w.t('report.text.left', { from: w.date(x.not_before), to: w.date(x.not_after), n: x.days_left })),
      ...kv(F('key'), x.key), ...kv(F('sha256'), x.sha256), ...kv(F('sha1'), x.sha1)].map((l) => `   ${l}`)];
  out.push('', `${w.t('report.text.chain', chain)}:`, ...(chain.path || []).flatMap((i) => (certs[i] ? lines(certs[i]) : [])));
  if (chain.missing_issuer) out.push(w.t('report.text.missing', { v: chain.missing_issuer }));
  const off = certs.filter((x) => !(chain.path || []).includes(x.index));
  if (off.length) out.push('', `${w.t('report.text.others')}:`, ...off.flatMap(lines));
  return `${out.join('\n')}\n`;
}

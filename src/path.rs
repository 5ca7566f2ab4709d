//! Path building: a bounded depth-first search from the leaf to a trust anchor.
//!
//! It does not trust the order certificates came in: every certificate whose subject is a
//! certificate's issuer is a candidate (those whose SKI matches the AKI first). Each link's
//! signature is checked once and cached. The search stops at the first path the policy
//! accepts, or when a budget in `limits.rs` runs out.

use crate::cert::{der_sequence, key_from_der, Cert, Key, Name};
use crate::crypto::{SigError, Verifier};
use crate::limits::{MAX_BUILD_CALLS, MAX_PATHS_JUDGED, MAX_PATH_CERTS, MAX_SIGNATURE_CHECKS};
use crate::name_constraints::NameConstraints;
use std::collections::HashMap;

/// A trust anchor: a root the client trusts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Anchor {
    /// A certificate the user supplied as trusted (index into the pool).
    User(usize),
    /// An entry of the built-in Mozilla root store (index into `webpki_roots::TLS_SERVER_ROOTS`).
    Mozilla(usize),
}

/// The certificates and anchors a search works over.
pub struct Pool<'a> {
    /// Every certificate: the sent ones first, then those the user supplied as trusted.
    pub certs: &'a [Cert],
    /// Which pool indices are sent certificates that may serve as intermediates.
    pub sent: &'a [usize],
    /// Pool indices of user-supplied trust anchors.
    pub user_anchors: &'a [usize],
    /// Whether the Mozilla root store is in use.
    pub mozilla: bool,
}

impl Pool<'_> {
    /// The subject name DER (with header) of an anchor.
    pub fn anchor_subject(&self, a: Anchor) -> Option<Name> {
        match a {
            Anchor::User(i) => self.certs.get(i).and_then(|c| c.fields()).map(|p| p.subject.clone()),
            Anchor::Mozilla(i) => {
                webpki_roots::TLS_SERVER_ROOTS.get(i).map(|ta| crate::cert::name_from_der(&der_sequence(ta.subject.as_ref())))
            }
        }
    }

    /// The anchor's public key.
    pub fn anchor_key(&self, a: Anchor) -> Option<Key> {
        match a {
            Anchor::User(i) => self.certs.get(i).and_then(|c| c.fields()).map(|p| p.key.clone()),
            Anchor::Mozilla(i) => {
                webpki_roots::TLS_SERVER_ROOTS.get(i).and_then(|ta| key_from_der(&der_sequence(ta.subject_public_key_info.as_ref())))
            }
        }
    }

    /// Name constraints that come with a trust-store entry (not from a certificate).
    pub fn anchor_constraints(&self, a: Anchor) -> Option<NameConstraints> {
        match a {
            Anchor::User(_) => None,
            Anchor::Mozilla(i) => {
                let ta = webpki_roots::TLS_SERVER_ROOTS.get(i)?;
                let der = ta.name_constraints.as_ref()?;
                crate::cert::name_constraints_from_der(&der_sequence(der.as_ref()))
            }
        }
    }

    /// Anchors whose subject is `issuer` (a Name's DER, with header).
    fn anchors_named(&self, issuer: &Name) -> Vec<Anchor> {
        let mut out: Vec<Anchor> = self
            .user_anchors
            .iter()
            .filter(|&&i| self.certs.get(i).and_then(|c| c.fields()).is_some_and(|p| p.subject.der == issuer.der))
            .map(|&i| Anchor::User(i))
            .collect();
        if self.mozilla {
            let content = issuer.content();
            out.extend(
                webpki_roots::TLS_SERVER_ROOTS
                    .iter()
                    .enumerate()
                    .filter(|(_, ta)| ta.subject.as_ref() == content)
                    .map(|(i, _)| Anchor::Mozilla(i)),
            );
        }
        out
    }
}

/// Who issued a certificate in a link: another pool certificate or an anchor key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Issuer {
    Cert(usize),
    Anchor(Anchor),
}

/// What the search found, for the inspector to report.
#[derive(Debug, Default)]
pub struct Search {
    /// The accepted path, or else the best complete path judged: (pool indices leaf first, anchor, findings).
    pub best: Option<Judged>,
    /// The longest chain of verified links through sent certificates when no anchor was reached.
    pub deepest: Vec<usize>,
    /// Links whose signature did not verify: (child, issuer, why).
    pub bad_links: Vec<(usize, Issuer, SigError)>,
    /// A budget ran out: which one.
    pub limit: Option<&'static str>,
    /// The path was cut at `MAX_PATH_CERTS`.
    pub too_long: bool,
    /// Signature checks done.
    pub signature_checks: usize,
}

/// A complete path and the policy's findings on it.
#[derive(Debug, Clone)]
pub struct Judged {
    pub path: Vec<usize>,
    pub anchor: Anchor,
    pub findings: Vec<crate::findings::Finding>,
    pub errors: usize,
}

/// Searches for a path from `leaf`, asking `judge` about each complete one; stops at the
/// first whose findings hold no error.
pub fn search(
    pool: &Pool<'_>,
    leaf: usize,
    verifier: &dyn Verifier,
    judge: &mut dyn FnMut(&[usize], Anchor) -> Vec<crate::findings::Finding>,
) -> Search {
    let mut s = Searcher { pool, verifier, judge, cache: HashMap::new(), calls: 0, judged: 0, out: Search::default(), done: false, depth: 1, cut: false };
    s.out.deepest = vec![leaf];
    // Iterative deepening: all paths of one certificate, then two, ... up to MAX_PATH_CERTS.
    // The shortest acceptable path is found first (what clients build too), and a mesh of
    // cross-signed CAs cannot spend the signature budget deep in one branch while the anchor
    // sits one link away in another (RFC 4158 3.5: prefer shorter paths). Each signature is
    // still checked once (the link cache outlives the rounds); only the walk is repeated.
    for depth in 1..=MAX_PATH_CERTS {
        s.depth = depth;
        s.cut = false;
        let mut path = vec![leaf];
        s.extend(&mut path);
        if s.done || !s.cut {
            break;
        }
    }
    s.out
}

struct Searcher<'p, 'a, 'j> {
    pool: &'p Pool<'a>,
    verifier: &'p dyn Verifier,
    judge: &'j mut dyn FnMut(&[usize], Anchor) -> Vec<crate::findings::Finding>,
    cache: HashMap<(usize, Issuer), bool>,
    calls: usize,
    judged: usize,
    out: Search,
    done: bool,
    /// This round's path length: paths are judged at exactly this length, not extended past it.
    depth: usize,
    /// This round stopped a path at `depth` that had candidates to go on: a next round is needed.
    cut: bool,
}

impl Searcher<'_, '_, '_> {
    fn extend(&mut self, path: &mut Vec<usize>) {
        if self.done {
            return;
        }
        self.calls += 1;
        if self.calls > MAX_BUILD_CALLS {
            self.stop("MAX_BUILD_CALLS");
            return;
        }
        let Some(&top) = path.last() else { return };
        let Some(child) = self.pool.certs.get(top).and_then(|c| c.fields()) else { return };
        let issuer_name = child.issuer.clone();
        let aki = child.ext.aki.as_ref().and_then(|(a, _)| a.key_id.clone());

        // 1. Anchors: a path ends here (judged in the round of its length only).
        let anchors = if path.len() == self.depth { self.pool.anchors_named(&issuer_name) } else { Vec::new() };
        for anchor in anchors {
            if self.done {
                return;
            }
            if self.link_ok(top, Issuer::Anchor(anchor)) {
                let findings = (self.judge)(path, anchor);
                self.judged += 1;
                let errors = findings.iter().filter(|f| f.severity == crate::findings::Severity::Error).count();
                let better = self.out.best.as_ref().is_none_or(|b| errors < b.errors);
                if better {
                    self.out.best = Some(Judged { path: path.clone(), anchor, findings, errors });
                }
                if errors == 0 {
                    self.done = true;
                    return;
                }
                if self.judged >= MAX_PATHS_JUDGED {
                    self.stop("MAX_PATHS_JUDGED");
                    return;
                }
            }
        }

        // 2. Sent certificates as intermediates.
        let mut candidates: Vec<usize> = self
            .pool
            .sent
            .iter()
            .copied()
            .filter(|i| !path.contains(i))
            .filter(|&i| self.pool.certs.get(i).and_then(|c| c.fields()).is_some_and(|p| p.subject.der == issuer_name.der))
            .filter(|&i| !self.loops(path, i))
            .collect();
        if path.len() >= self.depth {
            if path.len() < MAX_PATH_CERTS {
                self.cut |= !candidates.is_empty();
            } else if candidates.iter().any(|&c| self.link_ok(top, Issuer::Cert(c))) {
                // Only a verified next link makes the chain too long (not a same-named stranger).
                self.out.too_long = true;
            }
            return;
        }
        // Candidates whose SKI equals the child's AKI first (RFC 5280 4.2.1.1 says the AKI
        // identifies the issuing key); the others still get tried, as the AKI is only a hint.
        candidates.sort_by_key(|&i| {
            let ski = self.pool.certs.get(i).and_then(|c| c.fields()).and_then(|p| p.ext.ski.as_ref().map(|(s, _)| s.clone()));
            !matches!((&aki, ski), (Some(a), Some(s)) if *a == s)
        });
        for cand in candidates {
            if self.done {
                return;
            }
            if self.link_ok(top, Issuer::Cert(cand)) {
                path.push(cand);
                if path.len() > self.out.deepest.len() {
                    self.out.deepest = path.clone();
                }
                self.extend(path);
                path.pop();
            }
        }
    }

    /// A candidate with the same subject and key as a certificate already on the path would
    /// make a loop (RFC 4158 2.4.2; rustls-webpki compares subject and SPKI the same way).
    fn loops(&self, path: &[usize], cand: usize) -> bool {
        let Some(c) = self.pool.certs.get(cand).and_then(|c| c.fields()) else { return true };
        path.iter().any(|&i| {
            self.pool.certs.get(i).and_then(|x| x.fields()).is_some_and(|p| p.subject.der == c.subject.der && p.key.spki == c.key.spki)
        })
    }

    fn stop(&mut self, limit: &'static str) {
        self.out.limit = Some(limit);
        self.done = true;
    }

    /// Whether `child`'s signature verifies with `issuer`'s key; each pair is checked once.
    fn link_ok(&mut self, child: usize, issuer: Issuer) -> bool {
        if let Some(&ok) = self.cache.get(&(child, issuer)) {
            return ok;
        }
        if self.out.signature_checks >= MAX_SIGNATURE_CHECKS {
            self.stop("MAX_SIGNATURE_CHECKS");
            return false;
        }
        self.out.signature_checks += 1;
        let key = match issuer {
            Issuer::Cert(i) => self.pool.certs.get(i).and_then(|c| c.fields()).map(|p| p.key.clone()),
            Issuer::Anchor(a) => self.pool.anchor_key(a),
        };
        let result = match (key, self.pool.certs.get(child).and_then(|c| c.fields())) {
            (Some(key), Some(p)) => self.verifier.verify(&p.sig_alg, &key, &p.tbs, &p.signature),
            _ => Err(SigError::Unsupported("unreadable key".into())),
        };
        let ok = result.is_ok();
        if let Err(e) = result {
            self.out.bad_links.push((child, issuer, e));
        }
        self.cache.insert((child, issuer), ok);
        ok
    }
}

//! Certificate text shown to people: characters that hide or fake a name.
//!
//! A certificate's names are written by whoever made it. A right-to-left override (U+202E)
//! makes `mail.example.com\u{202E}moc.live` read as another name; a NUL cut names short in C
//! clients (the 2009 "null prefix" attack); zero-width characters hide in plain sight; and a
//! Cyrillic `а` in `аpple.com` looks Latin (Unicode TR #39, "confusables"). certscope never
//! shows such characters raw: [`escape`] turns them into visible `[U+202E]` text (Unicode's
//! own notation, in brackets), and
//! [`suspicious`] names what was found, for the `suspicious_characters` finding.

use serde::Serialize;
use std::borrow::Cow;

/// What makes a name suspicious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// U+0000: C clients end the string there (null-prefix attack).
    Nul,
    /// Other C0 and C1 control characters, DEL, line and paragraph separators.
    Control,
    /// Bidirectional formatting (Unicode UAX #9): reorders what is shown.
    Bidi,
    /// Zero-width and other invisible characters.
    Invisible,
    /// A host-name label mixing Latin with Cyrillic, Greek or Armenian letters, or written
    /// only in Cyrillic letters that look Latin (UTS #39 5.1, as browsers judge IDNs).
    Lookalike,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Nul => "nul",
            Kind::Control => "control",
            Kind::Bidi => "bidi",
            Kind::Invisible => "invisible",
            Kind::Lookalike => "lookalike",
        }
    }
}

/// The kind of a character that must not be shown raw, if it is one.
fn hidden_kind(c: char) -> Option<Kind> {
    match c {
        '\0' => Some(Kind::Nul),
        '\u{1}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' => Some(Kind::Control),
        // UAX #9 explicit formatting: embeddings, overrides, isolates, marks.
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(Kind::Bidi),
        // Zero-width, word joiner, invisible operators, BOM, soft hyphen, fillers, tags,
        // variation selectors, interlinear annotation: nothing or almost nothing is drawn.
        '\u{ad}' | '\u{34f}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}' | '\u{e0100}'..='\u{e01ef}' => Some(Kind::Invisible),
        _ => None,
    }
}

/// The hidden characters of `text`, each with its kind. A zero-width (non-)joiner between two
/// letters of other scripts than Latin is spelling, not hiding: Persian and Indic words need
/// it (RFC 5892 Appendix A.1 and A.2, CONTEXTJ), so it is kept as it is.
fn hidden(text: &str) -> impl Iterator<Item = (usize, char, Kind)> + '_ {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
    text.char_indices().filter_map(move |(i, c)| {
        let kind = hidden_kind(c)?;
        let joiner = matches!(c, '\u{200c}' | '\u{200d}');
        let between_letters = || letter(text.get(..i).and_then(|b| b.chars().next_back())) && letter(text.get(i.saturating_add(c.len_utf8())..).and_then(|a| a.chars().next()));
        (!(joiner && between_letters())).then_some((i, c, kind))
    })
}

/// Whether `text` holds a character that [`escape`] writes as `[U+XXXX]` (a report's strings
/// never do: they were escaped).
pub fn has_hidden(text: &str) -> bool {
    hidden(text).next().is_some()
}

/// What marks an escape: a name's own `[U+` is escaped too, so no name can imitate one.
const ESCAPE_OPEN: &str = "[U+";

/// `text` with every hidden character written as `[U+XXXX]`; borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    let marks: Vec<usize> = hidden(text).map(|(i, _, _)| i).collect();
    if marks.is_empty() && !text.contains(ESCAPE_OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(16));
    for (i, c) in text.char_indices() {
        if marks.binary_search(&i).is_ok() || (c == '[' && text.get(i..).is_some_and(|t| t.starts_with(ESCAPE_OPEN))) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What is suspicious in a name; empty for a clean one. `host_like`: the name is (or may be)
/// a host name (a CN, a dNSName, an e-mail domain), so look-alike letters are checked too.
pub fn suspicious(text: &str, host_like: bool) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = hidden(text).map(|(_, _, k)| k).collect();
    // A name under a Cyrillic top-level domain (.рф, .москва) is Cyrillic on purpose: only
    // mixing scripts within a label is suspicious there (as browsers judge IDNs).
    let tld_cyrillic = text.rsplit('.').next().is_some_and(|t| decode_label(t).chars().any(|c| script(c) == Some(Script::Cyrillic)));
    if host_like && text.split(['.', '@']).any(|l| lookalike_label(l, !tld_cyrillic)) {
        kinds.push(Kind::Lookalike);
    }
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// The scripts whose letters pass for Latin ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
}

fn script(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Some(Script::Latin),
        '\u{400}'..='\u{52f}' => Some(Script::Cyrillic),
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Some(Script::Greek),
        '\u{531}'..='\u{58f}' => Some(Script::Armenian),
        _ => None,
    }
}

/// Cyrillic letters drawn like Latin ones (UTS #39 confusables, the lower-case set browsers
/// use for whole-script look-alikes): a label made only of these reads as a Latin word
/// (`раураl`). Lower-case в, к, м, н, т are not in it: they do not read as Latin (москва).
const CYRILLIC_LATIN_LOOKALIKES: &str = "аеорсухіјѕһӏԁԛԝАВЕКМНОРСТХІЈЅ";

/// A label decoded from Punycode if it is an A-label (as it is, when it is not or cannot be).
fn decode_label(label: &str) -> Cow<'_, str> {
    match label.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("xn--") => {
            label.get(4..).and_then(punycode_decode).map_or(Cow::Borrowed(label), Cow::Owned)
        }
        _ => Cow::Borrowed(label),
    }
}

/// Whether a label, decoded from Punycode if it is an A-label, mixes look-alike scripts or
/// (with `whole_script`) is Cyrillic that reads as Latin.
fn lookalike_label(label: &str, whole_script: bool) -> bool {
    let decoded = decode_label(label);
    let label = decoded.as_ref();
    let mut seen: Option<Script> = None;
    let mut only_lookalike_cyrillic = true;
    let mut letters = 0usize;
    for c in label.chars() {
        let Some(s) = script(c) else { continue };
        letters = letters.saturating_add(1);
        if seen.is_some_and(|p| p != s) {
            return true;
        }
        seen = Some(s);
        only_lookalike_cyrillic &= s == Script::Cyrillic && CYRILLIC_LATIN_LOOKALIKES.contains(c);
    }
    whole_script && letters > 0 && only_lookalike_cyrillic
}

/// Longest Punycode label decoded (a DNS label is at most 63 octets, RFC 1035 2.3.4): bounds
/// the decoder's work on hostile input.
const MAX_PUNYCODE_LABEL: usize = 63;

/// RFC 3492 6.2 decoding of the part after `xn--`; `None` for an invalid or oversized label.
pub fn punycode_decode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    const INITIAL_BIAS: u32 = 72;
    const INITIAL_N: u32 = 128;
    if input.len() > MAX_PUNYCODE_LABEL || !input.is_ascii() {
        return None;
    }
    let (basic, rest) = match input.rfind('-') {
        Some(i) => (input.get(..i)?, input.get(i.checked_add(1)?..)?),
        None => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = rest.bytes();
    while digits.len() > 0 {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'A'..=b'Z' => u32::from(b - b'A'),
                b @ b'0'..=b'9' => u32::from(b - b'0').checked_add(26)?,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias { TMIN } else if k >= bias.checked_add(TMAX)? { TMAX } else { k - bias };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE.checked_sub(t)?)?;
            k = k.checked_add(BASE)?;
        }
        let len = u32::try_from(output.len()).ok()?.checked_add(1)?;
        bias = adapt(i.checked_sub(old_i)?, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        output.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i = i.checked_add(1)?;
    }
    return Some(output.into_iter().collect());

    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / DAMP } else { delta / 2 };
        delta = delta.saturating_add(delta / points.max(1));
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + (((BASE - TMIN + 1) * delta) / (delta + SKEW))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn escapes_only_what_hides() {
        assert_eq!(escape("mail.example.com"), "mail.example.com");
        assert_eq!(escape("bücher.example"), "bücher.example");
        assert_eq!(escape("a\u{202e}b\0c\u{200b}"), "a[U+202E]b[U+0000]c[U+200B]");
        assert_eq!(escape("\u{e0041}"), "[U+E0041]");
        // A name cannot imitate an escape ...
        assert_eq!(escape("a[U+202E]b"), "a[U+005B]U+202E]b");
        assert_eq!(escape("[x]"), "[x]");
        // ... and Persian keeps its zero-width non-joiner between letters.
        assert_eq!(escape("\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}"), "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}");
        assert_eq!(escape("a\u{200c}b"), "a[U+200C]b");
    }

    #[test]
    fn punycode_round_trips_rfc3492_samples() {
        assert_eq!(punycode_decode("bcher-kva").unwrap(), "bücher");
        assert_eq!(punycode_decode("pple-43d").unwrap(), "аpple");
        assert_eq!(punycode_decode("80ak6aa92e").unwrap(), "аррӏе");
        assert_eq!(punycode_decode("egbpdaj6bu4bxfgehfvwxn").unwrap(), "ليهمابتكلموشعربي؟");
        assert!(punycode_decode("99999999999").is_none());
        assert!(punycode_decode(&"a".repeat(100)).is_none());
    }

    #[test]
    fn kinds() {
        assert!(suspicious("mail.example.com", true).is_empty());
        assert!(suspicious("bücher.example", true).is_empty());
        assert!(suspicious("xn--bcher-kva.example", true).is_empty());
        assert!(suspicious("пример.рф", true).is_empty(), "Cyrillic words that do not read as Latin are fine");
        assert!(suspicious("Ελληνικά.gr", true).is_empty());
        assert!(suspicious("mail.xn--80adxhks.xn--p1ai", true).is_empty(), "москва.рф");
        assert!(suspicious("росреестр.example", true).is_empty());
        assert!(suspicious("рус.рф", true).is_empty(), "whole-script Cyrillic under a Cyrillic TLD");
        assert_eq!(suspicious("аpple.com", true), vec![Kind::Lookalike]);
        assert_eq!(suspicious("xn--pple-43d.com", true), vec![Kind::Lookalike]);
        assert_eq!(suspicious("xn--80ak6aa92e.com", true), vec![Kind::Lookalike]);
        assert!(suspicious("аpple.com", false).is_empty(), "organisation names may mix scripts");
        assert_eq!(suspicious("a\u{202e}b\0", false), vec![Kind::Nul, Kind::Bidi]);
        assert_eq!(suspicious("a\u{200d}b\u{7}", false), vec![Kind::Control, Kind::Invisible]);
    }
}

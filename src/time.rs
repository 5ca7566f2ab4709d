//! Dates without a clock: conversions between Unix seconds and ISO 8601 / RFC 3339 text.
//!
//! The core never reads the clock (x509-parser's clock panics on wasm32); callers pass the
//! validation time in.

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn to_iso(secs: i64) -> String {
    let days = secs.div_euclid(DAY);
    let rem = secs.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// Formats Unix seconds as `YYYY-MM-DD`.
pub fn to_date(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.frac]]` with `Z` or `+HH:MM`, or plain Unix seconds.
pub fn parse(text: &str) -> Option<i64> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    let num = |s: Option<&str>| -> Option<i64> {
        let s = s?;
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let y = num(t.get(0..4))?;
    let m = num(t.get(5..7))?;
    let d = num(t.get(8..10))?;
    if t.get(4..5) != Some("-") || t.get(7..8) != Some("-") || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let date = days_from_civil(y, m, d) * DAY;
    let rest = t.get(10..)?;
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let hh = num(rest.get(0..2))?;
    let mm = num(rest.get(3..5))?;
    if rest.get(2..3) != Some(":") || hh > 23 || mm > 59 {
        return None;
    }
    let mut tail = rest.get(5..)?;
    let mut ss = 0;
    if let Some(s) = tail.strip_prefix(':') {
        ss = num(s.get(0..2))?;
        if ss > 60 {
            return None;
        }
        tail = s.get(2..)?;
        if let Some(frac) = tail.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            tail = frac.get(digits..)?;
        }
    }
    let offset = match tail {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match tail.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let oh = num(tail.get(1..3))?;
            let om = num(tail.get(4..6))?;
            if tail.get(3..4) != Some(":") || tail.len() != 6 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(date + hh * 3600 + mm * 60 + ss - offset)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) to days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(to_iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse("2026-11-22T05:00:00Z"), Some(1_795_323_600));
        assert_eq!(to_iso(1_795_323_600), "2026-11-22T05:00:00Z");
        assert_eq!(parse("2024-02-29"), Some(1_709_164_800));
        assert_eq!(parse("2024-02-29T01:00:00+01:00"), Some(1_709_164_800));
        assert_eq!(parse("2019-07-01"), Some(crate::limits::APPLE_825_DAY_RULE_FROM));
        assert_eq!(parse("1700000000"), Some(1_700_000_000));
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2024-13-01"), None);
    }
}

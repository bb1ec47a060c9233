//! Labels a reader can read: the text drawn beside each body (never cut, never the same for two
//! bodies), its lines, its size, and which labels the map shows at a zoom level.
//!
//! Labels are drawn at a fixed size on screen ([`LABEL_PX`]) whatever the zoom, as map labels
//! are: zooming out never makes them smaller, it shows fewer of them. [`place`] decides which:
//! in order of importance, a label is shown when its box overlaps no label already shown and
//! no other body's symbol. Zooming in spreads the bodies apart and so reveals more labels.

use std::collections::HashMap;

use crate::model::{Dataset, Text, INTL};
use crate::view::Lang;

/// On-screen size of a label, in CSS px. Never below 11 (the legibility floor).
pub const LABEL_PX: f64 = 12.0;
/// Height of one line of a label, in CSS px.
pub const LINE_PX: f64 = 14.0;
/// A label longer than this (in width units: a Latin character is 1, a CJK one 2) wraps.
const WRAP_UNITS: usize = 26;

/// The label of every body of a dataset in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    text: Vec<String>,
}

fn is_wide(c: char) -> bool {
    (c as u32) >= 0x2e80
}

impl Labels {
    /// Short name when there is one, else the name; English where the Japanese is missing.
    /// Two bodies that would read the same get the country after the text ("NSC (US)" and
    /// "NSC (JP)"), and where that is not enough the year they began.
    pub fn new(dataset: &Dataset, lang: Lang) -> Self {
        let ja = |t: &Text| t.ja.clone().filter(|_| lang == Lang::Ja);
        let mut text: Vec<String> = dataset
            .nodes
            .iter()
            .map(|n| match (&n.short, lang) {
                (Some(s), Lang::Ja) => ja(s)
                    .or_else(|| ja(&n.name))
                    .unwrap_or_else(|| s.en.clone()),
                (Some(s), Lang::En) => s.en.clone(),
                (None, _) => ja(&n.name).unwrap_or_else(|| n.name.en.clone()),
            })
            .map(|t| t.trim().to_string())
            .collect();
        let mark = |country: &str| -> Option<&'static str> {
            match (country, lang) {
                (INTL, _) => None,
                ("us", Lang::En) => Some("US"),
                ("jp", Lang::En) => Some("JP"),
                ("us", Lang::Ja) => Some("米"),
                ("jp", Lang::Ja) => Some("日"),
                _ => None,
            }
        };
        let bracket = |t: &str, extra: &str| match lang {
            Lang::En => format!("{t} ({extra})"),
            Lang::Ja => format!("{t}（{extra}）"),
        };
        for round in 0..2 {
            let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, t) in text.iter().enumerate() {
                groups.entry(t.as_str()).or_default().push(i);
            }
            let dups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
            if dups.is_empty() {
                break;
            }
            for group in dups {
                for i in group {
                    let n = &dataset.nodes[i];
                    let extra = if round == 0 {
                        mark(&n.country)
                            .map(str::to_string)
                            .or_else(|| n.country.to_uppercase().into())
                    } else {
                        Some(n.since.start().0.to_string())
                    };
                    if let Some(extra) = extra {
                        text[i] = bracket(&text[i], &extra);
                    }
                }
            }
        }
        Labels { text }
    }

    pub fn text(&self, i: usize) -> &str {
        &self.text[i]
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The label of body `i` broken into lines.
    pub fn lines(&self, i: usize) -> Vec<String> {
        lines(&self.text[i])
    }
}

/// Breaks a label into lines of at most about [`WRAP_UNITS`]: at spaces for Latin text, anywhere
/// for Japanese (which has no spaces). Nothing is ever dropped.
pub fn lines(text: &str) -> Vec<String> {
    let units = |s: &str| {
        s.chars()
            .map(|c| if is_wide(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    if units(text) <= WRAP_UNITS {
        return vec![text.to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_inclusive(' ') {
        if !line.is_empty() && units(&line) + units(word.trim_end()) > WRAP_UNITS {
            out.push(line.trim_end().to_string());
            line.clear();
        }
        if units(word) > WRAP_UNITS {
            // A word longer than a line (Japanese has no spaces): cut by characters.
            for c in word.chars() {
                // A closing bracket or a comma never starts a line.
                let closing = matches!(c, ')' | '）' | '」' | '』' | '、' | '。' | '・');
                if units(&line) + units(&c.to_string()) > WRAP_UNITS
                    && !line.trim().is_empty()
                    && !closing
                {
                    out.push(line.trim_end().to_string());
                    line.clear();
                }
                line.push(c);
            }
        } else {
            line.push_str(word);
        }
    }
    if !line.trim().is_empty() {
        out.push(line.trim_end().to_string());
    }
    out
}

/// Approximate width of a line at `px`: wide characters (CJK) are a full em, capitals and
/// digits about two thirds, the rest a little over half. Slightly generous, so that a label
/// judged free of others is.
pub fn line_width(text: &str, px: f64) -> f64 {
    text.chars()
        .map(|c| {
            if is_wide(c) {
                1.0
            } else if c.is_ascii_uppercase() || c.is_ascii_digit() {
                0.68
            } else if c == ' ' {
                0.3
            } else {
                0.56
            }
        })
        .sum::<f64>()
        * px
}

/// Width and height of a label's box at `px`, in the same unit as `px`.
pub fn size(lines: &[String], px: f64) -> (f64, f64) {
    let w = lines.iter().map(|l| line_width(l, px)).fold(0.0, f64::max);
    (w, lines.len() as f64 * px * LINE_PX / LABEL_PX)
}

/// One body as label placement sees it, in screen px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// Centre of the symbol.
    pub x: f64,
    pub y: f64,
    /// Radius of the symbol on screen.
    pub r: f64,
    /// Size of the label's box; the box starts right of the symbol, centred vertically.
    pub w: f64,
    pub h: f64,
    /// Width taken left of the symbol (the "+N" badge of a folded body): an obstacle too.
    pub lead: f64,
}

impl Candidate {
    fn label_box(&self, gap: f64) -> (f64, f64, f64, f64) {
        let x0 = self.x + self.r + gap;
        (
            x0,
            self.y - self.h / 2.0,
            x0 + self.w,
            self.y + self.h / 2.0,
        )
    }

    fn symbol_box(&self) -> (f64, f64, f64, f64) {
        (
            self.x - self.r - self.lead,
            self.y - self.r,
            self.x + self.r,
            self.y + self.r,
        )
    }
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// A box (x0, y0, x1, y1) and the candidate it belongs to, listed by grid cell.
type Grid = HashMap<(i64, i64), Vec<(usize, (f64, f64, f64, f64))>>;

/// Which labels to show: candidates are taken in `order` (most important first); a label is
/// shown when its box overlaps neither a label shown before it nor any other body's symbol.
/// `gap` is the space between a symbol and its label. Returns one flag per candidate.
pub fn place(candidates: &[Candidate], order: &[usize], gap: f64) -> Vec<bool> {
    let cell = 64.0;
    let key = |x: f64, y: f64| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    // Symbols and shown labels in a uniform grid: each box is listed in every cell it touches.
    let mut grid: Grid = HashMap::new();
    let insert = |grid: &mut Grid, owner: usize, b: (f64, f64, f64, f64)| {
        let (a, c) = (key(b.0, b.1), key(b.2, b.3));
        // Very large boxes (a label far off screen at an extreme zoom) are capped.
        if (c.0 - a.0) * (c.1 - a.1) > 4096 {
            return;
        }
        for gx in a.0..=c.0 {
            for gy in a.1..=c.1 {
                grid.entry((gx, gy)).or_default().push((owner, b));
            }
        }
    };
    for (i, c) in candidates.iter().enumerate() {
        if c.x.is_finite() && c.y.is_finite() {
            insert(&mut grid, i, c.symbol_box());
        }
    }
    let mut shown = vec![false; candidates.len()];
    for &i in order {
        let Some(c) = candidates.get(i) else { continue };
        if !(c.x.is_finite() && c.y.is_finite()) {
            continue;
        }
        let b = c.label_box(gap);
        let (a, z) = (key(b.0, b.1), key(b.2, b.3));
        if (z.0 - a.0) * (z.1 - a.1) > 4096 {
            continue;
        }
        let free = (a.0..=z.0).all(|gx| {
            (a.1..=z.1).all(|gy| {
                grid.get(&(gx, gy)).is_none_or(|items| {
                    items
                        .iter()
                        .all(|&(owner, other)| owner == i || !overlap(b, other))
                })
            })
        });
        if free {
            shown[i] = true;
            insert(&mut grid, i, b);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_and_keep_every_word() {
        let t = "Japan–U.S.–ROK Trilateral Diplomatic Working Group on DPRK Cyber Activities";
        let l = lines(t);
        assert!(l.len() > 1);
        assert_eq!(l.join(" "), t);
        assert!(l.iter().all(|x| x.chars().count() <= WRAP_UNITS));
        let ja = "サイバー安全保障分野での対応能力の向上に向けた有識者会議";
        let l = lines(ja);
        assert!(l.len() > 1);
        assert_eq!(l.concat(), ja);
        assert_eq!(lines("CISA"), ["CISA"]);
    }

    #[test]
    fn placement_hides_what_would_overlap_and_keeps_the_important_first() {
        let c = |x: f64, y: f64| Candidate {
            x,
            y,
            r: 5.0,
            w: 60.0,
            h: 14.0,
            lead: 0.0,
        };
        // Two labels that would overlap: the more important one is shown.
        let pair = [c(0.0, 0.0), c(0.0, 8.0), c(300.0, 0.0)];
        assert_eq!(place(&pair, &[0, 1, 2], 4.0), [true, false, true]);
        assert_eq!(place(&pair, &[1, 0, 2], 4.0), [false, true, true]);
        // A label never covers another body's symbol, whatever its importance.
        let over = [c(0.0, 0.0), c(30.0, 4.0)];
        assert_eq!(place(&over, &[0, 1], 4.0), [false, true]);
        // Spread apart (zoomed in), every label fits.
        let far = [c(0.0, 0.0), c(0.0, 100.0), c(300.0, 0.0)];
        assert_eq!(place(&far, &[0, 1, 2], 4.0), [true, true, true]);
        // A badge left of a symbol keeps labels off it.
        let mut badged = [c(0.0, 0.0), c(80.0, 0.0)];
        assert_eq!(place(&badged, &[0, 1], 4.0), [true, true]);
        badged[1].lead = 20.0;
        assert_eq!(place(&badged, &[0, 1], 4.0), [false, true]);
    }
}

//! What every chart has around its body: title, subtitle and legend on
//! top; notes and the data footer at the bottom.

use plotters::style::text_anchor::HPos;

use super::{colour, Canvas, Plot, Weight, INK, MUTED, RULE};
use crate::chart::{ChartData, LegendItem, Mark};

pub(super) const MARGIN: i32 = 40;
pub(super) const TITLE: f64 = 42.0;
pub(super) const SUBTITLE: f64 = 26.0;
pub(super) const LEGEND: f64 = 24.0;
const NOTE: f64 = 21.0;
const FOOTER: f64 = 19.0;

/// Draws the frame and returns the region left for the body.
pub(super) fn frame(c: &Canvas<'_>, d: &ChartData) -> Result<Plot, String> {
    let inner = c.w - 2 * MARGIN;
    let mut y = 20;
    for line in c.wrap(&d.title, TITLE, Weight::Bold, inner) {
        y += 48;
        c.text(&line, (MARGIN, y), TITLE, Weight::Bold, INK, HPos::Left)?;
    }
    y += 8;
    for line in c.wrap(&d.subtitle, SUBTITLE, Weight::Regular, inner) {
        y += 33;
        c.text(&line, (MARGIN, y), SUBTITLE, Weight::Regular, MUTED, HPos::Left)?;
    }
    y += 14;
    y = legend(c, &d.legend, y)?;

    // From the bottom up: footer, then notes.
    let mut bottom = c.h - 16;
    c.text(
        &d.footer,
        (c.w - MARGIN, bottom),
        FOOTER,
        Weight::Regular,
        MUTED,
        HPos::Right,
    )?;
    bottom -= 30;
    let notes: Vec<String> = d
        .notes
        .iter()
        .flat_map(|n| c.wrap(n, NOTE, Weight::Regular, inner))
        .collect();
    for (i, line) in notes.iter().enumerate() {
        let baseline = bottom - 29 * (notes.len() - 1 - i) as i32;
        c.text(line, (MARGIN, baseline), NOTE, Weight::Regular, INK, HPos::Left)?;
    }
    if !notes.is_empty() {
        bottom -= 29 * notes.len() as i32;
    }
    c.line(vec![(MARGIN, bottom), (c.w - MARGIN, bottom)], RULE, 2)?;
    Ok(Plot {
        x0: MARGIN,
        y0: y + 10,
        x1: c.w - MARGIN,
        y1: bottom - 14,
    })
}

/// One row (or more, wrapped) of swatches and labels from `top`; returns
/// the y below it.
fn legend(c: &Canvas<'_>, items: &[LegendItem], top: i32) -> Result<i32, String> {
    if items.is_empty() {
        return Ok(top);
    }
    let row = 38;
    let mut x = MARGIN;
    let mut y = top;
    for item in items {
        let w = 34 + c.width(&item.label, LEGEND, Weight::Regular);
        if x > MARGIN && x + w > c.w - MARGIN {
            x = MARGIN;
            y += row;
        }
        swatch(c, item.mark, (x, y + 8), 24)?;
        c.text(
            &item.label,
            (x + 34, y + 28),
            LEGEND,
            Weight::Regular,
            INK,
            HPos::Left,
        )?;
        x += w + 30;
    }
    Ok(y + row)
}

/// The legend's sign for `mark`: the shape the chart draws it with.
pub(super) fn swatch(c: &Canvas<'_>, mark: Mark, (x, y): (i32, i32), size: i32) -> Result<(), String> {
    let col = colour(mark);
    match mark {
        Mark::Running => {
            let mid = y + size / 2;
            c.line(vec![(x, mid), (x + size, mid)], col, 5)?;
            c.dot((x + size / 2, mid), 6, col)
        }
        Mark::Alongside => c.ring((x + size / 2, y + size / 2), size / 2 - 2, col, 4),
        _ => c.rect((x, y), (x + size, y + size), col),
    }
}

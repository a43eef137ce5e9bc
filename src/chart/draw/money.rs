//! Money: one panel per kind of money, a horizontal bar per commitment,
//! partner and years on the left, the amount at the bar's end.

use plotters::style::text_anchor::HPos;

use super::frame::MARGIN;
use super::{colour, Canvas, Plot, Weight, INK, MUTED, RULE, STRIPE};
use crate::chart::{BarPanel, MoneyChart};

/// Text sizes at the full row height; more bars than fit make rows and
/// text smaller together, so labels never overlap.
const NAME: f64 = 21.0;
const YEARS: f64 = 19.0;
const VALUE: f64 = 20.0;
const FULL_ROW: i32 = 28;
const PANEL_TITLE: f64 = 24.0;
const TICK: f64 = 18.0;
/// A panel's title row and its tick row.
const PANEL_EXTRA: i32 = 44 + 30;
const PANEL_GAP: i32 = 22;

pub(super) fn draw(c: &Canvas<'_>, p: Plot, m: &MoneyChart) -> Result<(), String> {
    let bars: Vec<_> = m.panels.iter().flat_map(|panel| &panel.bars).collect();
    if bars.is_empty() {
        return Ok(());
    }
    let panels = m.panels.len() as i32;
    let room = p.y1 - p.y0 - panels * PANEL_EXTRA - (panels - 1) * PANEL_GAP;
    let row = (room / bars.len().max(1) as i32).min(40);
    let scale = (f64::from(row) / f64::from(FULL_ROW)).min(1.0);
    let name_w = bars
        .iter()
        .map(|b| c.width(&b.label, NAME * scale, Weight::Regular))
        .max()
        .unwrap_or(0)
        .min(260);
    let years_w = bars
        .iter()
        .map(|b| c.width(&b.years, YEARS * scale, Weight::Regular))
        .max()
        .unwrap_or(0);
    let value_w = bars
        .iter()
        .map(|b| c.width(&b.value, VALUE * scale, Weight::Bold))
        .max()
        .unwrap_or(0);
    let columns = Columns {
        scale,
        name_right: p.x0 + name_w,
        years_left: p.x0 + name_w + 14,
        bar_left: p.x0 + name_w + 14 + years_w + 16,
        bar_right: p.x1 - value_w - 14,
    };
    let mut y = p.y0;
    for panel in &m.panels {
        y = draw_panel(c, &columns, panel, y, row)? + PANEL_GAP;
    }
    Ok(())
}

struct Columns {
    /// Text sizes times this: 1 when rows are at least `FULL_ROW` high.
    scale: f64,
    name_right: i32,
    years_left: i32,
    bar_left: i32,
    bar_right: i32,
}

/// Draws one panel from `top`; returns its bottom.
fn draw_panel(c: &Canvas<'_>, k: &Columns, panel: &BarPanel, top: i32, row: i32) -> Result<i32, String> {
    c.text(
        &panel.title,
        (MARGIN, top + 30),
        PANEL_TITLE,
        Weight::Bold,
        INK,
        HPos::Left,
    )?;
    let rows_top = top + 44;
    let rows_bottom = rows_top + row * panel.bars.len() as i32;
    let max = panel.ticks.last().map_or(1.0, |t| t.value).max(1.0);
    let x_of = |v: f64| k.bar_left + ((k.bar_right - k.bar_left) as f64 * v / max).round() as i32;
    for (i, _) in panel.bars.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
        let y = rows_top + row * i as i32;
        c.rect((MARGIN, y), (c.w - MARGIN, y + row), STRIPE)?;
    }
    for t in &panel.ticks {
        let x = x_of(t.value);
        c.line(vec![(x, rows_top), (x, rows_bottom)], RULE, 1)?;
        c.text(
            &t.label,
            (x, rows_bottom + 22),
            TICK,
            Weight::Regular,
            MUTED,
            HPos::Center,
        )?;
    }
    let thick = (row * 64 / 100).max(6);
    for (i, b) in panel.bars.iter().enumerate() {
        let y = rows_top + row * i as i32;
        let (name_size, years_size, value_size) = (NAME * k.scale, YEARS * k.scale, VALUE * k.scale);
        let baseline = y + row / 2 + (8.0 * k.scale).round() as i32;
        let name = c.fit(&b.label, name_size, Weight::Regular, k.name_right - MARGIN);
        c.text(
            &name,
            (k.name_right, baseline),
            name_size,
            Weight::Regular,
            INK,
            HPos::Right,
        )?;
        // An amount given each year is one year's, not a total: its
        // "each year, …" stands out from the muted years of the others.
        c.text(
            &b.years,
            (k.years_left, baseline),
            years_size,
            Weight::Regular,
            if b.each_year { INK } else { MUTED },
            HPos::Left,
        )?;
        // The smallest amounts still show as a sliver.
        let end = x_of(b.eur).max(k.bar_left + 3);
        let bar_top = y + (row - thick) / 2;
        c.rect((k.bar_left, bar_top), (end, bar_top + thick), colour(b.mark))?;
        c.text(
            &b.value,
            (end + 8, baseline),
            value_size,
            Weight::Bold,
            INK,
            HPos::Left,
        )?;
    }
    c.line(vec![(k.bar_left, rows_top), (k.bar_left, rows_bottom)], INK, 2)?;
    Ok(rows_bottom + 30)
}

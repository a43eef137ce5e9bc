//! The matrix (partners × aid types) and the aid chart (partners of one
//! aid type as tiles, grouped by evidence).

use plotters::style::text_anchor::HPos;

use super::frame::swatch;
use super::{colour, Canvas, Plot, Weight, INK, RULE, STRIPE};
use crate::chart::{AidChart, Mark, MatrixChart};

const ROW_NAME: f64 = 20.0;
const COLUMN_NAME: f64 = 19.0;

pub(super) fn matrix(c: &Canvas<'_>, p: Plot, m: &MatrixChart) -> Result<(), String> {
    // More partners or aid types than fit at full size: smaller rows,
    // columns and text together, so labels never overlap.
    let rows_room = p.y1 - p.y0 - 360;
    let row_name = ROW_NAME.min(f64::from(rows_room) / m.rows.len().max(1) as f64 * 0.8);
    let column_name = COLUMN_NAME.min(f64::from(p.x1 - p.x0 - 200) / m.columns.len().max(1) as f64 * 0.55);
    let names_w = m
        .rows
        .iter()
        .map(|r| c.width(&r.partner, row_name, Weight::Regular))
        .max()
        .unwrap_or(0)
        .min(240);
    let header_h = m
        .columns
        .iter()
        .map(|col| c.width(col, column_name, Weight::Regular))
        .max()
        .unwrap_or(0)
        .min(380)
        + 14;
    let grid_left = p.x0 + names_w + 14;
    let cols = m.columns.len().max(1) as i32;
    let col_w = (p.x1 - grid_left) / cols;
    let grid_right = grid_left + col_w * cols;
    let grid_top = p.y0 + header_h;
    let row_h = (p.y1 - grid_top) / m.rows.len().max(1) as i32;
    let grid_bottom = grid_top + row_h * m.rows.len() as i32;

    for (i, col) in m.columns.iter().enumerate() {
        let x = grid_left + col_w * i as i32;
        if i % 2 == 1 {
            c.rect((x, p.y0), (x + col_w, grid_bottom), STRIPE)?;
        }
        let label = c.fit(col, column_name, Weight::Regular, header_h - 14);
        c.text_up(&label, (x + col_w / 2, grid_top - 10), column_name, INK)?;
    }
    for (i, _) in m.rows.iter().enumerate() {
        let y = grid_top + row_h * i as i32;
        c.line(vec![(p.x0, y), (grid_right, y)], RULE, 1)?;
    }
    c.line(vec![(p.x0, grid_bottom), (grid_right, grid_bottom)], RULE, 1)?;
    let mark_size = (col_w.min(row_h) * 66 / 100).max(6);
    for (r, row) in m.rows.iter().enumerate() {
        let y = grid_top + row_h * r as i32;
        let name = c.fit(&row.partner, ROW_NAME, Weight::Regular, names_w);
        c.text(
            &name,
            (grid_left - 12, y + row_h / 2 + 7),
            ROW_NAME,
            Weight::Regular,
            INK,
            HPos::Right,
        )?;
        for (i, cell) in row.cells.iter().enumerate() {
            let Some(mark) = *cell else { continue };
            let cx = grid_left + col_w * i as i32 + col_w / 2;
            let cy = y + row_h / 2;
            match mark {
                Mark::Alongside => c.ring((cx, cy), mark_size / 2 - 1, colour(mark), 3)?,
                _ => c.rect(
                    (cx - mark_size / 2, cy - mark_size / 2),
                    (cx + mark_size / 2, cy + mark_size / 2),
                    colour(mark),
                )?,
            }
        }
    }
    Ok(())
}

const GROUP_TITLE: f64 = 24.0;
const TILE_NAME: f64 = 22.0;
const TILE_H: i32 = 44;
const TILE_GAP: i32 = 10;
const GROUP_HEAD: i32 = 44;
const GROUP_GAP: i32 = 16;

/// How many rows `n` tiles take in `cols` columns.
fn rows_of(n: usize, cols: i32) -> i32 {
    n.div_ceil(cols.max(1) as usize) as i32
}

/// How many tiles a row holds and how tall a row is: four columns of full
/// rows, or up to six, then lower rows, when fewer would run past `room`.
fn tile_layout(a: &AidChart, room: i32) -> (i32, i32) {
    let heads = a.groups.len() as i32 * (GROUP_HEAD + GROUP_GAP);
    let rows = |cols: i32| -> i32 { a.groups.iter().map(|g| rows_of(g.partners.len(), cols)).sum() };
    let full = TILE_H + TILE_GAP;
    match (4..=6).find(|&cols| heads + rows(cols) * full <= room) {
        Some(cols) => (cols, full),
        None => (6, ((room - heads) / rows(6).max(1)).clamp(8, full)),
    }
}

pub(super) fn aid(c: &Canvas<'_>, p: Plot, a: &AidChart) -> Result<(), String> {
    let (columns, row_h) = tile_layout(a, p.y1 - p.y0);
    let tile_w = (p.x1 - p.x0 - TILE_GAP * (columns - 1)) / columns;
    let tile_h = row_h - TILE_GAP * row_h / (TILE_H + TILE_GAP);
    let mut y = p.y0;
    for g in &a.groups {
        swatch(c, g.mark, (p.x0, y + 6), 26)?;
        c.text(
            &g.title,
            (p.x0 + 38, y + 28),
            GROUP_TITLE,
            Weight::Bold,
            INK,
            HPos::Left,
        )?;
        y += GROUP_HEAD;
        for (i, name) in g.partners.iter().enumerate() {
            let (col, row) = (i as i32 % columns, i as i32 / columns);
            let x = p.x0 + col * (tile_w + TILE_GAP);
            tile(c, g.mark, name, (x, y + row * row_h), (tile_w, tile_h))?;
        }
        y += rows_of(g.partners.len(), columns) * row_h + GROUP_GAP;
    }
    Ok(())
}

/// A partner's tile: a pale fill with the group's colour as a bar (or a
/// ring, for what was only announced alongside) at its left.
fn tile(
    c: &Canvas<'_>,
    mark: Mark,
    name: &str,
    (x, y): (i32, i32),
    (w, h): (i32, i32),
) -> Result<(), String> {
    let col = colour(mark);
    let pale = plotters::style::RGBColor(blend(col.0), blend(col.1), blend(col.2));
    c.rect((x, y), (x + w, y + h), pale)?;
    match mark {
        Mark::Alongside => c.ring((x + 20, y + h / 2), (h / 4).clamp(3, 11), col, 4)?,
        _ => c.rect((x, y), (x + 12, y + h), col)?,
    }
    // Full size in a full tile, smaller in a lower one.
    let size = TILE_NAME.min(f64::from(h) * 0.5);
    let left = if mark == Mark::Alongside { 44 } else { 26 };
    let name = c.fit(name, size, Weight::Regular, w - left - 10);
    c.text(
        &name,
        (x + left, y + h / 2 + (size * 0.36).round() as i32),
        size,
        Weight::Regular,
        INK,
        HPos::Left,
    )
}

/// A colour channel mixed 22 % with white: a tint that keeps dark text legible.
fn blend(v: u8) -> u8 {
    (u16::from(v) * 22 / 100 + 255 * 78 / 100) as u8
}

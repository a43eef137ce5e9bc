//! The matrix (partners × aid types) and the aid chart (partners of one
//! aid type as tiles, grouped by evidence).

use plotters::style::text_anchor::HPos;

use super::frame::swatch;
use super::{colour, Canvas, Plot, Weight, INK, RULE, STRIPE};
use crate::chart::{AidChart, Mark, MatrixChart};

const ROW_NAME: f64 = 20.0;
const COLUMN_NAME: f64 = 19.0;

pub(super) fn matrix(c: &Canvas<'_>, p: Plot, m: &MatrixChart) -> Result<(), String> {
    let names_w = m
        .rows
        .iter()
        .map(|r| c.width(&r.partner, ROW_NAME, Weight::Regular))
        .max()
        .unwrap_or(0)
        .min(240);
    let header_h = m
        .columns
        .iter()
        .map(|col| c.width(col, COLUMN_NAME, Weight::Regular))
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
        let label = c.fit(col, COLUMN_NAME, Weight::Regular, header_h - 14);
        c.text_up(&label, (x + col_w / 2, grid_top - 10), COLUMN_NAME, INK)?;
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
const TILE_COLUMNS: i32 = 4;
const TILE_H: i32 = 44;
const TILE_GAP: i32 = 10;

pub(super) fn aid(c: &Canvas<'_>, p: Plot, a: &AidChart) -> Result<(), String> {
    let tile_w = (p.x1 - p.x0 - TILE_GAP * (TILE_COLUMNS - 1)) / TILE_COLUMNS;
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
        y += 44;
        for (i, name) in g.partners.iter().enumerate() {
            let col = i as i32 % TILE_COLUMNS;
            let row = i as i32 / TILE_COLUMNS;
            let x = p.x0 + col * (tile_w + TILE_GAP);
            let ty = y + row * (TILE_H + TILE_GAP);
            tile(c, g.mark, name, (x, ty), tile_w)?;
        }
        let rows = (g.partners.len() as i32 + TILE_COLUMNS - 1) / TILE_COLUMNS;
        y += rows * (TILE_H + TILE_GAP) + 16;
    }
    Ok(())
}

/// A partner's tile: a pale fill with the group's colour as a bar (or a
/// ring, for what was only announced alongside) at its left.
fn tile(c: &Canvas<'_>, mark: Mark, name: &str, (x, y): (i32, i32), w: i32) -> Result<(), String> {
    let col = colour(mark);
    let pale = plotters::style::RGBColor(blend(col.0), blend(col.1), blend(col.2));
    c.rect((x, y), (x + w, y + TILE_H), pale)?;
    match mark {
        Mark::Alongside => c.ring((x + 20, y + TILE_H / 2), 11, col, 4)?,
        _ => c.rect((x, y), (x + 12, y + TILE_H), col)?,
    }
    let name = c.fit(name, TILE_NAME, Weight::Regular, w - 56);
    c.text(
        &name,
        (x + 44, y + TILE_H / 2 + 8),
        TILE_NAME,
        Weight::Regular,
        INK,
        HPos::Left,
    )
}

/// A colour channel mixed 22 % with white: a tint that keeps dark text legible.
fn blend(v: u8) -> u8 {
    (u16::from(v) * 22 / 100 + 255 * 78 / 100) as u8
}

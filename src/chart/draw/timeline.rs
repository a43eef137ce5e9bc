//! The timeline: the running official count as a line on top, the
//! signings of each month as bars below, on one month axis. Two panels, so
//! no bar's number can sit on the line.

use plotters::style::text_anchor::HPos;

use super::{colour, Canvas, Plot, Weight, INK, MUTED, RULE};
use crate::chart::{Mark, TimelineChart};

const LABEL: f64 = 26.0;
const VALUE: f64 = 28.0;
const GUTTER: i32 = 64;

/// A round top for a scale: a multiple of `step` with room above `max`.
fn scale_top(max: usize, step: usize) -> usize {
    let with_room = max + max.div_ceil(6).max(1);
    with_room.div_ceil(step) * step
}

pub(super) fn draw(c: &Canvas<'_>, p: Plot, t: &TimelineChart) -> Result<(), String> {
    let n = t.months.len().max(1) as i32;
    let left = p.x0 + GUTTER;
    let slot = (p.x1 - left) / n;
    let centre = |i: usize| left + slot * i as i32 + slot / 2;
    let axis_y = p.y1 - 68;

    // Month axis.
    c.line(vec![(left, axis_y), (p.x1, axis_y)], INK, 2)?;
    // Every month's name while they fit; with more months, every second,
    // third… (a divisor of 12, so each January keeps its name and year).
    let widest = t
        .months
        .iter()
        .map(|m| c.width(&m.label, LABEL, Weight::Regular))
        .max()
        .unwrap_or(0);
    let every = [1, 2, 3, 4, 6, 12]
        .into_iter()
        .find(|k| slot * k >= widest + 10)
        .unwrap_or(12);
    for (i, m) in t.months.iter().enumerate() {
        let month0: i32 = m
            .month
            .get(5..)
            .and_then(|n| n.parse().ok())
            .map_or(0, |n: i32| n - 1);
        if month0 % every != 0 && m.year.is_none() {
            continue;
        }
        c.text(
            &m.label,
            (centre(i), axis_y + 32),
            LABEL,
            Weight::Regular,
            INK,
            HPos::Center,
        )?;
        if let Some(year) = m.year {
            c.text(
                &year.to_string(),
                (centre(i), axis_y + 64),
                LABEL,
                Weight::Bold,
                INK,
                HPos::Center,
            )?;
        }
    }

    let total = axis_y - p.y0;
    let bars_h = total * 36 / 100;
    let bars_top = axis_y - bars_h;
    let line_bottom = bars_top - 36;
    let line_top = p.y0 + 30;

    // Bars: signings per month, those outside the official count stacked on top.
    let most = t
        .months
        .iter()
        .map(|m| m.counted.len() + m.not_counted.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let unit = (bars_h - 34) as f64 / most as f64;
    let bar_w = slot * 3 / 5;
    for (i, m) in t.months.iter().enumerate() {
        let x0 = centre(i) - bar_w / 2;
        let counted_h = (m.counted.len() as f64 * unit).round() as i32;
        let outside_h = (m.not_counted.len() as f64 * unit).round() as i32;
        if counted_h > 0 {
            c.rect(
                (x0, axis_y - counted_h),
                (x0 + bar_w, axis_y - 1),
                colour(Mark::Counted),
            )?;
        }
        if outside_h > 0 {
            let y = axis_y - counted_h;
            c.rect((x0, y - outside_h), (x0 + bar_w, y - 1), colour(Mark::NotCounted))?;
        }
        let count = m.counted.len() + m.not_counted.len();
        if count > 0 {
            let top = axis_y - counted_h - outside_h;
            c.text(
                &count.to_string(),
                (centre(i), top - 8),
                VALUE,
                Weight::Bold,
                INK,
                HPos::Center,
            )?;
        }
    }

    // The running official count.
    let top_value = scale_top(t.official.max(1), 5);
    let step = if top_value > 30 { 10 } else { 5 };
    let y_of = |v: usize| {
        line_bottom - ((line_bottom - line_top) as f64 * v as f64 / top_value as f64).round() as i32
    };
    c.text(
        &t.axis,
        (p.x0, line_top - 14),
        LABEL,
        Weight::Regular,
        MUTED,
        HPos::Left,
    )?;
    let mut v = 0;
    while v <= top_value {
        let y = y_of(v);
        c.line(vec![(left, y), (p.x1, y)], RULE, 1)?;
        c.text(
            &v.to_string(),
            (left - 12, y + 8),
            LABEL,
            Weight::Regular,
            MUTED,
            HPos::Right,
        )?;
        v += step;
    }
    let points: Vec<(i32, i32)> = t
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| (centre(i), y_of(m.running)))
        .collect();
    let line = colour(Mark::Running);
    c.line(points.clone(), line, 5)?;
    let mut previous = None;
    for (m, &(x, y)) in t.months.iter().zip(&points) {
        c.dot((x, y), 8, line)?;
        // A number where the count moves; a flat stretch repeats nothing.
        if previous != Some(m.running) {
            c.text(
                &m.running.to_string(),
                (x, y - 16),
                VALUE,
                Weight::Bold,
                INK,
                HPos::Center,
            )?;
        }
        previous = Some(m.running);
    }
    Ok(())
}

//! Drawing a [`ChartData`] into an RGB buffer with plotters and encoding it
//! as PNG in memory.
//!
//! The layout is done here by hand (plotters' primitives, not its chart
//! builder): phones show the image about 400 px wide, so the text is large,
//! the words few, and each label is measured and placed where it cannot
//! collide with another. The font is DejaVu Sans, embedded: no system font
//! library is read, so the output depends on the data alone.

mod frame;
mod grid;
mod money;
mod timeline;

use std::sync::OnceLock;

use plotters::backend::BitMapBackend;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle, FontTransform};

use super::{Body, ChartData, Mark};

/// DejaVu Sans 2.37 (Debian package fonts-dejavu-core 2.37); licence in
/// `assets/fonts/LICENSE`.
static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Our own family name, so nothing else registered under "sans-serif" in
/// the same process can change the charts.
const FAMILY: &str = "pactbot-dejavu-sans";

/// The embedded regular font's bytes, for the glyph coverage test.
#[cfg(test)]
pub(super) fn regular_font() -> &'static [u8] {
    REGULAR
}

/// The embedded bold font's bytes, for the glyph coverage test.
#[cfg(test)]
pub(super) fn bold_font() -> &'static [u8] {
    BOLD
}

/// Registers the embedded fonts once per process.
fn fonts() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, REGULAR)
            .map_err(|_| "the embedded DejaVu Sans does not parse".to_string())?;
        register_font(FAMILY, FontStyle::Bold, BOLD)
            .map_err(|_| "the embedded DejaVu Sans Bold does not parse".to_string())
    })
    .clone()
}

/// Light background, dark text: legible in Discord's dark and light themes.
pub(super) const BACKGROUND: RGBColor = RGBColor(0xFB, 0xFB, 0xF8);
pub(super) const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
pub(super) const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub(super) const RULE: RGBColor = RGBColor(0xD6, 0xD6, 0xD0);
pub(super) const STRIPE: RGBColor = RGBColor(0xEF, 0xEF, 0xEA);

/// Okabe–Ito colours (safe for the common colour-vision deficiencies),
/// each mark also differing in shape or lightness.
pub(super) fn colour(mark: Mark) -> RGBColor {
    match mark {
        Mark::Counted | Mark::AgreementText => RGBColor(0x00, 0x72, 0xB2),
        Mark::OfficialSummary => RGBColor(0x56, 0xB4, 0xE9),
        Mark::NotCounted | Mark::Press => RGBColor(0xE6, 0x9F, 0x00),
        Mark::Running => RGBColor(0xD5, 0x5E, 0x00),
        Mark::Alongside => RGBColor(0xCC, 0x79, 0xA7),
    }
}

/// Text weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

pub(super) type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// The drawing area with the few primitives the charts use; coordinates
/// in pixels from the top left.
pub(super) struct Canvas<'a> {
    area: Area<'a>,
    pub w: i32,
    pub h: i32,
}

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

impl Canvas<'_> {
    pub fn rect(&self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), c: RGBColor) -> Result<(), String> {
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))
            .map_err(err)
    }

    pub fn line(&self, points: Vec<(i32, i32)>, c: RGBColor, width: u32) -> Result<(), String> {
        self.area
            .draw(&PathElement::new(points, c.stroke_width(width)))
            .map_err(err)
    }

    pub fn dot(&self, centre: (i32, i32), r: i32, c: RGBColor) -> Result<(), String> {
        self.area.draw(&Circle::new(centre, r, c.filled())).map_err(err)
    }

    pub fn ring(&self, centre: (i32, i32), r: i32, c: RGBColor, width: u32) -> Result<(), String> {
        self.area
            .draw(&Circle::new(centre, r, c.stroke_width(width)))
            .map_err(err)
    }

    /// The width of `s` in pixels.
    pub fn width(&self, s: &str, size: f64, weight: Weight) -> i32 {
        font(size, weight)
            .box_size(s)
            .map_or(0, |(w, _)| i32::try_from(w).unwrap_or(i32::MAX))
    }

    /// Draws `s` with its baseline at `baseline`, aligned on `x` by `align`.
    pub fn text(
        &self,
        s: &str,
        (x, baseline): (i32, i32),
        size: f64,
        weight: Weight,
        c: RGBColor,
        align: HPos,
    ) -> Result<(), String> {
        // The ab_glyph backend puts the baseline half the size below the
        // anchor's top.
        let top = baseline - (size / 2.0).round() as i32;
        let style = font(size, weight).color(&c).pos(Pos::new(align, VPos::Top));
        self.area.draw_text(s, &style, (x, top)).map_err(err)
    }

    /// Draws `s` reading upwards from `(x_centre, bottom)`, centred on `x_centre`.
    pub fn text_up(
        &self,
        s: &str,
        (x_centre, bottom): (i32, i32),
        size: f64,
        c: RGBColor,
    ) -> Result<(), String> {
        // Rotated, the baseline is half the size right of the anchor and
        // capitals reach about 0.63 of the size left of it.
        let x = x_centre - (0.19 * size).round() as i32;
        let style = font(size, Weight::Regular)
            .transform(FontTransform::Rotate270)
            .color(&c)
            .pos(Pos::new(HPos::Left, VPos::Top));
        self.area.draw_text(s, &style, (x, bottom)).map_err(err)
    }

    /// `s` cut into lines no wider than `max`, at spaces (never at a
    /// no-break space).
    pub fn wrap(&self, s: &str, size: f64, weight: Weight, max: i32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in s.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, size, weight) > max {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `s`, shortened with an ellipsis until it is no wider than `max`.
    pub fn fit(&self, s: &str, size: f64, weight: Weight, max: i32) -> String {
        if self.width(s, size, weight) <= max {
            return s.to_string();
        }
        let mut chars: Vec<char> = s.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if self.width(&cut, size, weight) <= max {
                return cut;
            }
        }
        String::new()
    }
}

fn font(size: f64, weight: Weight) -> FontDesc<'static> {
    let style = match weight {
        Weight::Regular => FontStyle::Normal,
        Weight::Bold => FontStyle::Bold,
    };
    FontDesc::new(FontFamily::Name(FAMILY), size, style)
}

/// Draws `data` into a `width` × `height` PNG.
pub(super) fn render(data: &ChartData, width: u32, height: u32) -> Result<Vec<u8>, String> {
    fonts()?;
    let mut rgb = vec![0u8; width as usize * height as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        area.fill(&BACKGROUND).map_err(err)?;
        let canvas = Canvas {
            area,
            w: i32::try_from(width).map_err(err)?,
            h: i32::try_from(height).map_err(err)?,
        };
        let plot = frame::frame(&canvas, data)?;
        match &data.body {
            Body::Timeline(t) => timeline::draw(&canvas, plot, t)?,
            Body::Money(m) => money::draw(&canvas, plot, m)?,
            Body::Matrix(m) => grid::matrix(&canvas, plot, m)?,
            Body::Aid(a) => grid::aid(&canvas, plot, a)?,
        }
        canvas.area.present().map_err(err)?;
    }
    encode(&rgb, width, height)
}

/// The RGB buffer as a PNG file. Fast compression: a chart is flat colour
/// and compresses well anyway, and the 50 ms budget is for the whole chart.
fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc.write_header().map_err(err)?;
    writer.write_image_data(rgb).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}

/// The region left for the chart's body, inside the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plot {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

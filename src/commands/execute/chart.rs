//! `/chart`: a picture of the dataset, drawn by [`crate::chart`], with a
//! short text that says what it shows, its caveats, and which command gives
//! the same figures as text with their sources.

use super::format::{bare_link, code, link};
use super::resolve;
use super::views::{aid_name, AidRef, ErrorView};
use super::Ctx;
use crate::chart::{ChartData, ChartError, ChartKind, ChartSpec};
use crate::dataset::AidType;
use crate::reply::{Image, Reply, Status};

/// What `/chart kind:… [aid:…]` answers.
pub(super) fn chart(ctx: &Ctx<'_>, kind: ChartKind, aid: Option<&str>) -> Reply {
    let s = ctx.s;
    let kind_md = |k: ChartKind| code(format!("kind:{}", k.as_str()));
    let mut widened = None;
    let (aid, note) = match (kind, aid) {
        (ChartKind::Aid, None) => {
            return usage(
                ctx,
                (s.chart_needs_aid)(&kind_md(kind), &code("/chart kind:aid aid:air defence")),
            )
        }
        (ChartKind::Aid, Some(typed)) => {
            // A named system ("Patriot") draws its kind of aid, as `/pledged` reads it.
            let system = crate::question::system_named(ctx.ds, typed);
            let typed = system.map_or(typed, |s| s.aid.as_str());
            match resolve::aid(ctx, typed) {
                Ok((a, note)) => {
                    // The picture is of the whole kind: say so, lest "chart
                    // of F-16" read as thirteen partners pledging F-16s.
                    widened = system.map(|sys| {
                        (s.chart_system_widened)(
                            &sys.name,
                            aid_name(ctx.lang, a),
                            &code(format!("/pledged aid:{}", sys.name)),
                        )
                    });
                    (Some(a), note)
                }
                Err(r) => return *r,
            }
        }
        (_, Some(_)) => {
            return usage(
                ctx,
                (s.chart_takes_no_aid)(&kind_md(kind), &code("/chart kind:aid aid:…")),
            )
        }
        (_, None) => (None, None),
    };
    let spec = ChartSpec {
        kind,
        aid: aid.map(|a| a.id.clone()),
    };
    let text = text_command(kind, aid);
    let drawn = crate::chart::chart_data(ctx.ds, &spec, ctx.lang)
        .and_then(|data| Ok((ctx.painter.paint(&spec, &data)?, data)));
    let (image, data) = match drawn {
        Ok(d) => d,
        Err(e) => return usage(ctx, (s.chart_failed)(&e.to_string(), &code(&text))),
    };
    let mut description = (s.chart_about)(kind).to_string();
    if let Some(n) = note {
        description = format!("{n}\n\n{description}");
    }
    if let Some(w) = widened {
        description = format!("{w}\n\n{description}");
    }
    let sources = sources(ctx, kind);
    let as_text = match kind {
        ChartKind::Matrix => (s.chart_as_text_matrix)(&code("/pledged aid:…"), &code("/agreement country:…")),
        _ => (s.chart_as_text_value)(&code(&text)),
    };
    let mut b = ctx
        // The picture's own title, so the two always read the same.
        .reply(Status::Ok, data.title.clone())
        .description(description)
        .field(s.chart_as_text, as_text, false);
    if !sources.is_empty() {
        b = b.lines(
            s.sources,
            sources.iter().map(|(title, url)| source_line(title, url)),
        );
    }
    b.data_with(|| ChartView {
        chart: &data,
        aid: aid.map(|a| AidRef::new(ctx.lang, a)),
        as_text: &text,
        sources: json_sources(ctx, kind, &sources, aid),
    })
    .image(image)
    .build_one(&ctx.footer)
}

/// Draws the picture of a chart: `data` is what [`crate::chart::chart_data`]
/// gives for `spec` (in `data.lang`), so the two together name the picture
/// within one dataset version, and a painter may keep it by them.
pub trait Painter {
    fn paint(&self, spec: &ChartSpec, data: &ChartData) -> Result<Image, ChartError>;
}

/// Draws every picture anew.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fresh;

impl Painter for Fresh {
    fn paint(&self, _spec: &ChartSpec, data: &ChartData) -> Result<Image, ChartError> {
        let drawn = crate::chart::render(data)?;
        Ok(Image::new(
            drawn.file_name,
            drawn.png,
            (drawn.width, drawn.height),
            &drawn.alt,
        ))
    }
}

/// The text command with the same figures and every source.
fn text_command(kind: ChartKind, aid: Option<&AidType>) -> String {
    match (kind, aid) {
        (ChartKind::Timeline, _) => "/timeline".into(),
        (ChartKind::Money, _) => "/money".into(),
        // Each column is a `/pledged`, each row an `/agreement`.
        (ChartKind::Matrix, _) => "/pledged aid:…".into(),
        (ChartKind::Aid, Some(a)) => format!("/pledged aid:{}", a.id),
        (ChartKind::Aid, None) => "/pledged".into(),
    }
}

/// The sources the picture rests on as a whole (each pledge's own source
/// is in the text command's answer): the official count for the
/// signings, the ECB rates for the conversion.
fn sources<'a>(ctx: &Ctx<'a>, kind: ChartKind) -> Vec<(&'a str, &'a str)> {
    let ds = ctx.ds;
    match kind {
        ChartKind::Timeline => vec![("", ds.meta.official_count_source.as_str())],
        ChartKind::Money => vec![(ds.rates.source.title.as_str(), ds.rates.source.url.as_str())],
        ChartKind::Matrix | ChartKind::Aid => Vec::new(),
    }
}

/// Every source `--json` names: those of the whole picture, then each
/// drawn pledge's (of the aid type, or of every aid type for the matrix),
/// each once, in the dataset's order.
fn json_sources<'a>(
    ctx: &Ctx<'a>,
    kind: ChartKind,
    whole: &[(&'a str, &'a str)],
    aid: Option<&AidType>,
) -> Vec<&'a str> {
    let mut out: Vec<&str> = whole.iter().map(|(_, url)| *url).collect();
    let drawn = |p: &crate::dataset::Pledge| match (kind, aid) {
        (ChartKind::Matrix, _) => true,
        (ChartKind::Aid, Some(a)) => p.aid == a.id,
        _ => false,
    };
    for p in &ctx.ds.partners {
        for pledge in p.aid.iter().filter(|pl| drawn(pl)) {
            for src in &pledge.sources {
                if !out.contains(&src.as_str()) {
                    out.push(src);
                }
            }
        }
    }
    out
}

fn source_line(title: &str, url: &str) -> String {
    if title.is_empty() {
        bare_link(url)
    } else {
        link(title, url)
    }
}

/// A `/chart` that cannot be drawn as asked: an error that names why.
fn usage(ctx: &Ctx<'_>, text: String) -> Reply {
    let s = ctx.s;
    ctx.reply(Status::Error, s.error_title)
        .description(format!("{text}\n\n{}", (s.error_help)(&code("/help"))))
        .data(ErrorView { error: &text })
        .build_one(&ctx.footer)
}

/// `--json` of a chart: what is drawn (every label and number, in the
/// reader's language), the aid type of `kind:aid`, the text command with
/// the same figures, and the sources; the picture's file name and size come
/// with the reply (`image`).
#[derive(serde::Serialize)]
struct ChartView<'a> {
    chart: &'a ChartData,
    #[serde(skip_serializing_if = "Option::is_none")]
    aid: Option<AidRef<'a>>,
    as_text: &'a str,
    sources: Vec<&'a str>,
}

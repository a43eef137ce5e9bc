//! The charts on the shipped dataset: PNGs that decode, are the kind's size
//! and not blank, bytes that repeat, data pinned by snapshots, every
//! character covered by the embedded font, errors that name the bad thing.

use std::sync::OnceLock;

use super::*;
use crate::dataset::AidId;
use crate::figures::Section;

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::embedded().expect("the shipped dataset loads"))
}

/// One spec per kind; the aid chart of air defence, the first aid type.
fn specs() -> Vec<ChartSpec> {
    ChartKind::ALL
        .into_iter()
        .map(|k| match k {
            ChartKind::Aid => ChartSpec::aid(AidId("air-defence".into())),
            k => ChartSpec::of(k),
        })
        .collect()
}

/// Decodes a PNG into (width, height, RGB bytes).
fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("PNG image data");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn every_chart_decodes_at_its_size_and_is_not_blank() {
    for spec in specs() {
        for lang in Lang::ALL {
            let c = chart(ds(), &spec, lang).unwrap_or_else(|e| panic!("{spec:?} {lang}: {e}"));
            let (w, h, rgb) = decode(&c.png);
            assert_eq!((w, h), spec.kind.size(), "{spec:?} {lang}");
            assert_eq!((c.width, c.height), (w, h));
            assert!(w == WIDTH && h <= HEIGHT);
            let pixels: Vec<[u8; 3]> = rgb.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect();
            let bg = [draw::BACKGROUND.0, draw::BACKGROUND.1, draw::BACKGROUND.2];
            // The body (between the header and the footer) is drawn on.
            let body = &pixels[(w * h / 4) as usize..(w * h * 3 / 4) as usize];
            let inked = body.iter().filter(|&&p| p != bg).count();
            assert!(inked > body.len() / 20, "{spec:?} {lang}: {inked} pixels drawn");
            let mut colours = pixels.clone();
            colours.sort_unstable();
            colours.dedup();
            assert!(colours.len() > 50, "{spec:?} {lang}: {} colours", colours.len());
            // Every mark's colour is on the picture.
            for item in c.data.legend.iter().filter(|i| used(&c.data, i.mark)) {
                let col = draw::colour(item.mark);
                assert!(
                    pixels.contains(&[col.0, col.1, col.2]),
                    "{spec:?} {lang}: no {:?}",
                    item.mark
                );
            }
        }
    }
}

/// Whether the chart's body has `mark` (the money legend names press
/// reports even when a filter leaves none).
fn used(d: &ChartData, mark: Mark) -> bool {
    match &d.body {
        Body::Timeline(_) => true,
        Body::Money(m) => m.panels.iter().flat_map(|p| &p.bars).any(|b| b.mark == mark),
        Body::Matrix(m) => m.rows.iter().flat_map(|r| &r.cells).any(|c| *c == Some(mark)),
        Body::Aid(a) => a.groups.iter().any(|g| g.mark == mark),
    }
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    for spec in specs() {
        let a = chart(ds(), &spec, Lang::Uk).expect("draws");
        let b = render(&a.data).expect("draws again");
        assert_eq!(a.png, b.png, "{spec:?}");
        assert_eq!(a, b);
    }
}

#[test]
fn file_names_and_alt_texts_suit_discord() {
    for spec in specs() {
        for lang in Lang::ALL {
            let c = chart(ds(), &spec, lang).expect("draws");
            let stem = c.file_name.strip_suffix(".png").expect(".png");
            assert!(
                !stem.is_empty()
                    && stem
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                c.file_name
            );
            assert!(!c.alt.is_empty() && c.alt.chars().count() <= MAX_ALT_CHARS);
            assert_eq!(c.alt, c.data.alt);
            assert!(!c.alt.contains('\n'));
        }
    }
    assert_eq!(clip("abcdef", 4), "abc…");
    assert_eq!(clip("abc", 4), "abc");
}

/// Every string in the chart's data, through its JSON form, so a field
/// added later is covered without touching this test.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn the_embedded_font_has_every_character_the_charts_use() {
    use ab_glyph::{Font, FontRef};
    let font = FontRef::try_from_slice(draw::regular_font()).expect("the font parses");
    let bold = FontRef::try_from_slice(draw::bold_font()).expect("the bold font parses");
    let mut specs = specs();
    // Every aid type's chart, for every aid name in titles.
    specs.extend(ds().aid_types.iter().map(|a| ChartSpec::aid(a.id.clone())));
    let mut text = vec!["…0123456789".to_string()];
    for spec in &specs {
        for lang in Lang::ALL {
            let d = chart_data(ds(), spec, lang).expect("data");
            strings(&serde_json::to_value(&d).expect("serialises"), &mut text);
        }
    }
    let mut missing: Vec<char> = text
        .iter()
        .flat_map(|s| s.chars())
        .filter(|&ch| font.glyph_id(ch).0 == 0 || bold.glyph_id(ch).0 == 0)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
    // The check itself sees a missing glyph.
    assert_eq!(font.glyph_id('\u{E000}').0, 0);
    assert!(
        text.iter().any(|s| s.contains('ї') || s.contains('є')),
        "Ukrainian text was checked"
    );
}

#[test]
fn a_wrong_aid_is_an_error_that_names_it() {
    let ds = ds();
    let missing = ChartSpec {
        kind: ChartKind::Aid,
        aid: None,
    };
    assert_eq!(chart_data(ds, &missing, Lang::En), Err(ChartError::MissingAid));
    let unknown = ChartSpec::aid(AidId("death-ray".into()));
    let e = chart(ds, &unknown, Lang::En).expect_err("no such aid type");
    assert_eq!(e, ChartError::UnknownAid(AidId("death-ray".into())));
    assert!(e.to_string().contains("death-ray"), "{e}");
    for kind in [ChartKind::Timeline, ChartKind::Money, ChartKind::Matrix] {
        let spec = ChartSpec {
            kind,
            aid: Some(AidId("drones".into())),
        };
        let e = chart_data(ds, &spec, Lang::Uk).expect_err("takes no aid");
        assert_eq!(e, ChartError::AidNotAllowed(kind));
        assert!(e.to_string().contains(kind.as_str()), "{e}");
    }
}

#[test]
fn kinds_parse_from_ids_and_plain_words() {
    for k in ChartKind::ALL {
        assert_eq!(ChartKind::parse(k.as_str()), Some(k));
        assert_eq!(serde_json::to_value(k).expect("serialises"), k.as_str());
        assert_eq!(k.file_name(), format!("pactbot-{}.png", k.as_str()));
    }
    for (word, kind) in [
        (" Timeline ", ChartKind::Timeline),
        ("ХРОНОЛОГІЯ", ChartKind::Timeline),
        ("гроші", ChartKind::Money),
        ("Матриця", ChartKind::Matrix),
        ("допомога", ChartKind::Aid),
        ("money.", ChartKind::Money),
        ("зобов'язання", ChartKind::Aid),
        ("зобовʼязання", ChartKind::Aid),
    ] {
        assert_eq!(ChartKind::parse(word), Some(kind), "{word}");
    }
    for word in ["", "pie", "timelines please", "гроші й зброя"] {
        assert_eq!(ChartKind::parse(word), None, "{word}");
    }
}

#[test]
fn the_timeline_counts_as_the_timeline_command_does() {
    let ds = ds();
    let d = chart_data(ds, &ChartSpec::of(ChartKind::Timeline), Lang::En).expect("data");
    let Body::Timeline(t) = &d.body else {
        panic!("a timeline body")
    };
    let signed: usize = t
        .months
        .iter()
        .map(|m| m.counted.len() + m.not_counted.len())
        .sum();
    assert_eq!(signed, ds.partners.len());
    let official = ds
        .partners
        .iter()
        .filter(|p| p.agreement.in_official_count)
        .count();
    assert_eq!(t.official, official);
    assert_eq!(t.months.last().map(|m| m.running), Some(official));
    assert_eq!(official, ds.meta.official_count as usize);
    assert!(t.months.windows(2).all(|w| w[0].running <= w[1].running));
    assert_eq!(t.months.first().map(|m| m.month.as_str()), Some("2024-01"));
    // Croatia is drawn, outside the count, and the subtitle says so.
    assert!(t
        .months
        .iter()
        .any(|m| m.not_counted.contains(&"Croatia".to_string())));
    assert!(d.subtitle.contains("Croatia"), "{}", d.subtitle);
}

#[test]
fn the_money_chart_draws_the_money_table_without_sums() {
    let ds = ds();
    let d = chart_data(ds, &ChartSpec::of(ChartKind::Money), Lang::En).expect("data");
    let Body::Money(m) = &d.body else {
        panic!("a money body")
    };
    let table = crate::figures::money_table(ds, None, None);
    let drawn: Vec<f64> = m.panels.iter().flat_map(|p| &p.bars).map(|b| b.eur).collect();
    let expected: Vec<f64> = table
        .rows
        .iter()
        .filter(|r| !matches!(r.section, Section::Alongside | Section::AlreadyGiven))
        .filter_map(|r| r.eur.map(|c| c.eur.round()))
        .collect();
    // One bar per commitment of the table: none added up, none dropped.
    let (mut a, mut b) = (drawn.clone(), expected);
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    assert_eq!(a, b);
    for p in &m.panels {
        assert!(p.bars.windows(2).all(|w| w[0].eur >= w[1].eur));
        let top = p.ticks.last().expect("ticks").value;
        assert!(p.bars.iter().all(|b| b.eur <= top));
    }
    assert!(d.subtitle.contains("ECB reference rate of the signing date"));
    assert!(d.subtitle.contains("not deliveries"));
    assert!(d.notes.iter().any(|n| n.contains("alongside")), "{:?}", d.notes);
}

/// The bars of the money chart in `lang`.
fn money_bars(lang: Lang) -> (ChartData, Vec<Bar>) {
    let d = chart_data(ds(), &ChartSpec::of(ChartKind::Money), lang).expect("data");
    let Body::Money(m) = &d.body else {
        panic!("a money body")
    };
    let bars = m.panels.iter().flat_map(|p| p.bars.clone()).collect();
    (d, bars)
}

#[test]
fn aid_already_given_is_named_as_not_drawn_never_drawn_as_a_commitment() {
    let table = crate::figures::money_table(ds(), None, None);
    let given: Vec<_> = table.section(Section::AlreadyGiven).collect();
    // Belgium, Poland, Czechia, Croatia, Lithuania in today's data.
    assert!(given.len() >= 5, "{}", given.len());
    for lang in Lang::ALL {
        let (d, bars) = money_bars(lang);
        let note = d.notes.join(" ");
        for r in &given {
            let name = r.partner.names.get(lang);
            let eur = r.eur.expect("in euros").eur.round();
            assert!(
                !bars.iter().any(|b| b.label == name && b.eur == eur),
                "{lang}: {name}'s {eur} EUR already given is drawn as a commitment"
            );
            assert!(note.contains(name), "{lang}: {name} not named in {note}");
        }
        let said = match lang {
            Lang::En => "aid already given by the signing, as the agreements record it, not commitments (Poland > EUR 4 bn, Belgium EUR 1.07 bn, Czechia ≈ EUR 400 m,",
            Lang::Uk => "допомогу, уже надану до підписання, як це зафіксовано в угодах,\u{a0}— не зобов’язання (Польща > 4 млрд євро, Бельгія 1,07 млрд євро, Чехія ≈ 400 млн євро,",
        };
        assert!(note.contains(said), "{lang}: {note}");
        // Poland's 44 packages (over EUR 4 bn) were the largest military bar.
        assert!(
            !bars.iter().any(|b| b.value == "> 4 bn" || b.value == "> 4 млрд"),
            "{lang}"
        );
    }
}

#[test]
fn an_amount_given_each_year_is_labelled_as_one_years_amount() {
    let table = crate::figures::money_table(ds(), None, None);
    for lang in Lang::ALL {
        let (_, bars) = money_bars(lang);
        let per_year = (lang.chart_strings().money_each_year)("");
        let mut each = 0;
        for r in table.rows.iter().filter(|r| {
            matches!(r.section, Section::Military | Section::Other | Section::Press) && r.eur.is_some()
        }) {
            let name = r.partner.names.get(lang);
            let eur = r.eur.expect("in euros").eur.round();
            let bar = bars
                .iter()
                .find(|b| b.label == name && b.eur == eur)
                .unwrap_or_else(|| panic!("{lang}: no bar for {name} {eur}"));
            assert_eq!(bar.each_year, r.money.each_year, "{lang}: {name} {eur}");
            assert_eq!(
                bar.years.starts_with(&per_year),
                r.money.each_year,
                "{lang}: {}",
                bar.years
            );
            each += usize::from(bar.each_year);
        }
        // Iceland's ISK 4 bn and Latvia's EUR 5 m and EUR 2 m a year.
        assert_eq!(each, 3, "{lang}");
        let is = ds()
            .partners
            .iter()
            .find(|p| p.id.as_str() == "IS")
            .expect("Iceland");
        let iceland = bars
            .iter()
            .find(|b| b.label == is.names.get(lang) && b.each_year)
            .expect("Iceland's amount a year");
        let (years, value) = match lang {
            Lang::En => ("each year, 2024–2028", "≥ 26.8 m"),
            Lang::Uk => ("щороку, 2024–2028", "≥ 26,8 млн"),
        };
        assert_eq!((iceland.years.as_str(), iceland.value.as_str()), (years, value));
    }
}

/// The matrix as text, a line per partner: `T` agreement text, `S` official
/// summary, `P` press, `a` alongside, `.` nothing.
fn matrix_text(m: &MatrixChart) -> String {
    let mut out = format!("columns: {}\n", m.columns.join(" | "));
    for r in &m.rows {
        let cells: String = r
            .cells
            .iter()
            .map(|c| match c {
                Some(Mark::AgreementText) => 'T',
                Some(Mark::OfficialSummary) => 'S',
                Some(Mark::Press) => 'P',
                Some(Mark::Alongside) => 'a',
                Some(_) => '?',
                None => '.',
            })
            .collect();
        out.push_str(&format!("{cells} {}\n", r.partner));
    }
    out
}

#[test]
fn chart_data_snapshots() {
    let ds = ds();
    for lang in Lang::ALL {
        let timeline = chart_data(ds, &ChartSpec::of(ChartKind::Timeline), lang).expect("data");
        insta::assert_json_snapshot!(format!("timeline_{lang}"), timeline);
        let money = chart_data(ds, &ChartSpec::of(ChartKind::Money), lang).expect("data");
        insta::assert_json_snapshot!(format!("money_{lang}"), money);
        let aid = chart_data(ds, &ChartSpec::aid(AidId("air-defence".into())), lang).expect("data");
        insta::assert_json_snapshot!(format!("aid_air_defence_{lang}"), aid);
        let mut matrix = chart_data(ds, &ChartSpec::of(ChartKind::Matrix), lang).expect("data");
        let Body::Matrix(m) = std::mem::replace(
            &mut matrix.body,
            Body::Aid(AidChart {
                aid: String::new(),
                groups: Vec::new(),
            }),
        ) else {
            panic!("a matrix body")
        };
        let header = serde_json::json!({
            "title": matrix.title,
            "subtitle": matrix.subtitle,
            "legend": matrix.legend,
            "notes": matrix.notes,
            "alt": matrix.alt,
        });
        insta::assert_snapshot!(
            format!("matrix_{lang}"),
            format!(
                "{}\n{}",
                serde_json::to_string_pretty(&header).expect("json"),
                matrix_text(&m)
            )
        );
    }
}

/// Twice the partners and commitments of today's data: rows and text
/// shrink to fit instead of running off the picture.
fn doubled(kind: ChartKind) -> ChartData {
    let spec = match kind {
        ChartKind::Aid => ChartSpec::aid(AidId("consultations".into())),
        k => ChartSpec::of(k),
    };
    let mut d = chart_data(ds(), &spec, Lang::Uk).expect("data");
    match &mut d.body {
        Body::Timeline(t) => t.months.extend(t.months.clone()),
        Body::Money(m) => m.panels.iter_mut().for_each(|p| p.bars.extend(p.bars.clone())),
        Body::Matrix(m) => m.rows.extend(m.rows.clone()),
        Body::Aid(a) => a
            .groups
            .iter_mut()
            .for_each(|g| g.partners.extend(g.partners.clone())),
    }
    d
}

#[test]
fn twice_the_data_still_draws_at_the_same_size() {
    for kind in ChartKind::ALL {
        let c = render(&doubled(kind)).expect("draws");
        let (w, h, _) = decode(&c.png);
        assert_eq!((w, h), kind.size());
    }
}

/// Writes every chart to `$PACTBOT_CHART_DIR` to look at:
/// `PACTBOT_CHART_DIR=… cargo test --lib write_pngs -- --ignored`.
#[test]
#[ignore = "writes files for a person to look at"]
fn write_pngs() {
    let dir = std::env::var("PACTBOT_CHART_DIR").expect("PACTBOT_CHART_DIR");
    for spec in specs() {
        for lang in Lang::ALL {
            let c = chart(ds(), &spec, lang).expect("draws");
            let path = std::path::Path::new(&dir).join(format!("{}-{lang}.png", spec.kind));
            std::fs::write(&path, &c.png).expect("writes");
        }
    }
    for kind in ChartKind::ALL {
        let c = render(&doubled(kind)).expect("draws");
        std::fs::write(
            std::path::Path::new(&dir).join(format!("doubled-{kind}.png")),
            &c.png,
        )
        .expect("writes");
    }
    // The aid chart with the most tiles: the layout's worst case.
    let most = ds()
        .aid_types
        .iter()
        .max_by_key(|a| {
            ds().partners
                .iter()
                .filter(|p| p.pledge(&a.id).is_some() || p.alongside(&a.id).is_some())
                .count()
        })
        .expect("aid types");
    for lang in Lang::ALL {
        let c = chart(ds(), &ChartSpec::aid(most.id.clone()), lang).expect("draws");
        std::fs::write(
            std::path::Path::new(&dir).join(format!("aid-most-{lang}.png")),
            &c.png,
        )
        .expect("writes");
    }
}

//! Criterion benchmarks of each command on the embedded dataset: parse →
//! execute → Reply, and the whole `--json` answer computed and from the
//! answer cache (`pactbot::answers`, what every transport does). Run:
//! `cargo bench --bench execute`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pactbot::answers::{self, Answers, Ask, Format};
use pactbot::dataset::{Dataset, Snapshot};
use pactbot::lang::Lang;

const LINES: [(&str, &str); 10] = [
    ("agreement", "/agreement country:United Kingdom"),
    ("agreement_typo", "/agreement country:Frnace"),
    ("pledged", "/pledged aid:air defence"),
    (
        "search_free_text",
        "/search query:what did Japan pledge on demining",
    ),
    ("compare", "/compare Germany vs France"),
    ("timeline", "/timeline"),
    ("stats", "/stats"),
    ("about", "/about"),
    ("help", "/help"),
    ("no_match", "/agreement country:pizza delivery"),
];

fn bench(c: &mut Criterion) {
    let ds = Dataset::embedded().expect("dataset");
    let mut g = c.benchmark_group("execute");
    for (name, line) in LINES {
        g.bench_function(name, |b| {
            b.iter(|| pactbot::answer(&ds, black_box(line), Lang::En))
        });
    }
    g.bench_function("autocomplete_partner", |b| {
        b.iter(|| pactbot::commands::autocomplete(&ds, "agreement", "country", black_box("ger"), Lang::En))
    });
    g.bench_function("autocomplete_empty", |b| {
        b.iter(|| pactbot::commands::autocomplete(&ds, "pledged", "aid", black_box(""), Lang::En))
    });
    g.finish();

    // The whole answer as `ask --json -` writes it: computed each time, and
    // from the cache (parse, key, lookup, a shared pointer to the bytes).
    let snap = Snapshot::new(Dataset::embedded().expect("dataset"));
    let cache = Answers::default();
    let mut g = c.benchmark_group("answer_json");
    for (name, line) in LINES {
        g.bench_function(format!("{name}/uncached"), |b| {
            b.iter(|| answers::compute(&snap, &Ask::line(black_box(line)), Format::Json, Lang::En))
        });
        g.bench_function(format!("{name}/cached"), |b| {
            b.iter(|| cache.line(&snap, black_box(line), Format::Json, Lang::En))
        });
    }
    g.finish();

    c.bench_function("load_embedded_dataset", |b| {
        b.iter(|| Dataset::embedded().expect("dataset"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

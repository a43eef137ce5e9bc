//! Criterion benchmarks of each command, parse → execute → Reply, on the
//! embedded dataset. Run: `cargo bench --bench execute`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pactbot::dataset::Dataset;
use pactbot::lang::Lang;

fn bench(c: &mut Criterion) {
    let ds = Dataset::embedded().expect("dataset");
    let mut g = c.benchmark_group("execute");
    for (name, line) in [
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
    ] {
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
    c.bench_function("load_embedded_dataset", |b| {
        b.iter(|| Dataset::embedded().expect("dataset"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

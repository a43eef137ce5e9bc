//! Question parser benchmarks on the embedded dataset: building the
//! lexicon once per dataset, and interpreting questions of each kind (who
//! pledged X with a group and a system, Ukrainian, compare, not understood,
//! a long message), plus the whole question table in rotation. Run pinned
//! to one core:
//! `taskset -c 1 cargo bench --bench question -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactbot::dataset::Dataset;
use pactbot::question::{interpret, Lexicon};

const QUESTIONS: [&str; 8] = [
    "which Nordic countries pledged F-16s?",
    "хто дав ППО?",
    "які країни обіцяли винищувачі",
    "compare UK and US",
    "did Japan pledge air defence?",
    "who committed to a special tribunal for Russia",
    "when will the war end",
    "what happens if russia attacks again and who will help Ukraine with energy infrastructure after that, if anyone does",
];

fn bench(c: &mut Criterion) {
    let ds = Dataset::embedded().expect("the embedded dataset loads");
    let _ = ds.lexicon();
    c.bench_function("lexicon/build", |b| b.iter(|| black_box(Lexicon::build(&ds))));
    let mut g = c.benchmark_group("interpret");
    for q in QUESTIONS {
        g.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
            b.iter(|| black_box(interpret(&ds, black_box(q))))
        });
    }
    g.finish();
    let table: Vec<&str> = include_str!("../tests/fixtures/questions.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    let mut i = 0;
    c.bench_function("interpret/table rotation", |b| {
        b.iter(|| {
            i = (i + 1) % table.len();
            black_box(interpret(&ds, black_box(table[i])))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

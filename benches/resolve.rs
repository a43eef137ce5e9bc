//! Resolver benchmarks on the embedded dataset: building the index, and
//! resolving each of the 16 anchor queries of
//! `shared/research/performance-anchors.md` §1 (plus all 16 in rotation,
//! the realistic figure). Run pinned to one core:
//! `taskset -c 1 cargo bench --bench resolve -- --warm-up-time 1 --measurement-time 3`.

// A measuring tool: what it prints is its report.
#![allow(clippy::print_stdout)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pactbot::dataset::Dataset;
use pactbot::search::{Index, Scope, Target};

/// The anchor queries: exact, prefix, typo, Cyrillic, abbreviation, negative.
const QUERIES: [&str; 16] = [
    "Germany",
    "air defence",
    "germ",
    "artil",
    "Untied Kingdom",
    "Frnace",
    "air defense",
    "Germny",
    "Polnad",
    "artilery",
    "hellicopters",
    "Німеччина",
    "Нимеччина",
    "ппо",
    "Brazil",
    "pizza delivery",
];

/// Every name the loader gives the index, in the same order.
fn names(ds: &Dataset) -> Vec<(Target, String)> {
    let idx = |i: usize| u16::try_from(i).expect("fewer than 65,536 records");
    let mut out = Vec::new();
    for (i, p) in ds.partners.iter().enumerate() {
        let t = Target::Partner(idx(i));
        out.push((t, p.id.as_str().to_string()));
        out.extend(p.names.all().map(|n| (t, n.to_string())));
    }
    for (i, c) in ds.countries.iter().enumerate() {
        let t = Target::Country(idx(i));
        out.push((t, c.id.as_str().to_string()));
        out.extend(c.names.all().map(|n| (t, n.to_string())));
    }
    for (i, a) in ds.aid_types.iter().enumerate() {
        let t = Target::Aid(idx(i));
        for n in [a.id.as_str(), a.en.as_str(), a.uk.as_str()] {
            out.push((t, n.to_string()));
        }
        out.extend(a.aliases.iter().map(|n| (t, n.clone())));
    }
    out
}

fn bench(c: &mut Criterion) {
    let ds = Dataset::embedded().expect("the embedded dataset loads");
    let names = names(&ds);
    let ix: &Index = &ds.index;
    eprintln!("{} names, {} distinct aliases", names.len(), ix.len());
    for q in QUERIES {
        eprintln!("{q:>16} → {:?}", ix.resolve(q, Scope::Any));
    }

    c.bench_function("build_index", |b| {
        b.iter(|| Index::build(names.iter().map(|(t, n)| (*t, n.as_str()))))
    });

    let mut group = c.benchmark_group("resolve");
    for q in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
            b.iter(|| ix.resolve(black_box(q), Scope::Any))
        });
    }
    group.bench_function("mixed", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % QUERIES.len();
            ix.resolve(black_box(QUERIES[i]), Scope::Any)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("other");
    group.bench_function("complete/germ", |b| {
        b.iter(|| ix.complete(black_box("germ"), Scope::Places, 25))
    });
    group.bench_function("complete/un", |b| {
        b.iter(|| ix.complete(black_box("un"), Scope::Places, 25))
    });
    group.bench_function("scan/question", |b| {
        b.iter(|| ix.scan(black_box("what did Japan pledge on drones?"), Scope::Any))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

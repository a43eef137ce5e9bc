//! Criterion benchmarks of each chart on the embedded dataset, in Ukrainian
//! (the longer labels): the whole chart (data, drawing, PNG encoding) and
//! the drawing and encoding alone. The budget is 50 ms per chart on one
//! core. Run: `cargo bench --bench chart`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pactbot::chart::{self, ChartKind, ChartSpec};
use pactbot::dataset::{AidId, Dataset};
use pactbot::lang::Lang;

fn bench(c: &mut Criterion) {
    let ds = Dataset::embedded().expect("dataset");
    let mut g = c.benchmark_group("chart");
    for kind in ChartKind::ALL {
        let spec = match kind {
            ChartKind::Aid => ChartSpec::aid(AidId("air-defence".into())),
            k => ChartSpec::of(k),
        };
        g.bench_function(kind.as_str(), |b| {
            b.iter(|| chart::chart(&ds, black_box(&spec), Lang::Uk).expect("draws"))
        });
        let data = chart::chart_data(&ds, &spec, Lang::Uk).expect("data");
        g.bench_function(format!("{}_render_only", kind.as_str()), |b| {
            b.iter(|| chart::render(black_box(&data)).expect("draws"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

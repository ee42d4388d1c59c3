//! Search + filters + every facet count over 100,000 synthetic events.
//!
//! `cargo bench -p report-core --bench query`

use std::sync::OnceLock;

use divan::{black_box, Bencher};
use report_core::query::{Filters, Index, MonthKey};
use report_core::synth::synth;
use report_core::{Report, YearMonth};

const N: usize = 100_000;

fn data() -> &'static (Report, Index) {
    static DATA: OnceLock<(Report, Index)> = OnceLock::new();
    DATA.get_or_init(|| {
        let r = synth(N, 42);
        let idx = Index::new(&r);
        // The search index is built on the first search; build it here so the search benches
        // measure keystrokes, not that one-off build (see `build_search_index`).
        idx.prepare_search();
        (r, idx)
    })
}

fn main() {
    divan::main();
}

fn run(b: Bencher, f: Filters) {
    let (_, idx) = data();
    b.bench(|| black_box(idx.run(black_box(&f))));
}

#[divan::bench]
fn empty(b: Bencher) {
    run(b, Filters::default());
}

#[divan::bench]
fn word(b: Bencher) {
    run(
        b,
        Filters {
            q: "court".into(),
            ..Filters::default()
        },
    );
}

#[divan::bench]
fn prefix_of_one_letter(b: Bencher) {
    run(
        b,
        Filters {
            q: "s".into(),
            ..Filters::default()
        },
    );
}

#[divan::bench]
fn alias(b: Bencher) {
    run(
        b,
        Filters {
            q: "KNB".into(),
            ..Filters::default()
        },
    );
}

#[divan::bench]
fn phrase_and_word(b: Bencher) {
    run(
        b,
        Filters {
            q: "united arab emirates treaty".into(),
            ..Filters::default()
        },
    );
}

#[divan::bench]
fn facets_and_word(b: Bencher) {
    run(
        b,
        Filters {
            q: "sentenced".into(),
            categories: ["prosecution".to_owned(), "detention".to_owned()].into(),
            places: ["shymkent".to_owned(), "almaty".to_owned()].into(),
            months: [
                MonthKey::Month(YearMonth {
                    year: 2008,
                    month: 3,
                }),
                MonthKey::Year(2008),
            ]
            .into(),
            from: Some(YearMonth {
                year: 2000,
                month: 1,
            }),
            ..Filters::default()
        },
    );
}

#[divan::bench]
fn no_match(b: Bencher) {
    run(
        b,
        Filters {
            q: "xylophone".into(),
            ..Filters::default()
        },
    );
}

/// What the first view waits for: facets and sort orders (the search text is only copied).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn build_index(b: Bencher) {
    let (r, _) = data();
    b.bench(|| black_box(Index::new(black_box(r))));
}

/// What the first search waits for on top of [`build_index`]: the full-text search index.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn build_search_index(b: Bencher) {
    let (r, _) = data();
    b.with_inputs(|| Index::new(r)).bench_local_values(|idx| {
        idx.prepare_search();
        idx
    });
}

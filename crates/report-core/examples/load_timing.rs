//! Times (and measures the peak heap of) each step of opening a big report, natively: what the
//! wasm app does when a report arrives (`validate::load_report`, `query::Index::new`, the first
//! `Index::run`), plus the parts of the old untyped load path for comparison.
//!
//! ```sh
//! cargo run --release -q -p report-cli -- synth 100000 > /tmp/synth100k.json
//! cargo run --release -p report-core --example load_timing -- /tmp/synth100k.json
//! ```
//!
//! "peak" is the most heap held at once during the step, above what was held before it (a
//! counting global allocator): the closest native stand-in for wasm linear memory, which
//! grows to the peak and never shrinks.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use report_core::query::{Filters, Index};
use report_core::validate::{check_report, load_report, validate_value};
use report_core::Report;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    NOW.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const MIB: f64 = 1024.0 * 1024.0;

/// Runs `f`, prints its time, its peak heap above the start and what it left allocated.
fn step<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let start = Instant::now();
    let out = f();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let peak = PEAK.load(Relaxed) - before;
    let kept = NOW.load(Relaxed) as f64 - before as f64;
    println!(
        "{name:<44} {ms:>9.1} ms   peak {:>7.1} MiB   kept {:>7.1} MiB",
        peak as f64 / MIB,
        kept / MIB
    );
    out
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_timing <report.json>");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    println!("{path}: {:.1} MiB of JSON", text.len() as f64 / MIB);

    // The parts of the untyped path (what load_report did before, and still does to explain a
    // file the typed parse refuses).
    let value = step("serde_json::from_str::<Value>", || {
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    });
    step("validate_value", || validate_value(&value));
    drop(step("serde_json::from_value::<Report>", || {
        serde_json::from_value::<Report>(value).unwrap()
    }));
    let typed = step("serde_json::from_str::<Report>", || {
        serde_json::from_str::<Report>(&text).unwrap()
    });
    step("check_report", || check_report(&typed));
    drop(typed);

    let report = step("load_report", || load_report(&text).unwrap());
    println!("{} events", report.events.len());
    let index = step("Index::new", || Index::new(&report));
    let r = step("first run, no filter", || index.run(&Filters::default()));
    assert_eq!(r.events.len(), report.events.len());
    for q in ["Kyrgyzstan", "court", "s", "xylophone"] {
        let f = Filters {
            q: q.into(),
            ..Filters::default()
        };
        let r = step(&format!("run, search {q:?}"), || index.run(&f));
        println!("{:>44} {} events", "", r.events.len());
    }
}

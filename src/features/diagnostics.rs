//! The detailed check of a report file the typed parse refused: not JSON (line and column),
//! another format, or every problem with its JSON path (`report_core::validate::explain`, the
//! untyped walk, in a module of its own because only a refused file needs it).

use report_core::validate::LoadError;

/// Every problem in `text`, which the typed parse refused with `typed`.
pub fn explain(text: &str, typed: &str) -> LoadError {
    report_core::validate::explain(text, typed)
}

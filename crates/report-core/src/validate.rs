//! Checks a report (as untyped JSON) and lists every problem with its JSON path.

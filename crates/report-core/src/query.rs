//! Filters, facet counts and sorting over the events of a report.

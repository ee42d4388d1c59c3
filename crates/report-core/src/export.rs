//! Export of the filtered events as CSV and JSON, with the report metadata and active filters.

//! Citations of the report and of single events: formatted styles, BibTeX, RIS and CSL-JSON.

//! Timeline buckets: events per month and category, with year-level events apart.

//! The viewer state carried in the URL query string, with `FromStr`/`Display` that round-trip.

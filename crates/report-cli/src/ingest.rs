//! `report ingest`.

use crate::Failure;

pub fn run(_args: &[String]) -> Result<(), Failure> {
    Err(Failure::Failed("`report ingest` is not built yet".to_owned()))
}

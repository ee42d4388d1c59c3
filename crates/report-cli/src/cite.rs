//! `report cite`.

use crate::Failure;

pub fn run(_args: &[String]) -> Result<(), Failure> {
    Err(Failure::Failed("`report cite` is not built yet".to_owned()))
}

//! `report validate`.

use crate::Failure;

pub fn run(_args: &[String]) -> Result<(), Failure> {
    Err(Failure::Failed("`report validate` is not built yet".to_owned()))
}

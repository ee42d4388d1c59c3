//! `report synth`.

use crate::Failure;

pub fn run(_args: &[String]) -> Result<(), Failure> {
    Err(Failure::Failed("`report synth` is not built yet".to_owned()))
}

//! Runs the viewer with the fixture analysis of the tests (for screenshots and manual checks
//! before the real pipeline is plugged in): `cargo run --example viewer_fixture -- FILE...`.

#[path = "../tests/common/fixture.rs"]
mod fixture;

use std::path::PathBuf;
use std::sync::Arc;

fn main() -> Result<(), dossier::gui::GuiError> {
    let files: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    dossier::gui::run(files, Arc::new(fixture::FixtureLoader))
}

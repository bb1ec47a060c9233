//! Shared by the native integration tests: the bundled dataset, loaded from disk.

#![allow(dead_code)]

use std::path::PathBuf;

use alliance_map::model::{load_with, Loaded};

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

pub fn bundled() -> Loaded {
    let dir = data_dir();
    match load_with("manifest.json", |name| std::fs::read_to_string(dir.join(name)).map_err(|e| e.to_string())) {
        Ok(l) => l,
        Err(problems) => panic!("the bundled manifest is invalid: {problems:#?}"),
    }
}

//! The shared suite in a browser (`wasm-pack test --headless --chrome` or
//! `--firefox`, see scripts/test).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;

#[path = "browser/otp.rs"]
mod otp;

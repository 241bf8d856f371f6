//! The shared suite in Node (`wasm-pack test --node`, see scripts/test).
#![cfg(target_arch = "wasm32")]

mod common;

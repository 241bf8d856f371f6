//! The wasm of the `verify8x8/phone` npm entry (built by
//! `scripts/package/phone-wasm.sh`): the phone crate's JavaScript face
//! (`verify8x8_phone::js`) and nothing else, the metadata handed over at
//! start (`loadPhoneMetadata`).
//!
//! On wasm32 it is `no_std`: the standard library's panic handler formats
//! its message even with `panic = "abort"`, and with it came `core::fmt`,
//! std's `Once` and their strings. Here a panic (a bug: the tests look for
//! them) traps at once. That and the rest of std left out make this wasm a
//! quarter smaller gzipped (24.0 to 18.3 KB, bench/README.md).

#![cfg_attr(target_arch = "wasm32", no_std)]

pub use verify8x8_phone::js::*;

/// lol_alloc's free list; the lock is never contended (wasm runs one
/// thread).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// A panic is a bug (the suites look for them): trap, without formatting a
/// message nobody reads.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

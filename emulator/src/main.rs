//! `verify8x8-emulator`: an emulator of the 8x8 Verify API v2 (grows in its own issue).

fn main() {
    println!("verify8x8-emulator {}", env!("CARGO_PKG_VERSION"));
}

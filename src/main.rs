//! The phone page's bundle: everything lives in the library.
// In the wasm, the entry point is wasm-bindgen's start function rather than `main`: a Rust
// `main` brings the standard library's runtime set-up and teardown (stdout's buffer, I/O
// error messages), which a page never uses (measured in 9575560).
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    nownext::ui::start_phone();
}

// Natively, the bundle's binary has nothing to do (the page as built comes from `prerender`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

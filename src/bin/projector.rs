//! The projector page's bundle: everything lives in the library.
// As in `src/main.rs`: wasm-bindgen's start function, not a Rust `main`, in the wasm.
#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    nownext::ui::start_projector();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

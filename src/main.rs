//! The bundle's entry point: everything lives in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    nownext::start();
}

//! The projector page's bundle: everything lives in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    nownext::ui::start_projector();
}

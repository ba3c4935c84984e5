//! A QR code as SVG: sharp at any size, with the standard quiet zone of four modules.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

const QUIET: i32 = 4;

/// The SVG path of the dark modules of `text`'s QR code, and the code's size with its quiet
/// zone; `None` if the text is too long for any QR code.
pub fn path(text: &str) -> Option<(String, i32)> {
    // Byte mode, which is what `QrCode::encode_text` picks for any address with a small
    // letter in it (the other modes have capitals only), without the code that looks for
    // a shorter mode, which only costs wasm (measured in fd13c00). Same versions, best
    // mask, and error correction raised where it fits, as `encode_text` does.
    let segments = [QrSegment::make_bytes(text.as_bytes())];
    let code = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        true,
    )
    .ok()?;
    Some(draw(&code))
}

/// The SVG path of `code`'s dark modules, and its size with the quiet zone.
fn draw(code: &QrCode) -> (String, i32) {
    let size = code.size();
    let mut d = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                d.push_str(&format!("M{} {}h1v1h-1z", x + QUIET, y + QUIET));
            }
        }
    }
    (d, size + 2 * QUIET)
}

/// `text` as a QR code, redrawn when it changes.
#[component]
pub fn Qr(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    move || {
        let text = text.get();
        path(&text).map(|(d, size)| {
            view! {
                <svg
                    class="qr"
                    role="img"
                    aria-label=move || label.get()
                    data-url=text
                    viewBox=format!("0 0 {size} {size}")
                    shape-rendering="crispEdges"
                >
                    <rect width="100%" height="100%" fill="#fff"></rect>
                    <path d=d fill="#000"></path>
                </svg>
            }
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `text`'s code as `QrCode::encode_text` makes it, drawn as the page draws its own.
    fn by_encode_text(text: &str) -> Option<(String, i32)> {
        QrCode::encode_text(text, QrCodeEcc::Medium)
            .ok()
            .map(|code| draw(&code))
    }

    #[test]
    fn the_pages_addresses_draw_as_encode_text_draws_them() {
        for url in [
            "https://example.org/",
            "http://localhost:8080/nownext/?delay=15",
            "https://un.example.org/nownext/projector/?lang=ar&delay=-5",
        ] {
            assert_eq!(path(url), by_encode_text(url), "{url}");
        }
    }

    #[test]
    fn an_address_too_long_for_any_code_draws_none() {
        let url = format!("https://example.org/?{}", "a".repeat(3_000));
        assert_eq!(path(&url), None);
    }

    proptest! {
        /// Any address with a small letter: byte mode is the mode `encode_text` picks.
        #[test]
        fn any_address_draws_as_encode_text_draws_it(url in "https?://[a-z0-9.-]{1,30}(:[0-9]{2,5})?/[ -~]{0,120}") {
            prop_assert_eq!(path(&url), by_encode_text(&url));
        }
    }
}

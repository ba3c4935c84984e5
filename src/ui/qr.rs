//! A QR code as SVG: sharp at any size, with the standard quiet zone of four modules.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

const QUIET: i32 = 4;

/// The SVG path of the dark modules of `text`'s QR code, and the code's size with its quiet
/// zone; `None` if the text is too long for any QR code.
pub fn path(text: &str) -> Option<(String, i32)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut d = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                d.push_str(&format!("M{} {}h1v1h-1z", x + QUIET, y + QUIET));
            }
        }
    }
    Some((d, size + 2 * QUIET))
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

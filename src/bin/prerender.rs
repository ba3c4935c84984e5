//! Build step: writes the page as built into a page Trunk has built, in place of its marker:
//! `<!-- prerendered phone -->` (the whole programme) or `<!-- prerendered projector -->`
//! (a line and a link, for browsers that cannot run the app). Run by `scripts/post-build`.
//! Usage: prerender <path to a built index.html>

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender <built index.html>");
        return ExitCode::from(2);
    };
    let html = match std::fs::read_to_string(&path) {
        Ok(html) => html,
        Err(e) => {
            eprintln!("prerender: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    const PHONE: &str = "<!-- prerendered phone -->";
    const PROJECTOR: &str = "<!-- prerendered projector -->";
    let (marker, page) = if html.contains(PHONE) {
        (PHONE, nownext::ui::prerendered_page())
    } else if html.contains(PROJECTOR) {
        (PROJECTOR, nownext::ui::prerendered_projector())
    } else {
        eprintln!("prerender: {path} has no <!-- prerendered … --> marker");
        return ExitCode::FAILURE;
    };
    if let Err(e) = std::fs::write(&path, html.replacen(marker, &page, 1)) {
        eprintln!("prerender: cannot write {path}: {e}");
        return ExitCode::FAILURE;
    }
    println!("prerendered {path}: {} bytes", page.len());
    ExitCode::SUCCESS
}

// Pages are rendered natively at build time; the bundle never contains this.
#[cfg(target_arch = "wasm32")]
fn main() {}

//! Build step: renders the pages as built, natively, with the app's own components, into a
//! folder: `phone.html` (the whole programme) and `projector.html` (a line and a link, for
//! browsers that cannot run the app). The finishing step (`bundle/finish.mjs`) runs it once
//! and puts each into its page's body. `lang.txt` names the translations' files this build
//! of the app fetches, one per line: the ones the finishing step copies.
//! Usage: prerender <folder>

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    let Some(folder) = std::env::args().nth(1) else {
        eprintln!("usage: prerender <folder>");
        return ExitCode::from(2);
    };
    let folder = std::path::Path::new(&folder);
    if let Err(e) = std::fs::create_dir_all(folder) {
        eprintln!("prerender: cannot create {}: {e}", folder.display());
        return ExitCode::FAILURE;
    }
    let files: Vec<&str> = nownext::i18n::FILES.iter().map(|(_, name)| *name).collect();
    for (name, text) in [
        ("phone.html", nownext::ui::prerendered_page()),
        ("projector.html", nownext::ui::prerendered_projector()),
        ("lang.txt", files.join("\n")),
    ] {
        let path = folder.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("prerender: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

// Pages are rendered natively at build time; the bundle never contains this.
#[cfg(target_arch = "wasm32")]
fn main() {}

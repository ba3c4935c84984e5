//! Build step and organiser's check: reads a status file (`status.json`, see
//! `docs/status.md`) with the page's own rules, and says what is wrong, naming the field.
//! The finishing step (`bundle/finish.mjs`) runs it before it copies the file into the
//! bundle, so a malformed file never ships.
//! Usage: status <file>

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: status <file>");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: cannot be read: {e}");
            return ExitCode::FAILURE;
        }
    };
    match nownext::day::room::parse(&text, &nownext::PROGRAMME) {
        Ok(status) => {
            println!(
                "{path}: version {}, {} minutes late, {} notices",
                status.version,
                status.delay.minutes,
                status.notices.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}

// A build-time check; the bundle never contains this.
#[cfg(target_arch = "wasm32")]
fn main() {}

//! Reads `programme.toml`, stops the build with a precise message if anything in it is wrong,
//! and bakes it into `$OUT_DIR/programme.rs` as a constant expression, so the bundle carries
//! the programme as static data with no parser.

use std::path::Path;
use std::process::ExitCode;

#[allow(dead_code)]
#[path = "src/programme/mod.rs"]
mod programme;

const FILE: &str = "programme.toml";

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed={FILE}");
    println!("cargo::rerun-if-changed=src/programme");
    let text = match std::fs::read_to_string(FILE) {
        Ok(text) => text,
        Err(e) => {
            println!("cargo::error={FILE}: cannot read it: {e}");
            return ExitCode::FAILURE;
        }
    };
    let programme = match programme::check::parse(&text) {
        Ok(programme) => programme,
        Err(problems) => {
            for problem in problems {
                // One `cargo::error` per line: Cargo shows each in full.
                for line in problem.to_string().lines() {
                    println!("cargo::error={FILE}: {line}");
                }
            }
            return ExitCode::FAILURE;
        }
    };
    let env = databake::CrateEnv::default();
    let baked = databake::Bake::bake(&programme, &env);
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("programme.rs");
    if let Err(e) = std::fs::write(&out, baked.to_string()) {
        println!("cargo::error=cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

//! Build step: renames a wasm module's imports and exports, leaving every other section as
//! it is, byte for byte. `bundle/finish.mjs` runs it with the names terser gave the same
//! imports and exports in the JS glue, so both sides agree on short names.
//!
//! Usage: wasm-names <module.wasm> <names>
//! `names` has one `old new` pair per line. Every import and export it names is renamed; a
//! pair that names neither is an error, so a change in what wasm-bindgen writes cannot go
//! unnoticed.

use std::collections::{BTreeSet, HashMap};
use std::process::ExitCode;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// `module` with each import's and export's name passed through `names` (a name it does not
/// hold stays), and the old names that were found.
pub fn rename<'a>(
    module: &[u8],
    names: &'a HashMap<String, String>,
) -> Result<(Vec<u8>, BTreeSet<&'a str>), String> {
    let mut out = Module::new();
    let mut found = BTreeSet::new();
    let mut new_name = |name: &str| match names.get_key_value(name) {
        Some((old, new)) => {
            found.insert(old.as_str());
            new.clone()
        }
        None => name.to_owned(),
    };
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload.map_err(|e| format!("not a wasm module this step can read: {e}"))?;
        match payload {
            Payload::ImportSection(reader) => {
                let mut section = ImportSection::new();
                for import in reader.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    let ty = RoundtripReencoder
                        .entity_type(import.ty)
                        .map_err(|e| e.to_string())?;
                    section.import(import.module, &new_name(import.name), ty);
                }
                out.section(&section);
            }
            Payload::ExportSection(reader) => {
                let mut section = ExportSection::new();
                for export in reader {
                    let export = export.map_err(|e| e.to_string())?;
                    let kind = RoundtripReencoder
                        .export_kind(export.kind)
                        .map_err(|e| e.to_string())?;
                    section.export(&new_name(export.name), kind, export.index);
                }
                out.section(&section);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    let data = usize::try_from(range.start)
                        .ok()
                        .zip(usize::try_from(range.end).ok())
                        .and_then(|(start, end)| module.get(start..end))
                        .ok_or("a section runs past the end of the module")?;
                    out.section(&RawSection { id, data });
                }
            }
        }
    }
    let bytes = out.finish();
    wasmparser::Validator::new()
        .validate_all(&bytes)
        .map_err(|e| format!("the renamed module is not valid: {e}"))?;
    Ok((bytes, found))
}

/// `old new` pairs, one a line; blank lines are skipped.
fn parse_names(text: &str) -> Result<HashMap<String, String>, String> {
    let mut names = HashMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let mut words = line.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some(old), Some(new), None) => {
                if names.insert(old.to_owned(), new.to_owned()).is_some() {
                    return Err(format!("line {}: {old} is renamed twice", n + 1));
                }
            }
            _ => return Err(format!("line {}: not `old new`: {line:?}", n + 1)),
        }
    }
    Ok(names)
}

fn run(wasm: &str, names_file: &str) -> Result<String, String> {
    let module = std::fs::read(wasm).map_err(|e| format!("{wasm}: cannot read it: {e}"))?;
    let text = std::fs::read_to_string(names_file)
        .map_err(|e| format!("{names_file}: cannot read it: {e}"))?;
    let names = parse_names(&text).map_err(|e| format!("{names_file}: {e}"))?;
    let (renamed, found) = rename(&module, &names).map_err(|e| format!("{wasm}: {e}"))?;
    if let Some(missing) = names.keys().find(|old| !found.contains(old.as_str())) {
        return Err(format!(
            "{wasm}: no import or export is named {missing}, which the glue has: the glue and the wasm do not match"
        ));
    }
    std::fs::write(wasm, &renamed).map_err(|e| format!("{wasm}: cannot write it: {e}"))?;
    Ok(format!(
        "{wasm}: {} names shortened, {} -> {} bytes",
        found.len(),
        module.len(),
        renamed.len()
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [wasm, names] = args.as_slice() else {
        eprintln!("usage: wasm-names <module.wasm> <names>");
        return ExitCode::from(2);
    };
    match run(wasm, names) {
        Ok(said) => {
            println!("wasm-names: {said}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wasm-names: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, CustomSection, EntityType, ExportKind, Function, FunctionSection, GlobalType,
        Instruction, MemoryType, TableType, TypeSection, ValType,
    };

    /// A module that imports a function, a table, a memory and a global, has code and a
    /// custom section, and exports a function and its memory.
    fn module() -> Vec<u8> {
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        m.section(&types);
        let mut imports = ImportSection::new();
        imports.import(
            "glue",
            "__wbg_log_0123456789abcdef",
            EntityType::Function(0),
        );
        let table = TableType {
            element_type: wasm_encoder::RefType::FUNCREF,
            table64: false,
            minimum: 1,
            maximum: Some(200_000),
            shared: false,
        };
        imports.import("glue", "table", table);
        let memory = MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        };
        imports.import("glue", "memory", memory);
        let global = GlobalType {
            val_type: ValType::I32,
            mutable: false,
            shared: false,
        };
        imports.import("glue", "global", global);
        m.section(&imports);
        let mut functions = FunctionSection::new();
        functions.function(0);
        m.section(&functions);
        let mut exports = ExportSection::new();
        exports.export("wasm_bindgen_shim_with_a_long_name", ExportKind::Func, 1);
        exports.export("mem", ExportKind::Memory, 0);
        m.section(&exports);
        let mut code = CodeSection::new();
        let mut f = Function::new([]);
        f.instruction(&Instruction::Call(0));
        f.instruction(&Instruction::End);
        code.function(&f);
        m.section(&code);
        m.section(&CustomSection {
            name: "producers".into(),
            data: b"kept as it is".into(),
        });
        m.finish()
    }

    fn names(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn imports_and_exports(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
        let (mut imports, mut exports) = (vec![], vec![]);
        for payload in Parser::new(0).parse_all(bytes) {
            match payload.expect("a module") {
                Payload::ImportSection(r) => imports.extend(
                    r.into_imports()
                        .map(|i| i.expect("an import").name.to_owned()),
                ),
                Payload::ExportSection(r) => {
                    exports.extend(r.into_iter().map(|e| e.expect("an export").name.to_owned()))
                }
                _ => {}
            }
        }
        (imports, exports)
    }

    #[test]
    fn no_names_change_no_byte() {
        let bytes = module();
        let none = HashMap::new();
        let (renamed, found) = rename(&bytes, &none).expect("renamed");
        assert_eq!(renamed, bytes);
        assert!(found.is_empty());
    }

    #[test]
    fn named_imports_and_exports_are_renamed_and_the_rest_stays() {
        let bytes = module();
        let map = names(&[
            ("__wbg_log_0123456789abcdef", "a"),
            ("wasm_bindgen_shim_with_a_long_name", "b"),
        ]);
        let (renamed, found) = rename(&bytes, &map).expect("renamed");
        assert_eq!(found.len(), 2);
        let (imports, exports) = imports_and_exports(&renamed);
        assert_eq!(imports, ["a", "table", "memory", "global"]);
        assert_eq!(exports, ["b", "mem"]);
        assert!(renamed.len() < bytes.len());
        // Back again: the very bytes it started from.
        let back = names(&[
            ("a", "__wbg_log_0123456789abcdef"),
            ("b", "wasm_bindgen_shim_with_a_long_name"),
        ]);
        assert_eq!(rename(&renamed, &back).expect("renamed back").0, bytes);
    }

    #[test]
    fn a_module_cut_short_is_refused() {
        let bytes = module();
        let error = rename(&bytes[..bytes.len() / 2], &HashMap::new()).expect_err("refused");
        assert!(error.contains("not a wasm module"), "{error}");
    }

    #[test]
    fn names_files_are_read_strictly() {
        assert_eq!(parse_names("a b\n\nc d\n").expect("read").len(), 2);
        assert!(
            parse_names("a b c")
                .expect_err("three words")
                .contains("line 1")
        );
        assert!(
            parse_names("a b\na c")
                .expect_err("twice")
                .contains("renamed twice")
        );
    }
}

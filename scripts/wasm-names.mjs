// Reads and renames a wasm module's imports and exports, leaving every other byte as it is.
// (Binaryen's --minify-imports-and-exports renames every export, the ones pages and tests
// call by name too, and only imports from `env`.) Used by scripts/shorten.mjs.

const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;

/** An unsigned LEB128 at `at`: its value and the offset after it. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('wasm: truncated LEB128');
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [value, at];
    shift += 7;
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const encodeName = (name) => {
  const utf8 = Buffer.from(name, 'utf8');
  return [...encodeLeb(utf8.length), ...utf8];
};

function name(bytes, at) {
  const [length, start] = leb(bytes, at);
  if (start + length > bytes.length) throw new Error('wasm: a name runs past the end of the module');
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

/** Skips a table's or a memory's limits. */
function limits(bytes, at) {
  const flags = bytes[at++];
  [, at] = leb(bytes, at);
  return flags & 1 ? leb(bytes, at)[1] : at;
}

/** Skips an import's description: function, table, memory, global or tag. */
function importDescription(bytes, at) {
  const kind = bytes[at++];
  switch (kind) {
    case 0: return leb(bytes, at)[1];
    case 1: return limits(bytes, at + 1);
    case 2: return limits(bytes, at);
    case 3: return at + 2;
    case 4: return leb(bytes, at + 1)[1];
    default: throw new Error(`wasm: unknown import kind ${kind}`);
  }
}

/** The module's sections: id, and where the payload starts and ends. */
function sections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) throw new Error('wasm: not a wasm module');
  const found = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (start + size > bytes.length) throw new Error(`wasm: section ${id} runs past the end of the module`);
    found.push({ id, header: at, start, end: start + size });
    at = start + size;
  }
  return found;
}

/**
 * `bytes` with each import's module and name, and each export's name, passed through
 * `rename.module`, `rename.import` and `rename.export` (which return the new name, or the
 * same one).
 */
export function renameWasm(bytes, rename) {
  const parts = [bytes.subarray(0, 8)];
  for (const section of sections(bytes)) {
    if (section.id !== IMPORT_SECTION && section.id !== EXPORT_SECTION) {
      parts.push(bytes.subarray(section.header, section.end));
      continue;
    }
    const [count, first] = leb(bytes, section.start);
    const payload = [...encodeLeb(count)];
    let at = first;
    for (let i = 0; i < count; i++) {
      if (section.id === IMPORT_SECTION) {
        const [module, afterModule] = name(bytes, at);
        const [field, afterField] = name(bytes, afterModule);
        const end = importDescription(bytes, afterField);
        payload.push(...encodeName(rename.module(module)), ...encodeName(rename.import(field)), ...bytes.subarray(afterField, end));
        at = end;
      } else {
        const [field, afterField] = name(bytes, at);
        const end = leb(bytes, afterField + 1)[1];
        payload.push(...encodeName(rename.export(field)), ...bytes.subarray(afterField, end));
        at = end;
      }
    }
    if (at !== section.end) throw new Error(`wasm: section ${section.id} read to ${at}, not to its end ${section.end}`);
    parts.push(Buffer.from([section.id, ...encodeLeb(payload.length), ...payload]));
  }
  return Buffer.concat(parts);
}

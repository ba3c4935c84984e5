// The room's status file (status.json): its checker and the file scripts/status writes.
// The rules are the app's (src/, the Rust parser); tests/fixtures/status/ holds both to them:
// every good-*.json is accepted and every bad-*.json refused by each. See docs/status.md.
//
// It reads the file as the page does (src/day/room/): JSON as `JSON.parse` reads it (a key given
// twice counts once, its last value; numbers are doubles, so `10.0` is the whole number 10),
// times as the address's `at` (src/day/address.rs, `parse_at`). Two things the page's browser
// would take are refused, as the build's serde_json refuses them: an unpaired surrogate
// escape (`"\ud800"`) and a byte order mark.

/** The most bytes a status file may have. */
export const MAX_BYTES = 16384;
/** The largest version: JavaScript's largest safe integer, 2^53 − 1. */
export const MAX_VERSION = 9007199254740991n;
export const MAX_MINUTES = 1440;
export const MAX_NOTICES = 5;
/** A notice's text, in characters (Unicode scalar values, as Rust's `chars()` counts). */
export const MAX_TEXT = 280;
/** The languages a notice's text may be given in; `en` is required. */
export const LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];
/** The file with nothing published: what the repository ships. */
export const DEFAULT_STATUS = { version: 0, delay: { minutes: 0 }, notices: [] };

const TIME_HELP =
  'write a time of the meeting\'s day such as "14:05", a date and time on the meeting\'s clock such as "2012-04-03T14:05", or an instant with its offset such as "2012-04-03T14:05:00-04:00"';
const EXAMPLE = '{"version": 0, "delay": {"minutes": 0}, "notices": []}';

/** A JSON number, kept as written for messages; its value is a double, as in JavaScript. */
class JsonNumber {
  constructor(raw) {
    this.raw = raw;
  }
}

/** A problem with the file as a whole or with one field (`path`, such as `delay.minutes`). */
class Problem extends Error {
  constructor(path, message) {
    super(message);
    this.path = path;
  }
}

const child = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * A JSON reader (RFC 8259) that says where the text went wrong, in words an organiser can act
 * on. Numbers stay as written; a repeated key keeps its last value, as `JSON.parse` does.
 * Objects come back with a null prototype, so no key is special.
 */
function parseJson(text) {
  let at = 0;
  const where = (index = at) => {
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
  };
  const fail = (message, index = at) => {
    if (index >= text.length) {
      throw new Problem('', `the file ends in the middle of its JSON (${where(text.length)}): it was cut short: save the whole file again, one object from { to its closing }`);
    }
    throw new Problem('', `${where(index)}: ${message}`);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const shown = (index) => (index < text.length ? JSON.stringify(text.slice(index, index + 12)) : 'the end');
  const value = (path, depth) => {
    if (depth > 32) fail('the JSON is nested too deeply for a status file');
    space();
    const c = text[at];
    if (c === '{') return object(path, depth);
    if (c === '[') return array(path, depth);
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const [word, result] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return result;
      }
    }
    if (/[A-Za-z_]/.test(c ?? '')) fail(`${word(at)} is not JSON: put a text in double quotes, such as "${word(at)}"`);
    return fail(`expected a value (a number, "text" in double quotes, an object or a list), found ${shown(at)}`);
  };
  const word = (index) => /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index))?.[0] ?? '';
  const object = (path, depth) => {
    const result = Object.create(null);
    at++;
    space();
    if (text[at] === '}') {
      at++;
      return result;
    }
    for (;;) {
      space();
      if (text[at] !== '"') {
        if (text[at] === '}') fail('a comma before }: remove the last comma');
        if (/[A-Za-z_]/.test(text[at] ?? '')) fail(`the key ${word(at)} needs double quotes: "${word(at)}"`);
        fail(`expected a key in double quotes, found ${shown(at)}`);
      }
      const key = string();
      delete result[key];
      space();
      if (text[at] !== ':') fail(`expected : after the key "${key}", found ${shown(at)}`);
      at++;
      result[key] = value(child(path, key), depth + 1);
      space();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return result;
      }
      fail(`expected , or } after the value of "${key}", found ${shown(at)}`);
    }
  };
  const array = (path, depth) => {
    const result = [];
    at++;
    space();
    if (text[at] === ']') {
      at++;
      return result;
    }
    for (;;) {
      result.push(value(child(path, result.length), depth + 1));
      space();
      if (text[at] === ',') {
        at++;
        space();
        if (text[at] === ']') fail('a comma before ]: remove the last comma');
        continue;
      }
      if (text[at] === ']') {
        at++;
        return result;
      }
      fail(`expected , or ] after a list item, found ${shown(at)}`);
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(at));
    if (!match) fail(`${shown(at)} is not a number`);
    at += match[0].length;
    return new JsonNumber(match[0]);
  };
  const string = () => {
    at++;
    let result = '';
    for (;;) {
      if (at >= text.length) fail('a text is not closed with "', text.length);
      const c = text[at];
      if (c === '"') {
        at++;
        return result;
      }
      if (c < ' ') fail(c === '\n' ? 'a text runs past the end of its line: close it with " (write a line break as \\n)' : 'a control character inside a text: remove it');
      if (c !== '\\') {
        result += c;
        at++;
        continue;
      }
      const e = text[at + 1];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
      if (simple !== undefined) {
        result += simple;
        at += 2;
        continue;
      }
      if (e !== 'u') fail(`\\${e ?? ''} is not a JSON escape: write \\\\ for a backslash`);
      const unit = (index) => (/^[0-9A-Fa-f]{4}$/.test(text.slice(index, index + 4)) ? parseInt(text.slice(index, index + 4), 16) : -1);
      const first = unit(at + 2);
      if (first < 0) fail('\\u needs four hexadecimal digits');
      at += 6;
      if (first >= 0xd800 && first <= 0xdbff) {
        const second = text.startsWith('\\u', at) ? unit(at + 2) : -1;
        if (second < 0xdc00 || second > 0xdfff) fail('an unpaired surrogate (\\ud800 to \\udbff must be followed by \\udc00 to \\udfff): write the character itself', at - 6);
        result += String.fromCharCode(first, second);
        at += 6;
      } else if (first >= 0xdc00 && first <= 0xdfff) {
        fail('an unpaired surrogate: write the character itself', at - 6);
      } else {
        result += String.fromCharCode(first);
      }
    }
  };
  space();
  if (at >= text.length) throw new Problem('', `the file is empty: write one JSON object, such as ${EXAMPLE}`);
  if (/[A-Za-z]/.test(text[at]) && !/^(true|false|null)\b/.test(text.slice(at))) {
    throw new Problem('', `not JSON (it starts ${shown(at)}): write one JSON object instead, such as ${EXAMPLE}`);
  }
  const result = value('', 0);
  space();
  if (at < text.length) fail('more after the end of the JSON: a status file is one object; remove what follows its closing }');
  return result;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonNumber);

/** How a value the file gave is named in a message. */
function show(v) {
  if (v instanceof JsonNumber) return v.raw;
  if (typeof v === 'string') return JSON.stringify([...v].length > 40 ? `${[...v].slice(0, 40).join('')}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'an object';
  return String(v);
}

/** A number whose value is whole and from 0 to `max`, as a BigInt (`10.0` and `1e1` are 10). */
function whole(v, max) {
  if (!(v instanceof JsonNumber)) return null;
  const n = Number(v.raw);
  return Number.isInteger(n) && n >= 0 && n <= Number(max) ? BigInt(n) : null;
}

const daysIn = (year, month) => [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
const validDate = (y, m, d) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);

/** RFC 3339 with an offset, as chrono's `DateTime::parse_from_rfc3339` reads it. */
export function isRfc3339(text) {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+\-\u2212]([0-9]{2}):([0-9]{2}))$/.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const offsetOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return validDate(y, mo, d) && h <= 23 && mi <= 59 && s <= 60 && offsetOk;
}

/** `H:MM`, `HH:MM` or `HH:MM:SS`. */
const isWallTime = (text) => {
  const m = /^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?$/.exec(text);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && (m[3] === undefined || Number(m[3]) <= 59);
};

/**
 * A time as the page reads `since` and `until` (and the address's `at`): a time of the
 * meeting's day (`14:05`, `9:05`, `14:05:30`), a date and time on the meeting's clock
 * (`2012-04-03T14:05`), or RFC 3339 with an offset.
 */
export function isTime(given) {
  if (typeof given !== 'string') return false;
  const trimmed = given.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');
  if (trimmed === '' || Buffer.byteLength(trimmed) > 64) return false;
  // As in an address, where a `+` left unencoded arrives as a space.
  const space = trimmed.lastIndexOf(' ');
  const text = space >= 0 && trimmed.slice(0, space).includes('T') ? `${trimmed.slice(0, space)}+${trimmed.slice(space + 1)}` : trimmed;
  if (isRfc3339(text)) return true;
  const t = text.indexOf('T');
  if (t < 0) return isWallTime(text);
  const date = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text.slice(0, t));
  return !!date && validDate(Number(date[1]), Number(date[2]), Number(date[3])) && isWallTime(text.slice(t + 1));
}

/** A notice's text problem, or null: 1 to 280 characters, not only spaces. */
export function textProblem(text) {
  const length = [...text].length;
  if (length === 0) return 'empty: write the notice, or remove it';
  if (/^\p{White_Space}+$/u.test(text)) return 'only spaces: write the notice, or remove it';
  if (length > MAX_TEXT) return `${length} characters, more than ${MAX_TEXT}: shorten it`;
  return null;
}

/** Checks the parsed file's fields; returns the status as plain data, or throws Problems. */
function checkFields(file, problems) {
  const problem = (path, message) => problems.push(new Problem(path, message));
  const unknown = (path, object, allowed, what) => {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) problem(child(path, key), `unknown field: correct its name or remove it (${what} ${allowed.map((k) => `"${k}"`).join(', ')})`);
    }
  };
  const noNull = (path, v) => {
    if (v === null) problem(path, 'null: remove the field instead');
    return v !== null;
  };
  const time = (path, v) => {
    if (!noNull(path, v)) return undefined;
    if (isTime(v)) return v;
    problem(path, `${show(v)} is not a time: ${TIME_HELP}`);
    return undefined;
  };

  if (!isObject(file)) {
    const what = Array.isArray(file) ? 'a JSON list ([…])' : `${show(file)}, not an object`;
    problem('', `the file is ${what}: write one object instead, such as ${EXAMPLE}`);
    return null;
  }
  unknown('', file, ['version', 'published', 'delay', 'notices'], 'the fields are');
  const status = {};

  let version = null;
  if (!('version' in file)) {
    problem('version', 'missing: write "version": 0 for nothing published (scripts/status and the Pages workflow write the publication\'s time)');
  } else if (noNull('version', file.version)) {
    version = whole(file.version, MAX_VERSION);
    if (version === null) {
      problem('version', `${show(file.version)} is not a whole number from 0 to ${MAX_VERSION}: write digits only, without quotes, a sign or a decimal point, such as 1333476300`);
    } else {
      status.version = Number(version);
    }
  }

  // `"published": null` says nothing, as if left out (the page reads it so).
  if ('published' in file && file.published !== null) {
    if (typeof file.published === 'string' && isRfc3339(file.published)) {
      status.published = file.published;
    } else {
      problem('published', `${show(file.published)} is not a date and time with its offset: write it as RFC 3339, such as "2012-04-03T18:05:00Z" (UTC) or "2012-04-03T14:05:00-04:00"`);
    }
  } else if (version !== null && version > 0n) {
    problem('published', `missing: a status with version ${version} says when it was published: write it, such as "published": "2012-04-03T18:05:00Z" (scripts/status --stamp writes both)`);
  }

  if ('delay' in file && noNull('delay', file.delay)) {
    const delay = file.delay;
    if (!isObject(delay)) {
      problem('delay', `${show(delay)} is not an object: write "delay": {"minutes": 10}, and "since": "14:05" to count from a time`);
    } else {
      unknown('delay', delay, ['minutes', 'since'], 'a delay has');
      status.delay = {};
      if (!('minutes' in delay)) {
        problem('delay.minutes', 'missing: write "minutes": 0 for on time, or how many minutes late');
      } else if (noNull('delay.minutes', delay.minutes)) {
        const minutes = whole(delay.minutes, BigInt(MAX_MINUTES));
        if (minutes === null) {
          problem('delay.minutes', `${show(delay.minutes)} is not a whole number of minutes from 0 to ${MAX_MINUTES}: write digits without quotes, such as 10, or 0 for on time`);
        } else {
          status.delay.minutes = Number(minutes);
        }
      }
      if ('since' in delay) {
        const since = time('delay.since', delay.since);
        if (since !== undefined) status.delay.since = since;
      }
    }
  }

  if ('notices' in file && noNull('notices', file.notices)) {
    const notices = file.notices;
    if (!Array.isArray(notices)) {
      problem('notices', `${show(notices)} is not a list: write "notices": [{"text": "…"}], or [] for none`);
    } else {
      if (notices.length > MAX_NOTICES) {
        problem('notices', `${notices.length} notices, more than ${MAX_NOTICES}: remove ${notices.length - MAX_NOTICES}`);
      }
      status.notices = [];
      notices.forEach((notice, i) => {
        const path = `notices[${i}]`;
        if (!isObject(notice)) {
          problem(path, `${show(notice)} is not an object: write {"text": "…"}, and "until": "16:00" to take it down at a time`);
          return;
        }
        unknown(path, notice, ['text', 'until'], 'a notice has');
        const out = {};
        const text = notice.text;
        if (!('text' in notice)) {
          problem(`${path}.text`, 'missing: write the notice, such as "text": "Panel II now in Conference Room 4"');
        } else if (!noNull(`${path}.text`, text)) {
          // named already
        } else if (typeof text === 'string') {
          const bad = textProblem(text);
          if (bad) problem(`${path}.text`, bad);
          out.text = text;
        } else if (isObject(text)) {
          out.text = {};
          for (const [lang, value] of Object.entries(text)) {
            const at = `${path}.text.${lang}`;
            if (!LANGUAGES.includes(lang)) {
              problem(at, `unknown language ${JSON.stringify(lang)}: remove it, or use one of ${LANGUAGES.join(', ')}`);
            } else if (typeof value !== 'string') {
              problem(at, `${show(value)} is not a text: write it in double quotes`);
            } else {
              const bad = textProblem(value);
              if (bad) problem(at, bad);
              out.text[lang] = value;
            }
          }
          if (!Object.hasOwn(text, 'en')) {
            problem(`${path}.text`, `no "en": add the English text, which readers of a language not given see, such as {"en": "…", "fr": "…"}`);
          }
        } else {
          problem(`${path}.text`, `${show(text)} is not a text: write "text": "…" (every language), or {"en": "…", "fr": "…"} by language`);
        }
        if ('until' in notice) {
          const until = time(`${path}.until`, notice.until);
          if (until !== undefined) out.until = until;
        }
        status.notices.push(out);
      });
    }
  }
  return status;
}

/**
 * Checks a status file's bytes. `name` is how messages name the file. Returns
 * `{ ok: true, status }` with the file's content as plain data, or `{ ok: false, problems }`:
 * one line per problem, each `name: field: what is wrong: what to write instead`.
 */
export function checkStatus(bytes, name = 'status.json') {
  const line = (p) => (p.path ? `${name}: ${p.path}: ${p.message}` : `${name}: ${p.message}`);
  const refuse = (message) => ({ ok: false, problems: [line(new Problem('', message))] });
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  if (buffer.length > MAX_BYTES) {
    return refuse(`${buffer.length} bytes, more than the ${MAX_BYTES} a status file may have: shorten the notices`);
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return refuse('not UTF-8 text: save it as UTF-8');
  }
  if (text.startsWith('\uFEFF')) return refuse('starts with a byte order mark: save it as UTF-8 without BOM');
  if (/^\s*</.test(text)) {
    return refuse(`an HTML page, not the status file (an error page from the host, or a page saved in its place?): write one JSON object instead, such as ${EXAMPLE}`);
  }
  let file;
  try {
    file = parseJson(text);
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    return { ok: false, problems: [line(e)] };
  }
  const problems = [];
  const status = checkFields(file, problems);
  return problems.length ? { ok: false, problems: problems.map(line) } : { ok: true, status };
}

/** The file's text for `status`: pretty-printed, keys in their usual order, one final newline. */
export function formatStatus(status) {
  const ordered = { version: status.version };
  if (status.published !== undefined) ordered.published = status.published;
  if (status.delay !== undefined) ordered.delay = status.delay;
  if (status.notices !== undefined) ordered.notices = status.notices;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** One line saying what a status says, for a person. */
export function describeStatus(status) {
  const parts = [status.version === 0 ? 'version 0 (nothing published)' : `version ${status.version}`];
  if (status.published) parts.push(`published ${status.published}`);
  const minutes = status.delay?.minutes ?? 0;
  if (minutes === 0) {
    parts.push('on time');
  } else {
    const late = `running ${minutes} minute${minutes === 1 ? '' : 's'} late`;
    parts.push(status.delay.since ? `${late} since ${status.delay.since}` : `${late} all day`);
  }
  const notices = status.notices ?? [];
  parts.push(notices.length === 0 ? 'no notices' : `${notices.length} notice${notices.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** A publication's stamp: `now` (Unix seconds), at least `previous` + 1. */
export function stamp(nowSeconds, previousVersion = 0) {
  const version = Math.max(nowSeconds, previousVersion + 1);
  if (!Number.isSafeInteger(version) || BigInt(version) > MAX_VERSION) {
    throw new RangeError(`the next version would be ${version}, past ${MAX_VERSION}`);
  }
  return { version, published: new Date(nowSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

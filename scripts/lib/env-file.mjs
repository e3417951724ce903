// `.env` support with node's `--env-file` semantics: KEY=value lines, `#` comments, optional quotes, and variables
// already in the environment win. Values are never printed.
import { existsSync, readFileSync } from 'node:fs';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

export function parseEnvFile(text) {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (match) values[match[1]] = unquote(match[2]);
  }
  return values;
}

function unquote(raw) {
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.endsWith(quote) && raw.length >= 2) {
    const inner = raw.slice(1, -1);
    return quote === '"' ? inner.replaceAll('\\n', '\n') : inner;
  }
  const comment = raw.search(/\s#/);
  return comment === -1 ? raw : raw.slice(0, comment).trimEnd();
}

/** Copies the file's variables into `env` where `env` has none; returns the names it set. */
export function loadEnvFile(file, env = process.env) {
  if (!existsSync(file)) return [];
  const loaded = [];
  for (const [name, value] of Object.entries(parseEnvFile(readFileSync(file, 'utf8')))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    loaded.push(name);
  }
  return loaded;
}

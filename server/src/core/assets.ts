import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Locates the shipped `schemas/` folder. It sits at the package root: one level above a bundle in
 * `dist/` (the extension's, or the CLI package's `server/dist` with its own `server/schemas`), three
 * above `server/out/core` in a clone. The bundle's own comes first: three levels above an
 * installed package's `node_modules/charter-lint/dist` is the user's project, whose `schemas/`
 * folder is not ours.
 */
function schemasDir(): string {
  const candidates = [
    path.resolve(__dirname, '../schemas'),
    path.resolve(__dirname, '../../../schemas'),
    path.resolve(__dirname, 'schemas'),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(path.join(candidate, 'charter.schema.json'))) return candidate;
  }
  throw new Error(`cannot find the schemas folder near ${__dirname}`);
}

const cache = new Map<string, string>();

/** Reads a shipped asset (schema or built-in model) once. */
export function readAsset(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(schemasDir(), name), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export function readJsonAsset(name: string): Record<string, unknown> {
  return JSON.parse(readAsset(name)) as Record<string, unknown>;
}

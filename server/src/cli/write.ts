import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileKind } from '../node/file-kinds';
import { isInside } from '../node/project';
import { MAX_CHARTER_BYTES, readRegularFile, type ReadResult } from '../node/read';

/**
 * How `--fix` writes a charter (SPEC §2 "Fixes"): only a `charter`; at its real path, and only when
 * that path is inside the project root (a link out of the project is not followed for writing);
 * only when the file still holds exactly the text that was linted (someone may have saved it since);
 * whole, through a temporary file in the same folder renamed over it, so an interrupted run never
 * leaves half a file; with the file's mode, byte order mark and line endings kept.
 */

/** The file-system calls a write makes; tests inject their own to change a file between read and write. */
export interface WriteFs {
  realpath(file: string): string;
  read(file: string): ReadResult;
  mode(file: string): number;
  /** Creates `file` (failing if it exists) with the data and the mode. */
  create(file: string, data: string, mode: number): void;
  rename(from: string, to: string): void;
  remove(file: string): void;
}

export const nodeWriteFs: WriteFs = {
  realpath: (file) => fs.realpathSync(file),
  read: (file) => readRegularFile(file, MAX_CHARTER_BYTES),
  mode: (file) => fs.statSync(file).mode & 0o7777,
  create(file, data, mode) {
    fs.writeFileSync(file, data, { flag: 'wx', mode });
    fs.chmodSync(file, mode); // the umask may have narrowed it
  },
  rename: (from, to) => fs.renameSync(from, to),
  remove: (file) => fs.rmSync(file, { force: true }),
};

export interface FixedCharter {
  /** Absolute path as the command line or the walk reached it (may go through symbolic links). */
  file: string;
  kind: FileKind;
  /** Real path of the project root. */
  root: string;
  /** The file's text exactly as it was read for the lint (byte order mark included). */
  original: string;
  /** The fixed text from the core (without the byte order mark, as the core saw it). */
  fixed: string;
}

export type WriteOutcome =
  | { written: true; path: string }
  | { written: false; reason: 'not-a-charter' | 'outside-root' | 'changed' | 'failed'; code?: string };

const BOM = '\uFEFF';

/**
 * The fixed text in the original's conventions: its byte order mark, and its line break when it
 * used one kind only (CRLF, or a lone CR), so a line a fix inserted with LF matches the others.
 */
export function keepFileStyle(original: string, fixed: string): string {
  let text = fixed.startsWith(BOM) ? fixed.slice(1) : fixed;
  const crlf = original.split('\r\n').length - 1;
  const lf = original.split('\n').length - 1 - crlf;
  const cr = original.split('\r').length - 1 - crlf;
  if (crlf > 0 && lf === 0 && cr === 0) text = text.replace(/\r?\n/g, '\r\n');
  else if (cr > 0 && crlf === 0 && lf === 0) text = text.replace(/\r\n|\n/g, '\r');
  return original.startsWith(BOM) ? BOM + text : text;
}

let counter = 0;

export function writeFixedCharter(charter: FixedCharter, io: WriteFs = nodeWriteFs): WriteOutcome {
  if (charter.kind !== 'charter') return { written: false, reason: 'not-a-charter' };
  let real: string;
  try {
    real = io.realpath(charter.file);
  } catch (error) {
    return { written: false, reason: 'changed', code: (error as NodeJS.ErrnoException).code };
  }
  if (!isInside(charter.root, real)) return { written: false, reason: 'outside-root' };
  const now = io.read(real);
  if (!now.ok || now.text !== charter.original) return { written: false, reason: 'changed' };
  const data = keepFileStyle(charter.original, charter.fixed);
  const temporary = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}-${++counter}.charter-lint.tmp`);
  try {
    io.create(temporary, data, io.mode(real));
    io.rename(temporary, real);
    return { written: true, path: real };
  } catch (error) {
    try {
      io.remove(temporary);
    } catch {
      // best effort: the temporary file may never have been made
    }
    return { written: false, reason: 'failed', code: (error as NodeJS.ErrnoException).code };
  }
}

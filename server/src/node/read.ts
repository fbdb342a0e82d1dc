import * as fs from 'node:fs';

/**
 * The one way the CLI and the language server read a workspace file (charter, config, role model).
 * A workspace is not trusted to hold only regular files: a charter or config may be a FIFO (an
 * open() for reading blocks until a writer comes), a symbolic link to /dev/zero (reads forever) or
 * a huge file. So the file is opened without blocking, checked with fstat on the open descriptor
 * (no race between a stat and the open), refused unless it is a regular file within a size cap,
 * and read no further than the size it had.
 */

/** Charters: the largest realistic organization file is a few MB; 10 MB charters are tested. */
export const MAX_CHARTER_BYTES = 32 * 1024 * 1024;
/** Configs and role models are small by nature. */
export const MAX_SMALL_FILE_BYTES = 4 * 1024 * 1024;

export type ReadRefusal = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

export type ReadResult =
  | { ok: true; text: string; mtimeMs: number; size: number }
  | { ok: false; reason: ReadRefusal; code?: string };

/** The text without a leading byte order mark (readers keep it; data readers drop it). */
export const withoutBom = (text: string): string => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** Reads a regular file as UTF-8 (a BOM is kept: callers decide), refusing anything else. */
export function readRegularFile(file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', code };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'not-a-file' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large' };
    const buffer = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    // One byte past the size fstat gave: a pseudo-file (/proc/self/mem, size 0) fails here (EIO)
    // instead of reading as an empty file; a file that grew meanwhile is read as it was.
    fs.readSync(fd, Buffer.allocUnsafe(1), 0, 1, read);
    return { ok: true, text: buffer.toString('utf8', 0, read), mtimeMs: stat.mtimeMs, size: read };
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: (error as NodeJS.ErrnoException).code };
  } finally {
    fs.closeSync(fd);
  }
}

/** A refusal in words, for a one-line message (the caller adds the path it may show). */
export function refusalText(result: Extract<ReadResult, { ok: false }>, maxBytes: number): string {
  switch (result.reason) {
    case 'missing':
      return 'file not found';
    case 'not-a-file':
      return 'not a regular file';
    case 'too-large':
      return `larger than ${Math.round(maxBytes / (1024 * 1024))} MB`;
    default:
      return `cannot be read${result.code ? ` (${result.code})` : ''}`;
  }
}

/** True when the path is a regular file (following links), without opening or reading it. */
export function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

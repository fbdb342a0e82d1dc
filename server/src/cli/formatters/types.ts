import type { Finding } from '../../core/types';

/** One linted file as the formatters see it: path relative to cwd, with `/` separators. */
export interface FileReport {
  file: string;
  findings: Finding[];
  /** How to show the file to people when `file` is not (the language server's absolute paths). */
  label?: string;
}

export interface FormatOptions {
  color: boolean;
  version: string;
}

export type Formatter = (reports: FileReport[], options: FormatOptions) => string;

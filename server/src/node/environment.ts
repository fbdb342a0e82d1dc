/**
 * Reading `process.env.X` in Node is a getenv() call through a C++ interceptor, not a property
 * lookup. The `yaml` parser reads `process.env.LOG_TOKENS` once per token, which costs about a
 * fifth of a large file's parse. The entry points (CLI, language server) replace `process.env`
 * with a plain copy before any parsing; child processes still inherit it, since Node passes
 * `process.env` explicitly when spawning.
 */
export function snapshotEnvironment(): void {
  process.env = { ...process.env };
}

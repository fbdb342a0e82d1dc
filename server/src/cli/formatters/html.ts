/** The HTML report lives in its own module (server/src/report/), shared by the CLI and the language server. */
export { formatHtml } from '../../report/html';

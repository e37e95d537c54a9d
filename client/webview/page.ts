/**
 * What every Axial webview page shares: the Content-Security-Policy, the document
 * around the page's own body, and the base stylesheet (theme colours and fonts,
 * buttons, code chips), so the pictures and the coding changes look alike and a
 * fix to one reaches both. No vscode import, so unit tests check the pages directly.
 *
 * Security: `default-src 'none'`; one stylesheet and one script, both by nonce; no
 * remote content; images only as data: URIs (an exported picture's preview).
 */
import { xml } from '../../core/analysis';

/** The Content-Security-Policy of a page whose one stylesheet and one script carry `nonce`. */
export function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:;`;
}

/** A page's parts: `body` is markup already escaped by the caller; css and script are the page's own. */
export interface WebviewPage {
  nonce: string;
  title: string;
  css: string;
  body: string;
  script: string;
}

/** The whole HTML document of a webview page: the base stylesheet first, then the page's own. */
export function webviewDocument(page: WebviewPage): string {
  const n = xml(page.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${xml(page.title)}</title>
<style nonce="${n}">
${BASE_CSS}
${page.css}
</style>
</head>
<body>
${page.body}
<script nonce="${n}">
${page.script}
</script>
</body>
</html>
`;
}

/** JSON that is safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The lines of a page script's `message` listener (where `m` is the message and
 * `vscode` the webview API) that answer a `click` message: the element `target`
 * finds (by default the one `m.selector` names) is clicked as a user would click
 * it, and `clicked` says whether it was found. The extension's tests use it.
 */
export function clickOnRequest(target = 'document.querySelector(m.selector)'): string {
  return `if (m.type === 'click') {
      const target = ${target};
      if (target) target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      vscode.postMessage({ type: 'clicked', key: m.key, selector: m.selector, found: !!target });
    }`;
}

/** A page script's `el(tag, cls, text)`: a new element with a class and text (textContent: never markup). */
export const ELEMENT_FUNCTION = `function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }`;

/** Theme colours and fonts, VS Code's button styles, and the `.code` chip of a code id. */
const BASE_CSS = `
body {
  margin: 0;
  color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size);
}
button {
  font: inherit; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 3px 10px; cursor: pointer;
  background: var(--vscode-button-background); color: var(--vscode-button-foreground);
}
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
button[aria-pressed="true"] { outline: 1px solid var(--vscode-focusBorder); }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.code {
  font-family: var(--vscode-editor-font-family); font-size: 0.92em; padding: 0 4px; border-radius: 3px;
  background: var(--vscode-textCodeBlock-background, rgba(128, 128, 128, 0.15));
}
`;

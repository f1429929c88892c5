/**
 * Putting text into the page safely. Data goes in as JSON inside <script type="application/json">,
 * with '<', '>', '&' and the JavaScript line separators escaped, so no name can close the script
 * element; the page builds its DOM from that data with textContent only.
 */
import zlib from 'node:zlib';

export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for an HTML text node or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Library code to inline in a <script> element: '</script' inside it would end the element early. */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** CSS to inline in a <style> element. */
export function inlineStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * The data element: JSON in <script type="application/json" id="report-data">; with `gzip` (a big
 * report), the JSON gzipped and in base64 in <script type="application/octet-stream"
 * id="report-data-gz">, which the page inflates with the browser's DecompressionStream (client/load.js).
 */
export function dataScript(data: unknown, gzip = false): string {
  if (!gzip) return `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`;
  return `<script type="application/octet-stream" id="report-data-gz">${zlib.gzipSync(JSON.stringify(data), { level: 6 }).toString('base64')}</script>`;
}

/** One self-contained HTML document: inlined styles, the body markup, the data as JSON, inlined scripts. */
export function htmlDocument(o: { title: string; styles: string[]; body: string; data: unknown; scripts: string[]; lang?: string; gzip?: boolean }): string {
  return `<!doctype html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="quarterhour report">
<title>${escapeHtml(o.title)}</title>
${o.styles.map((css) => `<style>${inlineStyle(css)}</style>`).join('\n')}
</head>
<body>
${o.body.trim()}
${dataScript(o.data, o.gzip)}
${o.scripts.map((js) => `<script>${inlineScript(js)}</script>`).join('\n')}
</body>
</html>
`;
}

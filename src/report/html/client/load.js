/*
 * The report's data: the JSON in <script id="report-data"> (read at once), or a big report's gzipped
 * JSON in base64 in <script id="report-data-gz"> (src/report/html/embed.ts), inflated with the browser's
 * DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 and later). `done(data)` builds the page.
 */
var QHLoad = (function () {
  'use strict';
  function fail(message) {
    var p = document.createElement('p');
    p.className = 'load-error';
    p.textContent = message;
    document.body.insertBefore(p, document.body.firstChild);
  }
  /** The bytes of a base64 string: the browser's own decoder where it has one (Chrome 140, Firefox 133, Safari 18.2). */
  function base64Bytes(b64) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
    var s = atob(b64);
    var bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  }
  /** A performance mark (bench/report.ts reads them). */
  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
  function load(done) {
    mark('qh-script');
    var plain = document.getElementById('report-data');
    if (plain) { done(JSON.parse(plain.textContent)); return; }
    var packed = document.getElementById('report-data-gz');
    if (typeof DecompressionStream === 'undefined') {
      fail('This report is big and compressed: it needs a browser with DecompressionStream (Chrome or Edge 80, Firefox 113, Safari 16.4 or later).');
      return;
    }
    var bytes = base64Bytes(packed.textContent.trim());
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    new Response(stream).text().then(function (text) { mark('qh-inflated'); var data = JSON.parse(text); mark('qh-parsed'); done(data); }).catch(function (e) {
      fail('The report\'s data could not be read: ' + e.message);
      console.error(e);
    });
  }
  return { load: load, base64Bytes: base64Bytes };
})();

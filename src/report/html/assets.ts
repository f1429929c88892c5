/**
 * The libraries the report bundles, read from node_modules at report time so the page needs no network:
 * Leaflet (map, no tile layer) and Chart.js (charts). Leaflet's CSS image references are dropped
 * (the report uses no marker icons or layer control), so the page loads nothing else. The page's own
 * script is client/*.js in one script element.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

function distFile(pkg: string, file: string): string {
  return fs.readFileSync(path.join(path.dirname(require.resolve(pkg)), file), 'utf8');
}

export interface Assets {
  leafletJs: string;
  leafletCss: string;
  chartJs: string;
  clientJs: string;
  clientCss: string;
}

let cached: Assets | null = null;

export function reportAssets(): Assets {
  if (cached) return cached;
  const client = (f: string) => fs.readFileSync(fileURLToPath(new URL(`./client/${f}`, import.meta.url)), 'utf8');
  cached = {
    leafletJs: distFile('leaflet', 'leaflet.js'),
    leafletCss: distFile('leaflet', 'leaflet.css').replace(/url\((?!#)[^)]*\)/g, 'none'),
    chartJs: distFile('chart.js', 'chart.umd.min.js'),
    // the coverage rule's port and the panels first: report.js, last, builds the page with them
    clientJs: ['load.js', 'coverage.js', 'compact.js', 'whatif.js', 'explain.js', 'symbols.js', 'canvas.js', 'report.js'].map(client).join('\n'),
    clientCss: client('report.css'),
  };
  return cached;
}

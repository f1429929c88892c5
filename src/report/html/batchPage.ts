/** The batch report page: Chart.js, the styles, the runs and the page script inlined into one HTML file. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportAssets } from './assets.ts';
import { htmlDocument } from './embed.ts';
import type { BatchReportData } from './fromBatch.ts';

const batchJs = () => fs.readFileSync(fileURLToPath(new URL('./client/batch.js', import.meta.url)), 'utf8');

export function batchReportHtml(data: BatchReportData): string {
  const a = reportAssets();
  const body = `
<header><h1 id="title"></h1><p id="subtitle"></p></header>
<main>
<section id="curves"><h2>Curves</h2><div id="controls"></div>
<figure><figcaption id="curve-caption"></figcaption><div class="chart"><canvas id="chart-curve"></canvas></div></figure></section>
<section id="portfolio" hidden><h2>Circles ranked by gain per 元</h2><p id="portfolio-caption"></p><div id="portfolio-table"></div>
<figure><figcaption>Circles by coverage (share of resident-service pairs within threshold), today and with the plan</figcaption><div class="chart"><canvas id="chart-distribution"></canvas></div></figure></section>
<section id="runs"><h2>Runs</h2><div id="run-table"></div></section>
</main>`;
  return htmlDocument({ title: data.title, styles: [a.clientCss], body, data, scripts: [a.chartJs, batchJs()] });
}

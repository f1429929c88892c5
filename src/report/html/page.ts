/** The report page: one HTML file with the libraries, the styles, the data and the page script inlined. */
import { reportAssets } from './assets.ts';
import type { ReportData } from './data.ts';
import { htmlDocument } from './embed.ts';

export function reportHtml(data: ReportData): string {
  const a = reportAssets();
  const body = `
<header><h1 id="title"></h1><p id="subtitle"></p></header>
<main>
<section id="map-section"><h2>Map</h2><div id="controls"></div><div id="map"></div><div id="legend"></div></section>
<section id="charts"><h2>Coverage</h2>
<figure><figcaption>Share of residents within each service's threshold, by age band (all services)</figcaption><div class="chart"><canvas id="chart-bands"></canvas></div></figure>
<figure><figcaption>Share of residents within the service's threshold, by service (all ages)</figcaption><div class="chart"><canvas id="chart-services"></canvas></div></figure>
</section>
<section id="plans"><h2>Plans</h2><div id="plan-tables"></div></section>
<section id="differences"><h2>Where the plans differ</h2><div id="difference-tables"></div></section>
</main>`;
  return htmlDocument({ title: data.title, styles: [a.leafletCss, a.clientCss], body, data, scripts: [a.leafletJs, a.chartJs, a.clientJs] });
}

/** The report page: one HTML file with the libraries, the styles, the data and the page script inlined. */
import { reportAssets } from './assets.ts';
import type { ReportData } from './data.ts';
import { escapeHtml, htmlDocument } from './embed.ts';

export function reportHtml(data: ReportData): string {
  const a = reportAssets();
  const h = (key: string) => escapeHtml(data.strings[key] ?? key);
  const body = `
<header><h1 id="title"></h1><p id="subtitle"></p></header>
<main>
<section id="warnings" class="warnings" hidden><h2>${h('headWarnings')}</h2><p class="note">${h('warningsIntro')}</p><ul id="warning-list"></ul></section>
<section id="map-section"><h2>${h('headMap')}</h2><div id="controls"></div><div id="map"></div><div id="legend"></div></section>
<section id="charts"><h2>${h('headCoverage')}</h2>
<figure><figcaption>${h('captionBands')}</figcaption><div class="chart"><canvas id="chart-bands"></canvas></div></figure>
<figure><figcaption>${h('captionServices')}</figcaption><div class="chart"><canvas id="chart-services"></canvas></div></figure>
</section>
<section id="plans"><h2>${h('headPlans')}</h2><div id="plan-tables"></div></section>
<section id="explanation" hidden><h2>${h('headExplanation')}</h2><div id="explanation-body"></div></section>
<section id="whatif" hidden><h2>${h('headWhatIf')}</h2><div id="whatif-body"></div></section>
<section id="differences"><h2>${h('headDifferences')}</h2><div id="difference-tables"></div></section>
</main>`;
  return htmlDocument({ title: data.title, styles: [a.leafletCss, a.clientCss], body, data, scripts: [a.leafletJs, a.chartJs, a.clientJs], lang: data.lang, gzip: !!data.compact });
}

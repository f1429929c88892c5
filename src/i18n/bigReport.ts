/** The big report's own words (src/report/html/compact.ts): the what-if table's row limit and the note on what a big report's what-if panel counts, en and zh. */
import type { Lang } from './lang.ts';
import type { ReportStrings } from './report.ts';

const EN: ReportStrings = {
  wiMore: 'Showing {shown} of {matching} idle spaces; type in the box to find the others.',
  wiBig: "A big report: a conversion counts for the blocks within its service's threshold (at the fastest walking speed) that it brings nearer than today's nearest site; coverage is exact, but the what-if map's minutes do not include a new site beyond that distance.",
};

const ZH: ReportStrings = {
  wiMore: '显示 {matching} 处闲置空间中的 {shown} 处；在查找框中输入以找到其余空间。',
  wiBig: '大型报告：改造只计入其服务阈值距离（按最快步行速度）以内、且比现有最近设施更近的街区；覆盖率准确，但推演地图的分钟数不含超出该距离的新设施。',
};

export function bigReportStrings(lang: Lang): ReportStrings {
  return lang === 'zh' ? ZH : EN;
}

/**
 * Chinese terms of the domain (../shared/reference/domain.md): service, age band, idle-space kind and
 * category names. A scenario's own `name_zh` column wins over these; an id with no term falls back to
 * the English name.
 */
import type { Lang } from './lang.ts';

export const SERVICE_ZH: Readonly<Record<string, string>> = {
  grocery: '便利店 / 超市',
  wet_market: '菜市场（生鲜）',
  breakfast: '早餐店',
  elder_canteen: '老年食堂（助餐点）',
  clinic: '社区卫生服务站',
  pharmacy: '药店',
  repair: '维修点（配钥匙、修鞋、缝补）',
  parcel: '快递驿站 / 智能快递柜',
  childcare: '托育点（0–3岁）',
  elder_day_care: '日间照料中心',
  reading_room: '阅览室 / 书店',
  fitness: '健身点',
  barber: '理发店',
};

export const AGE_BAND_ZH: Readonly<Record<string, string>> = {
  '0-5': '0–5岁',
  '6-17': '6–17岁',
  '18-34': '18–34岁',
  '35-59': '35–59岁',
  '60-74': '60–74岁',
  '75+': '75岁及以上',
};

export const CANDIDATE_KIND_ZH: Readonly<Record<string, string>> = {
  'testing-kiosk': '闲置核酸检测亭',
  kiosk: '闲置亭',
  'vacant-shop': '空置商铺',
  'community-room': '社区用房',
  'parking-corner': '停车场边角',
  'vacant-market-hall': '闲置市场大厅',
  'disused-premises': '闲置用房',
  brownfield: '闲置地块（棕地）',
  'construction-site': '在建工地',
};

export const CATEGORY_ZH: Readonly<Record<string, string>> = { basic: '基本保障类', quality: '品质提升类' };

/** A service's name in `lang`: its own zh name if the scenario has one, else the term, else `name`. */
export function serviceName(lang: Lang, id: string, name: string, nameZh?: string): string {
  if (lang === 'en') return name;
  return nameZh || SERVICE_ZH[id] || name;
}

/** An age band's label in `lang` ('60-74' or '60–74岁'). */
export function ageBandName(lang: Lang, band: string): string {
  return lang === 'zh' ? AGE_BAND_ZH[band] ?? band : band;
}

/** An idle-space kind's label in `lang`. */
export function candidateKindName(lang: Lang, kind: string): string {
  return lang === 'zh' ? CANDIDATE_KIND_ZH[kind] ?? kind : kind;
}

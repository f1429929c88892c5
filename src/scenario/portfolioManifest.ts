/**
 * portfolio.json, the manifest of a portfolio of living circles (generate --circles N): one entry per
 * circle with its folder (relative to the portfolio) and the traits it was drawn with. A batch with
 * "portfolio": "<folder>" sweeps every circle in manifest order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.ts';

export const PORTFOLIO_FORMAT = 'quarterhour-portfolio';

export interface PortfolioCircle {
  id: string;
  /** Scenario folder, relative to the portfolio folder. */
  folder: string;
  residents: number;
  blocks: number;
  /** Share of residents aged 60+. */
  olderShare: number;
  /** Services with no existing facility in the circle. */
  missing: string[];
  idleSpaces: number;
  maxCost: number;
}

export interface PortfolioManifest {
  format: typeof PORTFOLIO_FORMAT;
  version: 1;
  seed: number;
  circles: PortfolioCircle[];
  /** The distributions the circles were drawn from, in words. */
  distributions: Record<string, string>;
}

export function readPortfolio(dir: string, referrer = dir): PortfolioManifest {
  const file = path.join(dir, 'portfolio.json');
  if (!fs.existsSync(file)) throw new InputError(referrer, `portfolio '${dir}' has no portfolio.json; expected a folder written by 'quarterhour generate --circles N'`, undefined, 'portfolio');
  let doc: PortfolioManifest;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as PortfolioManifest;
  } catch (e) {
    throw new InputError(file, `is not valid JSON (${(e as Error).message})`);
  }
  if (doc?.format !== PORTFOLIO_FORMAT || !Array.isArray(doc.circles)) throw new InputError(file, `expected {"format": "${PORTFOLIO_FORMAT}", "circles": [...]}`, undefined, 'format');
  doc.circles.forEach((c, i) => {
    if (typeof c?.folder !== 'string' || c.folder === '' || path.isAbsolute(c.folder) || c.folder.split(/[\\/]/).includes('..')) throw new InputError(file, 'expected a folder name inside the portfolio', `circles[${i}]`, 'folder');
  });
  return doc;
}

/** The absolute scenario folders of a portfolio, in manifest order. */
export function portfolioScenarios(dir: string, referrer = dir): string[] {
  return readPortfolio(dir, referrer).circles.map((c) => path.join(dir, c.folder));
}

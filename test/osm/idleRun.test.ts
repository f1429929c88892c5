import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScenario } from '../../src/jobs/run.ts';
import { importOsmToFolder } from '../../src/osm/importScenario.ts';
import { tempFile } from '../fixtures/network/asciiCity.ts';
import { town } from '../fixtures/osm/town.ts';

describe('run on an OSM scenario with too few idle spaces', () => {
  it('says so plainly in its text and in summary.json warnings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-idle-'));
    await importOsmToFolder(tempFile('town.osm', town()), path.join(dir, 'town'));
    const r = await runScenario(path.join(dir, 'town'), { out: path.join(dir, 'out'), timeLimit: 10 });
    // the town's only facility is a bakery (breakfast): the other 12 services reach nobody
    const line = /only 2 idle spaces for 12 services that leave residents out of reach today \(grocery, .*\): most of these gaps stay open/;
    expect(r.summary.warnings.join('\n')).toMatch(line);
    expect(r.text).toMatch(new RegExp(`warning: ${line.source}`));
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.warnings.join('\n')).toMatch(line);
    const zh = await runScenario(path.join(dir, 'town'), { out: path.join(dir, 'out-zh'), timeLimit: 10, lang: 'zh', optimize: false });
    expect(zh.text).toMatch(/警告：闲置空间仅 2 处，而现状有 12 项服务未覆盖全部居民（/);
    expect(zh.summary.warnings.join('\n')).toMatch(line);
  }, 60_000);
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64ToFloat64, base64ToInt32 } from '../../../src/report/html/typed.ts';
import { writeReport } from '../../../src/report/html/write.ts';
import { REPO, tempDir } from '../../helpers/fixtures.ts';
import { hostileTiny, KIOSK_REPAIR, runResults, SCRIPT_NAME } from './resultsFixture.ts';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('writing the HTML report', () => {
  it('writes one self-contained file: the libraries inlined, nothing fetched', async () => {
    const dir = await runResults(hostileTiny(), KIOSK_REPAIR);
    const { file } = await writeReport(dir);
    expect(file).toBe(path.join(dir, 'report.html'));
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('Leaflet');
    expect(html).toMatch(/Chart\.js v4/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|url\(images\//);
  });

  it('keeps names with markup out of the markup', async () => {
    const dir = await runResults(hostileTiny(), KIOSK_REPAIR);
    const html = fs.readFileSync((await writeReport(dir)).file, 'utf8');
    expect(html).not.toContain(SCRIPT_NAME);
    expect(html).not.toContain('<img');
    expect(html).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
  });

  it('embeds the plan and both states when the folder has plan.json and the plan columns in coverage.csv', async () => {
    const dir = await runResults(hostileTiny(), KIOSK_REPAIR);
    const { data } = await writeReport(dir);
    if (data.kind === 'batch') throw new Error('expected a run report');
    expect(data.states.map((s) => s.label)).toEqual(['today', 'with plan']);
    expect(data.states[1].conversions.map((c) => c.candidate)).toEqual(['K1']);
    expect(data.states[1].byService.repair).toBe(0.8333);
    expect(data.states[0].byService.repair).toBe(0.5);
    // one circle per age band for the kiosk's one service; 60+ walk half as far in 5 minutes
    expect(data.states[1].isochrones.map((x) => x.metres)).toEqual([300, 300, 300, 300, 150, 150]);
  });

  it('writes the same bytes twice', async () => {
    const dir = await runResults(hostileTiny(), KIOSK_REPAIR);
    const a = fs.readFileSync((await writeReport(dir, path.join(tempDir(), 'a.html'))).file);
    const b = fs.readFileSync((await writeReport(dir, path.join(tempDir(), 'b.html'))).file);
    expect(a.equals(b)).toBe(true);
  });

  it('leaves the old report in place when the new one cannot be made', async () => {
    const dir = await runResults(hostileTiny());
    const out = path.join(dir, 'report.html');
    fs.writeFileSync(out, 'old');
    fs.writeFileSync(path.join(dir, 'coverage.csv'), 'block,service\nA,grocery\n');
    await expect(writeReport(dir)).rejects.toThrow(/missing column 'age_band'/);
    expect(fs.readFileSync(out, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('exits 2 naming summary.json when the scenario it names is gone', async () => {
    const dir = await runResults(hostileTiny());
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ ...summary, source: '../nowhere' }));
    const r = cli('report', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'summary.json')} field 'source': the scenario '../nowhere'`);
    expect(fs.existsSync(path.join(dir, 'report.html'))).toBe(false);
  });

  it('exits 2 on a folder that holds no results', () => {
    const dir = tempDir();
    const r = cli('report', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a results folder holding summary\.json/);
  });

  it('writes the report where --out says and prints what it drew', async () => {
    const dir = await runResults(hostileTiny(), KIOSK_REPAIR);
    const out = path.join(tempDir(), 'r.html');
    const r = cli('report', dir, '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: out, kind: 'run', states: ['today', 'with plan'], blocks: 3, facilities: 2, conversions: 1 });
    expect(fs.existsSync(out)).toBe(true);
  });

  it('writes the report in Chinese with --lang zh, and in English with --lang en whatever LANG says', async () => {
    const dir = await runResults(hostileTiny(), KIOSK_REPAIR);
    const zh = path.join(tempDir(), 'zh.html');
    expect(cli('report', dir, '--out', zh, '--lang', 'zh').code).toBe(0);
    const html = fs.readFileSync(zh, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h2>地图</h2>');
    expect(html).toContain('"label":"社区卫生服务站"');
    const en = path.join(tempDir(), 'en.html');
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), 'report', dir, '--out', en, '--lang', 'en'], { encoding: 'utf8', cwd: tempDir(), env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(en, 'utf8')).toContain('<html lang="en">');
    expect(cli('report', dir, '--lang', 'fr').stderr).toMatch(/--lang is 'fr', expected one of: en, zh/);
  });

  it('embeds the what-if data as base64 typed arrays: the block x idle-space distances within reach and today\'s nearest', async () => {
    const { data } = await writeReport(await runResults(hostileTiny(), KIOSK_REPAIR), path.join(tempDir(), 'r.html'));
    if (data.kind === 'batch' || !data.whatIf) throw new Error('expected a run report with the what-if data');
    const w = data.whatIf;
    expect(w.spaces.map((s) => [s.id, s.options.map((o) => o.service)])).toEqual([['K1', [1]], ['S1', [0, 2]]]);
    expect(Array.from(base64ToInt32(w.reach.offsets))).toEqual([0, 3, 6]);
    // K1 sits on block B; A and C are 600 m away (detour factor 1)
    expect(Array.from(base64ToFloat64(w.reach.metres).slice(0, 3), Math.round)).toEqual([600, 0, 600]);
    expect(base64ToFloat64(w.nearest).length).toBe(3 * 3);
    expect(w.initial).toEqual([{ space: 0, services: [1] }]);
  });
});

/** The CLI in Chinese and English: --lang zh|en for run, optimize, simulate, compare and locate; files keep English ids and add Chinese names. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { P1, P2, TINY, writePlans } from '../compare/tinyPlans.ts';
import { REPO, tempDir } from '../helpers/fixtures.ts';

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir(), env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI language', () => {
  it('prints run in Chinese with --lang zh: headings, service names, age bands, 元, and the plan', () => {
    const out = path.join(tempDir(), 'out');
    const r = cli(['run', TINY, '--out', out, '--lang', 'zh', '--time-limit', '10']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('现状覆盖 — tiny');
    expect(r.stdout).toContain('服务（步行时限）');
    expect(r.stdout).toContain('75岁及以上');
    expect(r.stdout).toMatch(/维修点（配钥匙、修鞋、缝补）（5分钟）/);
    expect(r.stdout).toMatch(/方案：在 1 处闲置空间改造 1 项，费用 [\d,]+ 元/);
    expect(r.stdout).toContain('加权需求（模拟日出行次数 × 年龄权重）可达');
    expect(r.stdout).toContain('已写入');
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    // the files keep English ids and add Chinese names
    const plan = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8'));
    expect(plan.conversions[0].services).toEqual(['repair']);
    expect(plan.conversions[0].services_zh).toEqual(['维修点（配钥匙、修鞋、缝补）']);
  });

  it('prints run in English with --lang en, says "1 conversion" and states money in 元', () => {
    const r = cli(['run', TINY, '--out', path.join(tempDir(), 'out'), '--lang', 'en', '--time-limit', '10']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Plan: 1 conversion in 1 idle space, cost [\d,]+ 元/m);
    expect(r.stdout).not.toMatch(/\b1 conversions\b|\b1 idle spaces\b/);
    expect(r.stdout).toMatch(/^Weighted demand \(simulated daily trips x age weight\) within reach: .* existing facilities .* added by the plan/m);
  });

  it('takes the language from LANG when --lang is not given', () => {
    const r = cli(['optimize', TINY, '--out', path.join(tempDir(), 'out'), '--time-limit', '10'], { LANG: 'zh_CN.UTF-8' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/方案：在 1 处闲置空间改造 1 项/);
  });

  it('prints optimize, simulate, compare and locate in Chinese', () => {
    const opt = cli(['optimize', TINY, '--out', path.join(tempDir(), 'o'), '--lang', 'zh', '--time-limit', '10']);
    expect(opt.code, opt.stderr).toBe(0);
    expect(opt.stdout).toContain('求解器 auto：已证明最优');
    expect(opt.stdout).toContain('加权需求（模拟日出行次数 × 年龄权重）可达');
    expect(opt.stdout).toContain('以上为加权日出行比例，而非 run 与 compare 表格中的居民比例');
    const sim = cli(['simulate', TINY, '--out', path.join(tempDir(), 's'), '--lang', 'zh']);
    expect(sim.code, sim.stderr).toBe(0);
    expect(sim.stdout).toContain('时限内出行');
    expect(sim.stdout).toContain('60–74岁');
    const cmp = cli(['compare', TINY, ...writePlans({ P1, P2 }), '--out', path.join(tempDir(), 'c'), '--lang', 'zh']);
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(cmp.stdout).toContain('方案比较 — tiny');
    expect(cmp.stdout).toMatch(/^P2\s.*超出/m);
    expect(cmp.stdout).toContain('仅 P2：S1 Shop（便利店 / 超市）');
    expect(cmp.stdout).toContain('两者都按居民计，不按出行计');
    const costs = path.join(tempDir(), 'costs.csv');
    fs.writeFileSync(costs, 'client,site,d,w\na,s1,1,1\nb,s1,100,1\na,s2,50,1\nb,s2,60,1\n');
    const loc = cli(['locate', '--model', 'mclp', '--costs', costs, '--from', 'client', '--to', 'site', '--cost', 'd', '--weight', 'w', '--radius', '10', '--p', '1', '--lang', 'zh']);
    expect(loc.code, loc.stderr).toBe(0);
    expect(loc.stdout).toMatch(/目标值 1，界 1，间隙 0\.0000%/);
    expect(loc.stdout).toContain('选址（1）：s1');
  });

  it('says in compare that its shares count residents, unlike optimize', () => {
    const cmp = cli(['compare', TINY, ...writePlans({ P1 }), '--out', path.join(tempDir(), 'c'), '--lang', 'en']);
    expect(cmp.stdout).toMatch(/Both count residents, not trips: optimize's share is of weighted daily trips/);
    expect(cmp.stdout).toMatch(/cost \(元\)/);
  });

  it('refuses an unknown language with exit 2', () => {
    expect(cli(['run', TINY, '--lang', 'fr']).code).toBe(2);
  });
});

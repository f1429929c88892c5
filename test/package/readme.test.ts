/** The README tells the truth: its API example runs as written, and its layout section names the folders of src/. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/fixtures.ts';

function apiExample(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## API'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README.md: no ```ts block in the API section');
  return m[1];
}

describe("the README's API example", () => {
  it("imports from 'quarterhour' alone and runs on the default scenario", () => {
    const code = apiExample();
    const imports = [...code.matchAll(/from '([^']+)'/g)].map((x) => x[1]);
    expect(imports).toEqual(['quarterhour']);
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^optimal 0 \{/);
  }, 120_000);
});

describe("the README's layout section", () => {
  it('names every folder of src/ and src/locate/, and no folder that is not there', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n### Layout'));
    const block = /```\n([\s\S]*?)```/.exec(section)![1];
    const named = new Set<string>();
    let parent = '';
    for (const line of block.split('\n')) {
      const top = /^(src\/[a-z0-9]+)\//.exec(line);
      const sub = /^ {2}([a-z0-9]+)\//.exec(line);
      if (top) named.add((parent = top[1]));
      else if (sub) named.add(`${parent}/${sub[1]}`);
    }
    const dirs = (d: string) => fs.readdirSync(path.join(REPO, d), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${d}/${e.name}`);
    const actual = [...dirs('src'), ...dirs('src/locate')].sort();
    expect([...named].sort()).toEqual(actual);
  });
});

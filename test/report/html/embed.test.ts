import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineScript, jsonForScript } from '../../../src/report/html/embed.ts';

describe('embedding text in the report page', () => {
  it('writes JSON that cannot close its script element and parses back to the same data', () => {
    const data = { name: '</script><script>alert(1)</script>', other: 'a & b > c <!-- d', sep: 'x\u2028y' };
    const text = jsonForScript(data);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(text)).toEqual(data);
  });

  it('escapes markup in text for HTML', () => {
    expect(escapeHtml(`<b title="x">Tom & Jerry's</b>`)).toBe('&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;');
  });

  it('keeps inlined library code from ending its script element', () => {
    expect(inlineScript('var s = "</script>"; var c = "<!--";')).toBe('var s = "<\\/script>"; var c = "<\\!--";');
  });
});

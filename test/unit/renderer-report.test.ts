/**
 * The self-contained HTML report (state/report.ts): our words escaped, nothing the file would fetch,
 * and the machine line as the header writes it.
 */
import { describe, expect, it } from 'vitest';
import type { SystemInfo } from '../../contract/catalog.js';
import { SaveReportSchema } from '../../contract/schemas.js';
import { escapeHtml, machineLine, reportDate, reportHtml } from '../../renderer/src/state/report.js';

const svg = '<svg class="view" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

describe('the HTML report', () => {
  it('escapes every text of ours: a title or a CPU model with markup stays text', () => {
    const html = reportHtml({ title: 'race <script>alert(1)</script> & "quotes"', machine: "CPU <img src=x onerror='x'>", date: '2026-12-02 01:04 UTC', svg });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>race &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</title>');
    expect(html).toContain('CPU &lt;img src=x onerror=&#39;x&#39;&gt;');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('is one document that fetches nothing: its CSP allows no script, no request, only data: pictures', () => {
    const html = reportHtml({ title: 't', machine: 'm', date: 'd', svg });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(svg);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    // and the shell's schema takes it
    expect(SaveReportSchema.safeParse({ html, name: 'corescope-compare-2026-12-02T01-04-00' }).success).toBe(true);
  });

  it('names the machine as the header does, and the date in UTC', () => {
    const system = { cpuModel: 'AMD EPYC 7B13', logicalCores: 2, totalMemoryBytes: 4 * 1024 ** 3, platform: 'linux' } as SystemInfo;
    expect(machineLine(system)).toBe('AMD EPYC 7B13 · 2 logical cores · 4.0 GB memory · linux');
    expect(machineLine(null)).toBe('machine not known');
    expect(reportDate(new Date('2026-12-02T01:04:59.123Z'))).toBe('2026-12-02 01:04 UTC');
  });
});

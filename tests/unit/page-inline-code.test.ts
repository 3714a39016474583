import { describe, expect, it } from 'vitest';
import { cspHash } from '../../src/lib/content-security-policy.ts';
import { cssUsesDataUrl, inspectPage, withCspMeta } from '../../src/lib/page-inline-code.ts';

const page = (head: string, body = '') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

describe('inspectPage', () => {
  it('hashes inline scripts and styles exactly as written between the tags', () => {
    const found = inspectPage(page('<style>p{color:red}</style><script>\n  start();\n</script>'));
    expect(found.scriptHashes).toEqual([cspHash('\n  start();\n')]);
    expect(found.styleHashes).toEqual([cspHash('p{color:red}')]);
    expect(found.runsScript).toBe(true);
  });

  it('hashes module scripts and import maps but not JSON-LD or other data blocks', () => {
    const found = inspectPage(
      page(
        '<script type="application/ld+json">{"@type":"NewsArticle"}</script><script type="text/plain">x</script>',
        '<script type="module">go()</script><script type="importmap">{"imports":{}}</script><script type="text/javascript">old()</script>',
      ),
    );
    expect(found.scriptHashes).toEqual([cspHash('go()'), cspHash('{"imports":{}}'), cspHash('old()')].sort());
  });

  it('does not hash scripts loaded from a file, but notes that the page runs script', () => {
    const found = inspectPage(page('<script src="/pagefind/pagefind-ui.js"></script>'));
    expect(found.scriptHashes).toEqual([]);
    expect(found.runsScript).toBe(true);
  });

  it('reports a page with only JSON-LD as running no script', () => {
    expect(inspectPage(page('<script type="application/ld+json">{}</script>')).runsScript).toBe(false);
  });

  it('is not fooled by script tags in comments, attributes or other raw text', () => {
    const found = inspectPage(page('<!-- <script>bad()</script> -->', '<p title="<script>bad()</script>">x</p><textarea><script>bad()</script></textarea>'));
    expect(found.scriptHashes).toEqual([]);
    expect(found.runsScript).toBe(false);
  });

  it('finds the same script in a page with CR LF line ends as in one with LF', () => {
    expect(inspectPage(page('<script>a();\r\nb();</script>')).scriptHashes).toEqual([cspHash('a();\nb();')]);
  });

  it('lists markup no hash can allow: style attributes, event handlers and javascript: URLs', () => {
    const found = inspectPage(page('', '<p style="color:red">a</p><img src="x.png" alt="" onerror="steal()"><a href=" JavaScript:go()">b</a>'));
    expect(found.blockedMarkup).toEqual(['<p style="color:red">', '<img onerror="steal()">', '<a href=" JavaScript:go()">']);
  });

  it('lists linked stylesheets and notices data: images in inline styles and img elements', () => {
    const found = inspectPage(page('<link rel="preload" href="/a.css"><link rel="stylesheet" href="/pagefind/pagefind-ui.css">'));
    expect(found.stylesheets).toEqual(['/pagefind/pagefind-ui.css']);
    expect(found.usesDataImages).toBe(false);
    expect(inspectPage(page('<style>i{background:url( "data:image/svg+xml,x")}</style>')).usesDataImages).toBe(true);
    expect(inspectPage(page('', '<img src="data:image/png;base64,AA" alt="">')).usesDataImages).toBe(true);
  });

  it('notices a page that already has a CSP meta', () => {
    expect(inspectPage(page('<meta http-equiv="content-security-policy" content="default-src *">')).hasCspMeta).toBe(true);
    expect(inspectPage(page('')).hasCspMeta).toBe(false);
  });
});

describe('withCspMeta', () => {
  it('puts the meta right after <meta charset>, before any style or script, and changes nothing else', () => {
    const html = page('<title>T</title><style>p{}</style>');
    const out = withCspMeta(html, inspectPage(html).metaOffset!, "default-src 'self'");
    expect(out).toBe(html.replace('<meta charset="utf-8">', `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'">`));
  });

  it('finds the same place in a page that begins as Astro writes it and in one that only looks like it', () => {
    const astro = '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>T</title><style>p{}</style></head><body></body></html>';
    const inserted = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="x">`;
    expect(withCspMeta(astro, inspectPage(astro).metaOffset!, 'x')).toBe(astro.replace('<meta charset="utf-8">', inserted));
    // The charset meta here is inside an attribute of <html>: parsed with source locations, the
    // meta goes at the head the parser made, not after the look-alike text.
    const lookalike = '<!DOCTYPE html><html title="<head><meta charset=&quot;utf-8&quot;>"><head><meta charset="utf-8"><title>T</title></head></html>';
    expect(withCspMeta(lookalike, inspectPage(lookalike).metaOffset!, 'x')).toBe(lookalike.replace('<head><meta charset="utf-8"><title>', `<head>${inserted}<title>`));
    // Uppercase tags and another charset still begin a page the parser reads the same way.
    const upper = '<!DOCTYPE html><HTML><HEAD><META CHARSET="utf-8"><title>T</title></HEAD></HTML>';
    expect(withCspMeta(upper, inspectPage(upper).metaOffset!, 'x')).toBe(upper.replace('<META CHARSET="utf-8">', '<META CHARSET="utf-8"><meta http-equiv="Content-Security-Policy" content="x">'));
    expect(inspectPage(astro)).toEqual({ ...inspectPage(astro.replace('<!DOCTYPE html>', '<!DOCTYPE html>\n')), metaOffset: inspectPage(astro).metaOffset });
  });

  it('puts the meta first in <head> when there is no charset meta', () => {
    const html = '<!DOCTYPE html><html><head><title>T</title></head><body></body></html>';
    const out = withCspMeta(html, inspectPage(html).metaOffset!, 'x');
    expect(out).toBe('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="x"><title>T</title></head><body></body></html>');
  });

  it('finds the head of a page written without a <head> tag, such as a redirect page', () => {
    const html = '<!doctype html><title>Redirecting</title><meta http-equiv="refresh" content="0;url=/a/"><body>x</body>';
    const out = withCspMeta(html, inspectPage(html).metaOffset!, 'x');
    expect(out).toBe('<!doctype html><meta http-equiv="Content-Security-Policy" content="x"><title>Redirecting</title><meta http-equiv="refresh" content="0;url=/a/"><body>x</body>');
  });

  it('escapes quotes and ampersands in the policy for the attribute', () => {
    const html = page('');
    expect(withCspMeta(html, inspectPage(html).metaOffset!, 'a "b" & c')).toContain('content="a &quot;b&quot; &amp; c"');
  });
});

describe('cssUsesDataUrl', () => {
  it('finds data: URLs quoted or not, and nothing in other URLs', () => {
    expect(cssUsesDataUrl("a{background:url(data:image/svg+xml,%3Csvg%3E)}")).toBe(true);
    expect(cssUsesDataUrl("a{background:url('data:image/png;base64,AA')}")).toBe(true);
    expect(cssUsesDataUrl('a{background:url(/img/data.png)}')).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspHash, EMBED_FRAME_SOURCES } from '../../src/lib/content-security-policy.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('cspHash', () => {
  it('gives the SHA-256 hash source the CSP specification shows for its example script', () => {
    expect(cspHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });

  it('hashes the text as the browser sees it: CR LF and lone CR become LF, non-ASCII as UTF-8', () => {
    expect(cspHash('a\r\nb\rc')).toBe(cspHash('a\nb\nc'));
    const utf8 = createHash('sha256').update(Buffer.from('ស្វាគមន៍', 'utf8')).digest('base64');
    expect(cspHash('ស្វាគមន៍')).toBe(`'sha256-${utf8}'`);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only this site by default and no inline code, plugins, foreign forms, base URLs or framing', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('adds script and style hashes sorted and without duplicates', () => {
    const a = cspHash('one()');
    const b = cspHash('two()');
    const s = cspHash('p{color:red}');
    const policy = directives(contentSecurityPolicy({ scriptHashes: [b, a, b], styleHashes: [s] }));
    expect(policy.get('script-src')).toEqual(["'self'", ...[a, b].sort()]);
    expect(policy.get('style-src')).toEqual(["'self'", s]);
  });

  it('allows WebAssembly only when asked, never eval', () => {
    expect(directives(contentSecurityPolicy({ wasm: true })).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(contentSecurityPolicy({ wasm: false })).not.toContain('wasm-unsafe-eval');
  });

  it('allows data: images only when asked', () => {
    expect(directives(contentSecurityPolicy({ dataImages: true })).get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives(contentSecurityPolicy()).has('img-src')).toBe(false);
  });

  it('lets pages frame the embed providers and nothing else', () => {
    const frames = directives(contentSecurityPolicy({ frameSources: EMBED_FRAME_SOURCES })).get('frame-src')!;
    expect(frames).toEqual([...EMBED_FRAME_SOURCES].sort());
    expect(frames).toContain('https://www.youtube-nocookie.com');
    expect(frames).toContain('https://www.google.com/maps/');
  });

  it('leaves frame-ancestors out of the meta copy, which browsers ignore there', () => {
    const meta = contentSecurityPolicy({ forMeta: true });
    expect(directives(meta).has('frame-ancestors')).toBe(false);
    expect(meta).toBe(contentSecurityPolicy().replace("; frame-ancestors 'none'", ''));
  });

  it('gives the same text for the same inputs in any order', () => {
    const hashes = [cspHash('a'), cspHash('b'), cspHash('c')];
    expect(contentSecurityPolicy({ scriptHashes: hashes })).toBe(contentSecurityPolicy({ scriptHashes: [...hashes].reverse() }));
  });
});

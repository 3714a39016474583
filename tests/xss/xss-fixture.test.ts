import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { xssFixtureDir, xssFixtureFiles } from './make-xss-fixture.ts';
import { xssVectors } from './owasp-vectors.ts';

describe('the committed XSS fixture site', () => {
  const files = xssFixtureFiles();

  it('matches its generator (run `node tests/xss/make-xss-fixture.ts` after changing the vectors)', () => {
    for (const [file, content] of files) {
      const onDisk = path.join(xssFixtureDir, file);
      expect(existsSync(onDisk), `${file} is missing`).toBe(true);
      expect(readFileSync(onDisk).equals(Buffer.from(content)), `${file} is out of date`).toBe(true);
    }
  });

  it('puts every vector into some story body', () => {
    const bodies = [...files].filter(([file]) => file.endsWith('.md')).map(([, content]) => String(content).split('\n---\n')[1]!).join('\n');
    for (const vector of xssVectors) expect(bodies.includes(vector.html), vector.name).toBe(true);
  });
});

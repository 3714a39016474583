import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
// Astro's own writer of the module of content images and its naming of images (not exported by
// the package, so by path): the form and the names the rewrite must understand.
import { MutableDataStore } from '../../node_modules/astro/dist/content/mutable-data-store.js';
import { imageSrcToImportId } from '../../node_modules/astro/dist/assets/utils/resolveImports.js';
import { shareImageImports } from '../../src/integrations/shared-image-imports.ts';
import { sharedImageKey } from '../../src/lib/shared-image-key.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// Deep enough that no path below climbs above the file system's root (where `..` stops).
const root = '/1/2/3/4/5/6/7/8/9/10/11/12/site/';
/** The file a name of Astro's leads to, as Vite resolves a relative path from the importer (relative to the root). */
const fileOf = (name: string) => {
  const [src, query] = name.split('?');
  const importer = new URLSearchParams(query).get('importer')!;
  return path.posix.resolve(root, path.posix.dirname(importer), src!);
};
const KEY_MODULE = '/project/src/lib/shared-image-key.ts';

/** Astro's module of content images for these entries (file relative to the root, image paths), written by Astro. */
async function astroModule(entries: [file: string, images: string[]][]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-asset-imports-'));
  dirs.push(dir);
  const store = new MutableDataStore();
  const scoped = store.scopedStore('articles');
  for (const [file, images] of entries) scoped.set({ id: file, data: {}, filePath: file, assetImports: images });
  const target = path.join(dir, 'content-assets.mjs');
  await store.writeAssetImports(pathToFileURL(target));
  return readFileSync(target, 'utf8');
}

/** The imports (symbol to name) and the map (key to symbol) of a rewritten module. */
function parse(code: string) {
  const imports = new Map([...code.matchAll(/^import (__ASTRO_IMAGE_IMPORT_\d+) from (".*");$/gm)].map((m) => [m[1]!, JSON.parse(m[2]!) as string]));
  const exported = /^export default new SharedImageImports\((\[.*\])\);$/m.exec(code)?.[1] ?? '';
  const map = new Map(
    [...exported.matchAll(/\[("(?:[^"\\]|\\.)*"), (__ASTRO_IMAGE_IMPORT_\d+)\]/g)].map((m) => [JSON.parse(m[1]!) as string, m[2]!]),
  );
  return { imports, map };
}

describe('sharedImageKey', () => {
  const segment = fc.constantFrom('a', 'b', 'photos', 'articles', 'x y', '..', '.');
  const relative = fc.tuple(fc.constantFrom('./', '../', '../../'), fc.array(segment, { maxLength: 3 }), fc.constantFrom('p.jpg', 'q.png'));
  const importer = fc.tuple(fc.array(fc.constantFrom('..', 'content', 'articles', 'news', 'world', 'a'), { maxLength: 5 }), fc.constantFrom('s.md', 't.md'));

  it('gives two names one key only when they lead to the same file, and the same key when they do', () => {
    fc.assert(
      fc.property(relative, importer, relative, importer, ([p1, s1, f1], [i1, m1], [p2, s2, f2], [i2, m2]) => {
        const a = imageSrcToImportId(`${p1}${[...s1, f1].join('/')}`, [...i1, m1].join('/'))!;
        const b = imageSrcToImportId(`${p2}${[...s2, f2].join('/')}`, [...i2, m2].join('/'))!;
        expect(sharedImageKey(a) === sharedImageKey(b)).toBe(fileOf(a) === fileOf(b));
      }),
    );
  });

  it('keeps names it cannot resolve as their own keys', () => {
    for (const src of ['photo.jpg', '@/assets/photo.jpg', '/abs/photo.jpg', '~/photo.jpg']) {
      const name = imageSrcToImportId(src, 'content/articles/a/s.md')!;
      expect(sharedImageKey(name)).toBe(name);
    }
    expect(sharedImageKey('../p.jpg')).toBe('../p.jpg');
    expect(sharedImageKey('../p.jpg?astroContentImageFlag')).toBe('../p.jpg?astroContentImageFlag');
  });
});

describe('shareImageImports', () => {
  const entries: [string, string[]][] = [
    ['content/articles/world/one.md', ['../../photos/a.jpg', '../../photos/b.jpg']],
    ['content/articles/world/two.md', ['../../photos/a.jpg']],
    ['content/articles/business/three.md', ['../../photos/a.jpg', './local.jpg']],
    ['content/articles/business/four.md', ['./local.jpg', 'bare.jpg']],
    ['content/authors/dara.yaml', ['../photos/b.jpg']],
  ];

  it("imports each file once and maps every name of Astro's to that file's import", async () => {
    const original = parse((await astroModule(entries)).replace('export default new Map(', 'export default new SharedImageImports('));
    expect(original.imports.size).toBe(8);
    const result = shareImageImports(await astroModule(entries), KEY_MODULE)!;
    expect(result).toBeDefined();
    expect([result.names, result.files]).toEqual([8, 4]);
    const shared = result.code;
    expect(shared).toContain(`import { sharedImageKey } from ${JSON.stringify(KEY_MODULE)};`);
    const { imports, map } = parse(shared);
    // a.jpg, b.jpg, business/local.jpg, and bare.jpg (not resolved: its own import).
    expect(new Set(imports.values()).size).toBe(imports.size);
    expect(imports.size).toBe(4);
    for (const name of original.imports.values()) {
      const symbol = map.get(sharedImageKey(name));
      expect(symbol, name).toBeDefined();
      expect(fileOf(imports.get(symbol!)!)).toBe(fileOf(name));
    }
  });

  it('looks names up by key in the map it exports', async () => {
    const shared = shareImageImports(await astroModule(entries), KEY_MODULE)!.code;
    // The module with its imports as values, run as JavaScript.
    const runnable = shared
      .replace(/^import \{ sharedImageKey \} from .*$/m, '')
      .replace(/^import (\w+) from (".*");$/gm, 'const $1 = { name: $2 };')
      .replace('export default', 'return');
    const map = new Function('sharedImageKey', runnable)(sharedImageKey) as Map<string, { name: string }>;
    for (const [file, images] of entries) {
      for (const image of images) {
        const name = imageSrcToImportId(image, file)!;
        expect(map.has(name)).toBe(true);
        expect(fileOf(map.get(name)!.name)).toBe(fileOf(name));
      }
    }
    expect(map.get(imageSrcToImportId('../../photos/missing.jpg', 'content/articles/world/one.md')!)).toBeUndefined();
  });

  it('leaves a module alone when no two names share a file, or when it is not in the form Astro writes', async () => {
    expect(shareImageImports(await astroModule([['content/a/s.md', ['./p.jpg', './q.jpg']]]), KEY_MODULE)).toBeUndefined();
    expect(shareImageImports(await astroModule([]), KEY_MODULE)).toBeUndefined();
    const code = await astroModule(entries);
    expect(shareImageImports(`${code}\nexport const extra = 1;`, KEY_MODULE)).toBeUndefined();
    expect(shareImageImports(code.replace(/\[("[^"]*"), __ASTRO_IMAGE_IMPORT_0\]/, '[$1, __ASTRO_IMAGE_IMPORT_1]'), KEY_MODULE)).toBeUndefined();
    expect(shareImageImports(code.replace('import __ASTRO_IMAGE_IMPORT_0 from', 'import * as __ASTRO_IMAGE_IMPORT_0 from'), KEY_MODULE)).toBeUndefined();
  });
});

/**
 * One import per photo in Astro's module of content images (`astro:asset-imports`), not one per
 * story that shows it.
 *
 * Why: Astro names a content image by its path *and the file of the entry that uses it*
 * (`../../photos/a.jpg?astroContentImageFlag&importer=content/articles/x/story.md`), and its
 * module of content images imports every name and maps it to the image. At 10,000 stories with a
 * hero and a picture in the body that is 19,949 imports (an 8.7 MB module) of the 200 photos of
 * the benchmark's pool. The bundler resolves each through two of Astro's plugins, loads the same
 * photo under each name and carries the whole module into the bundle: 4.5 s of every build's
 * bundling, against 1.1 s for the same stories without photos. Sharing the imports but keeping
 * every name in the map made it slower (6.3 s): the size of the module is the cost.
 *
 * What this does: it rewrites the module so it imports each file once and maps each file's key
 * (src/lib/shared-image-key.ts: the resolved path and the other query parameters) to it. Astro's
 * content runtime only ever calls `get(name)` on that map (with `imageSrcToImportId(src, the
 * entry's file)`), so the map it exports looks the name's key up. Names this cannot resolve (bare
 * names, aliases, absolute paths) are their own keys.
 *
 * A module in a form this does not know is left as Astro wrote it (a slower bundle, not a wrong
 * one); tests/unit/shared-image-imports.test.ts checks the form against Astro's own writer.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { sharedImageKey } from '../lib/shared-image-key.ts';

/** The resolved id of Astro's virtual module of content images (astro/dist/content/consts.js). */
export const ASSET_IMPORTS_MODULE = '\0astro:asset-imports';
/** The file Astro writes that module into, in the project's .astro/ folder (the same). */
export const ASSET_IMPORTS_FILE = 'content-assets.mjs';

const IMPORT_LINE = /^import (__ASTRO_IMAGE_IMPORT_\d+) from ("(?:[^"\\\n]|\\.)*");$/;
const EXPORT_LINE = /^export default new Map\(\[.*\]\);$/;

/**
 * Astro's module of content images with one import per file, its map looked up by key; undefined
 * when the code is not in the form Astro writes (imports, then `export default new Map([...])`
 * of exactly those names), or when no two names share a file.
 *
 * `keyModule` is the module specifier of src/lib/shared-image-key.ts for the bundler.
 */
export function shareImageImports(code: string, keyModule: string): { code: string; names: number; files: number } | undefined {
  const imports = new Map<string, string>();
  let exported = false;
  for (const line of code.split('\n')) {
    const text = line.trim();
    if (text === '') continue;
    const found = IMPORT_LINE.exec(text);
    if (found && !exported) {
      imports.set(found[1]!, JSON.parse(found[2]!) as string);
    } else if (EXPORT_LINE.test(text) && !exported) {
      exported = true;
      // The map must be exactly [name, its import] for each import, as Astro writes it.
      const expected = `export default new Map([${[...imports].map(([symbol, name]) => `[${JSON.stringify(name)}, ${symbol}]`).join(', ')}]);`;
      if (text !== expected) return undefined;
    } else {
      return undefined;
    }
  }
  if (!exported || imports.size === 0) return undefined;
  const byKey = new Map<string, [symbol: string, name: string]>();
  for (const [symbol, name] of imports) {
    const key = sharedImageKey(name);
    if (!byKey.has(key)) byKey.set(key, [symbol, name]);
  }
  if (byKey.size === imports.size) return undefined;
  const shared = [
    `import { sharedImageKey } from ${JSON.stringify(keyModule)};`,
    ...[...byKey.values()].map(([symbol, name]) => `import ${symbol} from ${JSON.stringify(name)};`),
    // Only get() and has() are asked of this map; they take a name, as Astro's map did.
    'class SharedImageImports extends Map {',
    '  get(name) { return super.get(sharedImageKey(name)); }',
    '  has(name) { return super.has(sharedImageKey(name)); }',
    '}',
    `export default new SharedImageImports([${[...byKey].map(([key, [symbol]]) => `[${JSON.stringify(key)}, ${symbol}]`).join(', ')}]);`,
    '',
  ].join('\n');
  return { code: shared, names: imports.size, files: byKey.size };
}

export function sharedImageImports(): AstroIntegration {
  return {
    name: 'broadsheet-shared-image-imports',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, logger }) => {
        // In a build the module is Astro's file in .astro/; the virtual id is what Astro answers
        // when that file does not exist (an empty map then, nothing to share).
        const assetImportsFile = fileURLToPath(new URL(ASSET_IMPORTS_FILE, new URL('.astro/', config.root)));
        const keyModule = fileURLToPath(new URL('../lib/shared-image-key.ts', import.meta.url));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'broadsheet-shared-image-imports',
                transform: {
                  filter: { id: { include: [ASSET_IMPORTS_MODULE, assetImportsFile] } },
                  handler(code: string, id: string) {
                    if (id !== ASSET_IMPORTS_MODULE && id !== assetImportsFile) return null;
                    const shared = shareImageImports(code, keyModule);
                    if (shared === undefined) return null;
                    logger.info(`Content images: ${shared.names} names of ${shared.files} files, each file imported once.`);
                    return { code: shared.code, map: null };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}

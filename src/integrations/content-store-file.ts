/**
 * Astro's content store read from its file when the pages render, not inlined into the bundle.
 *
 * Why: a build's prerender bundle carries the whole content store (`astro:data-layer-content`):
 * Astro answers the module with `export default JSON.parse("…")`, the store's file as one string
 * literal, 15 MB at 10,000 stories. The bundler carries it through every plugin and writes it,
 * and Node compiles the literal before it is parsed; measured in 10,000-story edit builds,
 * bundling took 3.2 to 3.4 s with it and 2.2 to 2.4 s without, and Astro's part of the build about
 * a second less. A static build renders on the machine that built the store, so the module can
 * read the file instead: the same JSON, parsed at the same moment.
 *
 * What this does: a transform of that module (Astro's load hook comes before any plugin of ours)
 * that keeps Astro's shape and replaces the literal by a read of the file, checked against the
 * SHA-256 of what the build's content sync left there. Astro's content runtime swallows any error
 * of this module and renders with an empty store, which would publish a site without its stories,
 * so a file that cannot be read, or is not what the sync wrote (another build using the same cache
 * folder meanwhile), stops the build with a message instead.
 *
 * Builds only (a dev server keeps its store elsewhere and reloads it); a module in a form this does
 * not know is left as Astro wrote it (a slower bundle, not a wrong one). The build log says
 * "Content store: read from its file when pages render, not bundled"; tests/build/content-store.test.ts
 * looks for it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The resolved id of Astro's virtual module of the content store (astro/dist/content/consts.js). */
export const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** The store's file in a build's cache folder (DATA_STORE_FILE there). */
export const DATA_STORE_FILE = 'data-store.json';

/** The start of the module as Astro writes it for a store kept in one file. */
const INLINED = 'export default JSON.parse(';

/**
 * The module that reads the store from `file`, whose contents had the SHA-256 `sha256` when the
 * site was bundled, and exits the build process with a message when it cannot.
 */
export function contentStoreModule(file: string, sha256: string): string {
  return [
    `import { createHash } from 'node:crypto';`,
    `import { readFileSync } from 'node:fs';`,
    `const file = ${JSON.stringify(file)};`,
    'let store;',
    'try {',
    `  const text = readFileSync(file, 'utf8');`,
    `  if (createHash('sha256').update(text).digest('hex') !== ${JSON.stringify(sha256)}) throw new Error('it changed after this build synced the content');`,
    '  store = JSON.parse(text);',
    '} catch (error) {',
    // Thrown, this would be swallowed by Astro and every page rendered from an empty store.
    '  console.error(`\\nAstro\'s content store ${file} could not be read as this build left it: ${error instanceof Error ? error.message : String(error)}. Another build may have used the same cache folder meanwhile; run the build again.`);',
    '  process.exit(1);',
    '}',
    'export default store;',
    '',
  ].join('\n');
}

export function contentStoreFile(): AstroIntegration {
  return {
    name: 'broadsheet-content-store',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, logger }) => {
        if (command !== 'build') return;
        const storeFile = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'broadsheet-content-store',
                transform: {
                  filter: { id: /^\0astro:data-layer-content$/ },
                  handler(code: string, id: string) {
                    if (id !== DATA_STORE_MODULE || !code.startsWith(INLINED)) return null;
                    let bytes: Buffer;
                    try {
                      bytes = readFileSync(storeFile);
                    } catch {
                      return null;
                    }
                    logger.info(`Content store: read from its file when pages render, not bundled (${(bytes.length / 2 ** 20).toFixed(1)} MB).`);
                    return { code: contentStoreModule(storeFile, createHash('sha256').update(bytes).digest('hex')), map: null };
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

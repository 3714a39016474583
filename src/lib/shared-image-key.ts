/**
 * The key of a content image's name in Astro's module of content images: one key per file (see
 * src/integrations/shared-image-imports.ts). Astro names an image by its path and the file of the
 * entry that uses it, `<src>?astroContentImageFlag&importer=<entry file, relative to the root>`.
 * A relative path (`./`, `../`) resolves from the importer's folder, so two names whose paths
 * lead to the same place, with the same other query parameters, name the same file: their key is
 * that place (relative to the project root) and those parameters. Any other name is its own key.
 *
 * Bundled into the site (the module of content images imports it), so plain string work only.
 */
export function sharedImageKey(name: string): string {
  const mark = name.indexOf('?');
  if (mark < 0) return name;
  const src = name.slice(0, mark);
  if (!src.startsWith('./') && !src.startsWith('../')) return name;
  const params = new URLSearchParams(name.slice(mark + 1));
  const importer = params.get('importer');
  if (importer === null || importer.startsWith('/') || importer.includes('\\')) return name;
  params.delete('importer');
  // The importer's folder, then the image's path from there, normalized as path.posix.join would.
  const parts: string[] = [];
  for (const part of [...importer.split('/').slice(0, -1), ...src.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return `${parts.join('/')}?${params.toString()}`;
}

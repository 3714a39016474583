/**
 * The build wrapper's cleanup, in a detached process once the new dist/ is in place (see
 * scripts/lib/set-aside.ts): `node cleanup.ts <tree> <folder>...` empties the first folder into
 * `<tree>` for the next build (keepFolderTree()) and deletes the others. `<tree>` may be '' (no
 * folder to keep).
 */
import { rmSync } from 'node:fs';
import { keepFolderTree } from './set-aside.ts';

const [tree, ...folders] = process.argv.slice(2);
if (tree && folders[0]) keepFolderTree(folders[0], tree);
for (const folder of tree ? folders.slice(1) : folders) rmSync(folder, { recursive: true, force: true });

/**
 * A small static file server for a built site, on 127.0.0.1, the way a CDN would serve it:
 * `/path/` serves `path/index.html`, text is compressed (brotli, else gzip), hashed assets under
 * `/_astro/` are cached for a year, anything missing gets the site's 404 page with status 404.
 * Written with node:http because the audit must run offline and only needs these few rules.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  const decoded = decodeURIComponent(urlPath.split('?')[0]!);
  const file = path.join(root, path.normalize(decoded));
  if (!file.startsWith(root)) return undefined;
  for (const candidate of [file, path.join(file, 'index.html')]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {}
  }
  return undefined;
}

export async function serveStatic(root: string): Promise<{ server: Server; origin: string }> {
  const base = path.resolve(root);
  const server = createServer(async (request, response) => {
    const file = await resolveFile(base, request.url ?? '/');
    const status = file ? 200 : 404;
    const served = file ?? path.join(base, '404.html');
    let body: Buffer;
    try {
      body = await readFile(served);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const type = TYPES[path.extname(served).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': (request.url ?? '').startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    };
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (/^(text\/|application\/(json|xml|javascript)|image\/svg)/.test(type)) {
      headers['vary'] = 'accept-encoding';
      if (accepts.includes('br')) {
        body = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        headers['content-encoding'] = 'br';
      } else if (accepts.includes('gzip')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
    }
    headers['content-length'] = String(body.length);
    response.writeHead(status, headers).end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The static server did not get a port.');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/**
 * A small static server for a built site on 127.0.0.1, behaving like the CDN it is deployed to:
 * files from dist/ with their content types, `/x` redirected to `/x/` when that is a folder, the
 * 404 page with status 404 for anything else, the headers `dist/_headers` gives each path (so a
 * browser enforces the real Content-Security-Policy and caching), and text compressed with brotli
 * or gzip as the browser accepts (Lighthouse measures transfer sizes). Used by `npm run audit` and
 * the browser tests. Written with node:http because both run offline and need only these rules.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { headersForPath, parseHeadersFile } from '../../src/lib/headers-file.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'text/xsl; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Extra pages served as given, at exact paths, with no headers (a test's control page). */
  extraPages?: Record<string, string>;
}

export async function serveDist(dist: string, { extraPages = {} }: ServeOptions = {}): Promise<StaticServer> {
  const root = path.resolve(dist);
  const headersFile = path.join(root, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/';
    }
    const extra = extraPages[pathname];
    if (extra !== undefined) {
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html']! }).end(extra);
      return;
    }
    let file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(root)) file = root;
    const isDir = existsSync(file) && statSync(file).isDirectory();
    if (isDir && !pathname.endsWith('/')) {
      response.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    if (isDir) file = path.join(file, 'index.html');
    let status = 200;
    // Files starting with _ (_headers, _redirects) are the CDN's configuration, never served.
    if (!existsSync(file) || !statSync(file).isFile() || path.basename(file).startsWith('_')) {
      status = 404;
      file = path.join(root, '404.html');
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type };
    for (const [name, value] of headersForPath(rules, url.pathname)) headers[name] = value;
    let body: Buffer = existsSync(file) ? readFileSync(file) : Buffer.from('Not found');
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (COMPRESSIBLE.test(type)) {
      headers['Vary'] = 'Accept-Encoding';
      if (/\bbr\b/.test(accepts)) {
        body = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        headers['Content-Encoding'] = 'br';
      } else if (/\bgzip\b/.test(accepts)) {
        body = gzipSync(body, { level: 9 });
        headers['Content-Encoding'] = 'gzip';
      }
    }
    headers['Content-Length'] = String(body.length);
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESS: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) => brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => gzip(body, { level: 9 }),
};

/** A page rendered once and sent many times: its bytes, its validator, and compressed copies made on first demand. */
export interface RenderedPage<M> {
  body: Buffer;
  /** Weak: the compressed copies are the same page. */
  etag: string;
  meta: M;
  encoded: Map<Encoding, Promise<Buffer>>;
}

export function renderedPage<M>(html: string, meta: M): RenderedPage<M> {
  const body = Buffer.from(html);
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag, meta, encoded: new Map() };
}

/** The page compressed; made once, and never kept if compressing failed. */
export function encodedBody(page: RenderedPage<unknown>, encoding: Encoding): Promise<Buffer> {
  let encoded = page.encoded.get(encoding);
  if (!encoded) {
    encoded = COMPRESS[encoding](page.body);
    page.encoded.set(encoding, encoded);
    encoded.catch(() => page.encoded.delete(encoding));
  }
  return encoded;
}

export interface PageCache<M> {
  /** The page under `key`, rendered by `render` unless already kept; nothing is kept when `render` finds no page. */
  get<P extends RenderedPage<M> | undefined>(key: string, render: () => Promise<P>): Promise<P>;
}

/**
 * Rendered pages in this process's memory, least recently used dropped first. Keys carry the
 * knowledge generation they were rendered under, so a change anywhere simply stops their use.
 * `maxAgeMs` bounds how long what moves without a generation (view counts ordering related
 * articles) can lag: an older page is still sent while its fresh rendering is made, so pages
 * rendered together do not all make their readers wait together. Concurrent requests for a page
 * being rendered share that rendering.
 */
export function pageCache<M>(options: { maxBytes: number; maxAgeMs: number }): PageCache<M> {
  const pages = new LRUCache<string, RenderedPage<M>, () => Promise<RenderedPage<M> | undefined>>({
    maxSize: options.maxBytes,
    // Room for the page and its compressed copies.
    sizeCalculation: (page) => page.body.length * 2,
    ttl: options.maxAgeMs,
    allowStale: true,
    fetchMethod: (_key, _stale, { context }) => context(),
  });
  return { get: <P extends RenderedPage<M> | undefined>(key: string, render: () => Promise<P>) => pages.fetch(key, { context: render }) as Promise<P> };
}

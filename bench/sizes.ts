/** What the widget costs a page to download: each built file, raw, gzipped and brotli'd. */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export function widgetSizes(dist: string): FileSize[] {
  return ['widget.js', 'widget-app.js'].map((file) => {
    const bytes = readFileSync(`${dist}/${file}`);
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

/** The WebSocket URL for a path on an HTTP(S) origin: wss for https, ws for http. */
export function socketUrl(path: string, base: string): URL {
  const url = new URL(path, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

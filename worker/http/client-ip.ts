/** The caller's IP as Cloudflare's edge reports it; null in local runs that do not set it. */
export const clientIp = (request: Request): string | null => request.headers.get('CF-Connecting-IP');

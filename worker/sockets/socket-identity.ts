/**
 * Who is on the other end of a socket. The Worker's routes authenticate the caller and pass
 * this to a Durable Object in a header that they always overwrite, so a client cannot set it;
 * the DO keeps it in the socket's attachment, which survives hibernation.
 */
import type { ParticipantRole } from '../../protocol/chat';

export interface SocketIdentity {
  role: ParticipantRole;
  id: string;
  name: string;
}

const HEADER = 'X-Parley-Identity';

/** Sends an authenticated WebSocket upgrade on to the Durable Object that will hold it. */
export function forwardSocket(request: Request, stub: { fetch(r: Request): Promise<Response> }, who: SocketIdentity) {
  const headers = new Headers(request.headers);
  headers.set(HEADER, JSON.stringify(who));
  return stub.fetch(new Request(request, { headers }));
}

export function identityOf(request: Request): SocketIdentity | null {
  const raw = request.headers.get(HEADER);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SocketIdentity;
  } catch {
    return null;
  }
}

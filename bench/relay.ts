/**
 * The baseline: a bare WebSocket relay in Node (`ws`), no auth, no validation, no persistence.
 * Every socket joins the room named by its path; each message goes to the room's other sockets,
 * but `ping`, which it answers with `pong` as Parley's runtime does, so both have a ping floor.
 * Compression is off (the `ws` server's default), as it is for the bench's clients.
 * Run in its own process; reports its port to the parent.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });

server.on('connection', (ws, request) => {
  const name = request.url ?? '/';
  const room = rooms.get(name) ?? new Set<WebSocket>();
  rooms.set(name, room);
  room.add(ws);
  ws.on('message', (data, isBinary) => {
    if (!isBinary && String(data) === 'ping') return ws.send('pong');
    for (const peer of room) if (peer !== ws) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => room.delete(ws));
});

server.on('listening', () => {
  const { port } = server.address() as { port: number };
  process.send!({ port });
});

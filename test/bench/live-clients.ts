/**
 * The client side of `npm run bench:live`, forked by live.bench.ts so that the sockets' own work is not
 * counted in the server's memory: opens N socket.io connections, joins the given rooms, and notes when each
 * push arrives (performance.timeOrigin + performance.now(), comparable between the two processes).
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

interface Start {
  kind: 'api' | 'raw';
  url: string;
  /** per client: the token and the room */
  clients: { token: string; room: string }[];
}

const now = (): number => performance.timeOrigin + performance.now();
let sockets: Socket[] = [];
/** message key (position or sequence) -> receipt times */
const received = new Map<string, number[]>();

function note(key: string): void {
  const at = now();
  let times = received.get(key);
  if (!times) received.set(key, (times = []));
  times.push(at);
}

async function start(message: Start): Promise<void> {
  received.clear();
  const opened = message.clients.map(
    ({ token, room }) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(message.url, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          auth: { token },
        });
        socket.on('connect_error', reject);
        socket.on('connect', () => {
          if (message.kind === 'api') {
            socket.on('event', (event: { position: string }) => note(event.position));
            socket.emit('subscribe', { room }, (ack: { ok: boolean; code?: string }) =>
              ack.ok ? resolve(socket) : reject(new Error(ack.code)),
            );
          } else {
            socket.on('event', (event: { position: string }) => note(event.position));
            socket.emit('join', room, () => resolve(socket));
          }
        });
      }),
  );
  // open in slices: a thousand handshakes at once would measure the handshake, not the pushes
  sockets = [];
  for (let index = 0; index < opened.length; index += 50) {
    sockets.push(...(await Promise.all(opened.slice(index, index + 50))));
  }
}

process.on('message', (message: { type: string } & Partial<Start>) => {
  if (message.type === 'start') {
    start(message as Start).then(
      () => process.send!({ type: 'ready' }),
      (error: unknown) => process.send!({ type: 'failed', error: String(error) }),
    );
  } else if (message.type === 'collect') {
    process.send!({ type: 'received', received: [...received.entries()] });
  } else if (message.type === 'close') {
    for (const socket of sockets) socket.disconnect();
    sockets = [];
    process.send!({ type: 'closed' });
  } else if (message.type === 'exit') {
    process.exit(0);
  }
});
process.send!({ type: 'hello' });

/**
 * The command side of `npm run bench:live`, forked by live.bench.ts so that the HTTP client sending the
 * commands does not run on the api's event loop (in a deployment the commands come from browsers elsewhere):
 * posts one note per message at a steady rate and answers, per command, the position its response named and
 * when the response arrived (performance.timeOrigin + performance.now(), comparable between the processes).
 */
import { performance } from 'node:perf_hooks';

interface Send {
  type: 'send';
  url: string;
  token: string;
  rate: number;
  /** per command: the action to write a note on, and the room whose clients should receive the push */
  commands: { actionId: string; room: string }[];
}

const now = (): number => performance.timeOrigin + performance.now();

async function send(message: Send): Promise<{ key: string; at: number; room: string }[]> {
  const sent: { key: string; at: number; room: string }[] = [];
  const inFlight: Promise<void>[] = [];
  const start = now();
  for (let index = 0; index < message.commands.length; index++) {
    const due = start + (index * 1000) / message.rate;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { actionId, room } = message.commands[index]!;
    inFlight.push(
      (async () => {
        const response = await fetch(`${message.url}/api/actions/${actionId}/notes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${message.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text: `Verslag van de werkgroep, punt ${index}: opvolging afgesproken.` }),
        });
        const at = now();
        const body = (await response.json()) as { position: string };
        if (response.status !== 201 && response.status !== 200)
          throw new Error(`command: ${response.status}`);
        sent.push({ key: body.position, at, room });
      })(),
    );
  }
  await Promise.all(inFlight);
  return sent;
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'send') {
    send(message as Send).then(
      (sent) => process.send!({ type: 'sent', sent }),
      (error: unknown) => process.send!({ type: 'failed', error: String(error) }),
    );
  } else if (message.type === 'exit') {
    process.exit(0);
  }
});
process.send!({ type: 'hello' });

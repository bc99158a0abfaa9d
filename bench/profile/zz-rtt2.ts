import { spawn } from 'node:child_process';
import { createMessengerCore } from '../../src-main/core/messenger';
const COUNT = Number(process.env.N ?? 3000);
const WARMUP = 300;
const core = (name: string, own: string, other: string) =>
  createMessengerCore({
    nickname: name,
    user: 'bench',
    host: name,
    bindAddress: own,
    hosts: [other],
    broadcast: false,
    timing: { answerDelayMaxMs: 10 },
  });
if (process.env.ROLE === 'receiver') {
  const r = core('receiver', '127.0.62.2', '127.0.62.1');
  await r.start();
  process.stdout.write('ready\n');
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
} else {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.RPROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.RPROF] : []),
      '--import',
      'tsx',
      new URL(import.meta.url).pathname,
    ],
    { env: { ...process.env, ROLE: 'receiver' }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((r) =>
    child.stdout.on('data', (d) => String(d).includes('ready') && r()),
  );
  const sender = core('sender', '127.0.62.1', '127.0.62.2');
  await sender.start();
  while (!sender.snapshot().peers.some((p) => p.id === 'bench@receiver' && p.status === 'online'))
    await new Promise((r) => setTimeout(r, 20));
  const conversation = sender.openConversation('bench@receiver');
  const rts: number[] = [];
  let sentAt = 0n,
    done = 0;
  await new Promise<void>((resolve) => {
    const next = () => {
      sentAt = process.hrtime.bigint();
      sender.sendMessage({ conversationId: conversation, text: 'ping' });
    };
    sender.onEvent((e) => {
      if (
        e.type !== 'message' ||
        e.message.direction !== 'out' ||
        (e.message.state !== 'delivered' && e.message.state !== 'failed')
      )
        return;
      done++;
      if (done > WARMUP) rts.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
      if (done === WARMUP + COUNT) resolve();
      else setImmediate(next);
    });
    next();
  });
  rts.sort((a, b) => a - b);
  console.log(
    JSON.stringify({ p50: rts[rts.length >> 1], p99: rts[Math.floor(rts.length * 0.99)] }),
  );
  child.stdin.end();
  await new Promise((r) => child.on('exit', r));
  process.exit(0);
}

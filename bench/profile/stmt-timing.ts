// Time spent in each SQLite statement, printed at exit: for finding which statements a
// message costs, by hand, e.g.
//   node --import tsx --import ./bench/profile/stmt-timing.ts bench/profile/loopback-rtt.ts
import Database from 'better-sqlite3';
const proto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1'));
const stats = new Map<string, { n: number; ns: bigint }>();
for (const name of ['run', 'get', 'all']) {
  const orig = proto[name];
  proto[name] = function (this: { source: string }, ...args: unknown[]) {
    const t = process.hrtime.bigint();
    try {
      return orig.apply(this, args);
    } finally {
      const k = `${name} ${this.source.replace(/\s+/g, ' ').slice(0, 110)}`;
      const s = stats.get(k) ?? { n: 0, ns: 0n };
      s.n++;
      s.ns += process.hrtime.bigint() - t;
      stats.set(k, s);
    }
  };
}
process.on('exit', () => {
  const rows = [...stats].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 25);
  for (const [k, s] of rows)
    console.log(
      `${String(s.n).padStart(7)} ${(Number(s.ns) / 1e6).toFixed(0).padStart(6)} ms ${(Number(s.ns) / s.n / 1e3).toFixed(1).padStart(6)} us  ${k}`,
    );
});

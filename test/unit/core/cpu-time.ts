// CPU time (user + system, process.cpuUsage) of the fastest of several runs: what a
// budget test asserts, robust on a busy shared machine where wall-clock time is not.
export function minCpuMicros(work: () => void, runs = 7): number {
  work(); // warm the JIT once
  let best = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

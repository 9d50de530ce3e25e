// Ratios between benchmarks that ran side by side in one process: throughput ratios of
// `bench.compare`'s results (0.8 means the first ran at 80% of the second's speed, in ops
// per second), and time ratios of two functions timed in alternating pairs.

interface Throughput {
  throughput: { mean: number };
}

export function printRatios(
  title: string,
  results: { get(name: string): Throughput },
  pairs: readonly (readonly [subject: string, baseline: string])[],
): void {
  const rows = pairs.map(([subject, baseline]) => {
    const ratio = results.get(subject).throughput.mean / results.get(baseline).throughput.mean;
    return { subject, "vs baseline": baseline, ratio: `${ratio.toFixed(2)}x` };
  });
  console.log(`\n${title}`);
  console.table(rows);
}

/**
 * The two functions timed in alternating pairs (A then B, B then A...), after a warm-up:
 * drift, pauses and the collector fall on both alike, which runs of one function after the
 * other (as `bench.compare` does) do not give on a busy 2-core machine. Returns the ratios
 * of `b`'s time over `a`'s, by the median and by the mean of the samples.
 */
export async function pairedRatios(
  a: () => Promise<void>,
  b: () => Promise<void>,
  rounds: number,
): Promise<{ median: number; mean: number }> {
  const time = async (run: () => Promise<void>) => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  for (let round = 0; round < rounds / 5; round++) {
    await a();
    await b();
  }
  const times = { a: [] as number[], b: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      times.a.push(await time(a));
      times.b.push(await time(b));
    } else {
      times.b.push(await time(b));
      times.a.push(await time(a));
    }
  }
  const median = (values: number[]) =>
    [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    median: median(times.b) / median(times.a),
    mean: mean(times.b) / mean(times.a),
  };
}

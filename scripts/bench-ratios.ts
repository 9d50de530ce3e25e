// Prints throughput ratios between benchmarks that ran side by side in one process.
// A ratio of 0.8 means the first ran at 80% of the second's speed (ops per second).

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

/** Type sizes compared to a tenth of a point: the same size drawn by two fonts differs in the last digits. */
export const roundTenth = (size: number) => Math.round(size * 10) / 10;

/** The value carrying the most weight (on a tie, the one seen first), or undefined when there is none. */
export function weightedMode(pairs: Iterable<readonly [number, number]>): number | undefined {
  const totals = new Map<number, number>();
  for (const [value, weight] of pairs) totals.set(value, (totals.get(value) ?? 0) + weight);
  return [...totals.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The size most characters of `items` are set in (sizes rounded by `round`): a page's or a line's body size. */
export function dominantSize(items: Iterable<{ size: number; text: string }>, round: (size: number) => number = roundTenth): number | undefined {
  return weightedMode([...items].map((item) => [round(item.size), item.text.length] as const));
}

/**
 * Where the words beginning with `prefix` start in a sorted list: the first word not before it.
 * Every word that begins with the prefix follows from there, one after the other.
 */
export function firstWithPrefix(sorted: readonly string[], prefix: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

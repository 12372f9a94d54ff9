import { show } from '../quantity';

/** How messages write a user range: `100–500 users`, `10,000+ users`. */
export function rangeText(low: number, high: number | undefined, open: boolean): string {
  if (open || high === undefined) return `${show(low, 2)}+ users`;
  return `${show(low, 2)}–${show(high, 2)} users`;
}

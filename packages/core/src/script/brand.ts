/** Marks an object with a registered symbol, so that a class check works across copies of this package. */
export function setBrand(target: object, brand: symbol): void {
  Object.defineProperty(target, brand, { value: true });
}

/** True when `value` was marked with `brand` by {@link setBrand} (in any copy of this package). */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

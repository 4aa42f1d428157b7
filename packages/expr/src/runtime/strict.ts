// ksqlDB's default null rule for functions and operators: any null argument gives null.

export function strict<F extends (...args: any[]) => unknown>(f: F): F {
  return ((...args: any[]) => {
    for (const a of args) if (a == null) return null;
    return f(...args);
  }) as F;
}

/** Rounds half away from zero to `scale` digits, exactly on the decimal text (1.005 -> 1.01). */
export function roundHalfUp(x: number, scale: number): number {
  const magnitude = Math.abs(x);
  if (magnitude < 1e-6 || magnitude >= 1e15) {
    const f = 10 ** scale;
    return Math.sign(x) * (Math.round(magnitude * f) / f);
  }
  const rounded = Number(`${Math.round(Number(`${magnitude}e${scale}`))}e${-scale}`);
  return x < 0 ? -rounded : rounded;
}

// Identifier spelling for each target: camelCase variables for TypeScript and Java,
// UPPER_SNAKE relation names for ksqlDB, kept unique within one generated file.

const WORDS = /[A-Za-z0-9]+/g;

function words(text: string): string[] {
  return (text.match(WORDS) ?? []).map((w) => w.toLowerCase());
}

/** `orders-by customer` -> `ordersByCustomer`; a leading digit gets a `n` prefix. */
export function camelCase(text: string): string {
  const [first = "node", ...rest] = words(text);
  const joined = first + rest.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  return /^[0-9]/.test(joined) ? `n${joined}` : joined;
}

/** `orders-by customer` -> `ORDERS_BY_CUSTOMER`. */
export function upperSnake(text: string): string {
  const joined = words(text).join("_").toUpperCase() || "RELATION";
  return /^[0-9]/.test(joined) ? `R_${joined}` : joined;
}

/** `orders-by customer` -> `OrdersByCustomer`, for Java class names. */
export function pascalCase(text: string): string {
  const camel = camelCase(text);
  return camel[0].toUpperCase() + camel.slice(1);
}

/** Hands out names that are unique and avoid the target's reserved words. */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(
    reserved: Iterable<string> = [],
    private readonly caseInsensitive = false,
  ) {
    for (const word of reserved) this.taken.add(this.norm(word));
  }

  claim(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(this.norm(name)); i++) name = `${base}${i}`;
    this.taken.add(this.norm(name));
    return name;
  }

  private norm(name: string): string {
    return this.caseInsensitive ? name.toUpperCase() : name;
  }
}

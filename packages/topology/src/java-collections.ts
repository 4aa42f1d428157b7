// Just enough of Java's collections to reproduce Topology#describe()'s ordering: the
// iteration order of a HashMap<String, _> and a TreeSet whose comparator reads values that
// change after insertion (red-black insertion exactly as java.util.TreeMap#put does it).

/** java.lang.String#hashCode. */
function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Keys in the order a java.util.HashMap (default capacity 16, load factor 0.75) filled in
 * `inserted` order iterates them: by bucket, then by insertion within a bucket.
 */
export function hashMapOrder(inserted: readonly string[]): string[] {
  let capacity = 16;
  while (inserted.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = stringHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return inserted
    .map((key, i) => ({ key, i, b: bucket(key) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.key);
}

interface Entry<T> {
  key: T;
  left?: Entry<T>;
  right?: Entry<T>;
  parent?: Entry<T>;
  black: boolean;
}

/** java.util.TreeSet: a red-black tree; iteration is in-order, whatever the keys became. */
export class JavaTreeSet<T> {
  private root?: Entry<T>;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  add(key: T): void {
    let t = this.root;
    if (!t) {
      this.root = { key, black: true };
      return;
    }
    let parent: Entry<T>;
    let cmp: number;
    do {
      parent = t;
      cmp = this.compare(key, t.key);
      if (cmp === 0) return;
      t = cmp < 0 ? t.left : t.right;
    } while (t);
    const e: Entry<T> = { key, parent, black: false };
    if (cmp < 0) parent.left = e;
    else parent.right = e;
    this.fixAfterInsertion(e);
  }

  values(): T[] {
    const out: T[] = [];
    const walk = (e?: Entry<T>) => {
      if (!e) return;
      walk(e.left);
      out.push(e.key);
      walk(e.right);
    };
    walk(this.root);
    return out;
  }

  private fixAfterInsertion(e: Entry<T>): void {
    let x: Entry<T> | undefined = e;
    const black = (n?: Entry<T>) => !n || n.black;
    while (x && x !== this.root && !black(x.parent)) {
      const parent: Entry<T> = x.parent!;
      const grand = parent.parent;
      const parentIsLeft = parent === grand?.left;
      const uncle = parentIsLeft ? grand?.right : grand?.left;
      if (!black(uncle)) {
        parent.black = true;
        uncle!.black = true;
        if (grand) grand.black = false;
        x = grand;
        continue;
      }
      if (x === (parentIsLeft ? parent.right : parent.left)) {
        x = parent;
        if (parentIsLeft) this.rotateLeft(x);
        else this.rotateRight(x);
      }
      const p = x.parent;
      if (p) p.black = true;
      const g = p?.parent;
      if (g) {
        g.black = false;
        if (parentIsLeft) this.rotateRight(g);
        else this.rotateLeft(g);
      }
    }
    this.root!.black = true;
  }

  private rotateLeft(p: Entry<T>): void {
    const r = p.right!;
    p.right = r.left;
    if (r.left) r.left.parent = p;
    this.replace(p, r);
    r.left = p;
    p.parent = r;
  }

  private rotateRight(p: Entry<T>): void {
    const l = p.left!;
    p.left = l.right;
    if (l.right) l.right.parent = p;
    this.replace(p, l);
    l.right = p;
    p.parent = l;
  }

  /** Puts `by` where `p` hangs. */
  private replace(p: Entry<T>, by: Entry<T>): void {
    by.parent = p.parent;
    if (!p.parent) this.root = by;
    else if (p.parent.left === p) p.parent.left = by;
    else p.parent.right = by;
  }
}

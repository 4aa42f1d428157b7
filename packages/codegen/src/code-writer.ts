// A small line printer with indentation: generators emit lines and blocks, and the
// writer owns spacing, so every target comes out consistently formatted.

export class CodeWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  constructor(private readonly indentUnit = "  ") {}

  line(text = ""): this {
    this.lines.push(text === "" ? "" : this.indentUnit.repeat(this.depth) + text);
    return this;
  }

  /** Several lines at the current depth; embedded newlines keep their relative indent. */
  block(text: string): this {
    for (const l of text.split("\n")) this.line(l);
    return this;
  }

  /** A blank line, unless the previous one is already blank or nothing was written. */
  blank(): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== "") this.lines.push("");
    return this;
  }

  indent(body: () => void): this {
    this.depth++;
    body();
    this.depth--;
    return this;
  }

  toString(): string {
    const text = this.lines.join("\n").replace(/\n+$/, "");
    return `${text}\n`;
  }
}

// ksqlDB's DELIMITED format: one CSV line per value, columns in schema order, an empty field
// is NULL, fields containing the delimiter or quotes are double-quoted (RFC 4180 quoting).
import { type Serde, SerdeError, serdeOf, utf8Decode, utf8Encode } from "./serde";

export interface DelimitedColumn {
  name: string;
  /** SQL type name; numeric and boolean columns are converted on read. */
  type: string;
}

type Row = Record<string, unknown>;

function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else field += c;
  }
  if (quoted) throw new SerdeError("DELIMITED: unterminated quoted field");
  fields.push(field);
  return fields;
}

function parseField(text: string, column: DelimitedColumn): unknown {
  if (text === "") return null;
  const type = column.type.toUpperCase();
  if (type === "BOOLEAN") return text.toLowerCase() === "true";
  if (/^(INT|INTEGER|BIGINT|DOUBLE|DECIMAL|TIMESTAMP)/.test(type)) {
    const n = Number(text);
    if (Number.isNaN(n))
      throw new SerdeError(`DELIMITED: column ${column.name}: '${text}' is not a number`);
    return n;
  }
  return text;
}

function formatField(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.includes(delimiter) || text.includes('"') || text.includes("\n")
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

export function delimitedSerde(columns: DelimitedColumn[], delimiter = ","): Serde<Row> {
  return serdeOf<Row>(
    "DELIMITED",
    (row) => utf8Encode(columns.map((c) => formatField(row[c.name], delimiter)).join(delimiter)),
    (bytes) => {
      const fields = splitLine(utf8Decode(bytes, "DELIMITED"), delimiter);
      if (fields.length !== columns.length) {
        throw new SerdeError(`DELIMITED: expected ${columns.length} fields, got ${fields.length}`);
      }
      const row: Row = {};
      columns.forEach((c, i) => {
        row[c.name] = parseField(fields[i], c);
      });
      return row;
    },
  );
}

// Reads a topology file for validate/describe; an unreadable file is reported, not thrown.
import { readFile } from "node:fs/promises";
import type { Io } from "../io";

/** Exit code for input that cannot be read or is not a topology document at all. */
export const UNREADABLE = 2;

export async function readDocumentText(file: string, io: Io): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as Error).message}`);
    return undefined;
  }
}

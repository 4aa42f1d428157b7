// Token check shared by REST and the socket.io handshake, constant-time so the token cannot be
// guessed byte by byte from response timings.
import { createHash, timingSafeEqual } from "node:crypto";

export function tokenMatches(expected: string | undefined, given: unknown): boolean {
  if (expected === undefined) return true;
  if (typeof given !== "string") return false;
  return timingSafeEqual(digest(expected), digest(given));
}

/** `Authorization: Bearer <token>` or the bare token. */
export function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return header.startsWith("Bearer ") ? header.slice(7) : header;
}

function digest(s: string) {
  return createHash("sha256").update(s).digest();
}

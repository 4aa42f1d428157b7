// Offsets of time zones at an instant: "UTC", fixed offsets ("+02:00", "GMT-5") and IANA names
// ("Europe/Paris", through the platform's Intl data, so it works in browsers too).

const FIXED = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?$/;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** Milliseconds to add to UTC to get local time in `zone` at `epochMs`; null if unknown zone. */
export function zoneOffset(zone: string, epochMs: number): number | null {
  if (zone === "UTC" || zone === "Z" || zone === "GMT") return 0;
  const fixed = FIXED.exec(zone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    return (fixed[1] === "-" ? -minutes : minutes) * 60000;
  }
  const formatter = formatterFor(zone);
  if (!formatter) return null;
  const seconds = epochMs - (((epochMs % 1000) + 1000) % 1000);
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(seconds))) parts[p.type] = Number(p.value);
  const local = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour % 24,
    parts.minute,
    parts.second,
  );
  return local - seconds;
}

/** The UTC instant of a local wall-clock time in `zone`. */
export function fromLocal(localMs: number, zone: string): number | null {
  const first = zoneOffset(zone, localMs);
  if (first === null) return null;
  const second = zoneOffset(zone, localMs - first);
  return localMs - (second ?? first);
}

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}
